package io.lakesync.bench;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * PostgreSQL's binary {@code numeric}: sign, display scale, and base-10000 digits with the weight
 * of the first. Values whose unscaled digits fit a long (every decimal up to precision 18) take a
 * path without BigInteger arithmetic, as a tuned loader would.
 */
final class NumericEncoding {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

    /** Base-10000 digits, least significant first; reused for every value. */
    private short[] digits = new short[12];

    /** Writes the length-prefixed field. */
    void write(BigDecimal value, CopyBuffer out) {
        int scale = Math.max(0, value.scale());
        BigDecimal nonNegativeScale = value.scale() < 0 ? value.setScale(0) : value;
        // pad the scale up to whole base-10000 digits after the point
        int padding = (4 - scale % 4) % 4;
        int fractionDigits = (scale + padding) / 4;
        int count = 0;
        boolean negative = nonNegativeScale.signum() < 0;
        if (nonNegativeScale.precision() <= 18) {
            long magnitude = Math.abs(nonNegativeScale.scaleByPowerOfTen(nonNegativeScale.scale()).longValue());
            if (magnitude <= Long.MAX_VALUE / 1000) {
                magnitude *= POWERS_OF_TEN[padding];
                for (; magnitude != 0; magnitude /= 10_000) {
                    grow(count);
                    digits[count++] = (short) (magnitude % 10_000);
                }
                writeDigits(digits, count, fractionDigits, scale, negative, out);
                return;
            }
        }
        BigInteger magnitude = nonNegativeScale.unscaledValue().abs().multiply(BigInteger.valueOf(POWERS_OF_TEN[padding]));
        while (magnitude.signum() != 0) {
            BigInteger[] qr = magnitude.divideAndRemainder(TEN_THOUSAND);
            grow(count);
            digits[count++] = qr[1].shortValue();
            magnitude = qr[0];
        }
        writeDigits(digits, count, fractionDigits, scale, negative, out);
    }

    /** {@code leastSignificantFirst[0..count)} are the base-10000 digits, the last {@code fractionDigits} after the point. */
    private static void writeDigits(short[] leastSignificantFirst, int count, int fractionDigits, int scale,
            boolean negative, CopyBuffer out) {
        int weight = count - fractionDigits - 1;
        int lowest = 0;
        while (lowest < count && leastSignificantFirst[lowest] == 0) {
            lowest++; // trailing zero digits are implied by the weight
        }
        int kept = count - lowest;
        out.writeInt(8 + 2 * kept);
        out.writeShort(kept);
        out.writeShort(kept == 0 ? 0 : weight);
        out.writeShort(negative && kept > 0 ? NEGATIVE : POSITIVE);
        out.writeShort(scale);
        for (int i = count - 1; i >= lowest; i--) {
            out.writeShort(leastSignificantFirst[i]);
        }
    }

    private void grow(int count) {
        if (count == digits.length) {
            digits = java.util.Arrays.copyOf(digits, digits.length * 2);
        }
    }
}
