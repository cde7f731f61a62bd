package io.lakesync.postgres.internal.copy;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes a BigDecimal in PostgreSQL's binary NUMERIC form: ndigits, weight, sign, dscale, then
 * base-10000 digits grouped around the decimal point. dscale is the value's own scale, so 1.50
 * stays 1.50. Values of up to 18 digits (almost all) are split with long arithmetic; longer ones
 * through their decimal string.
 */
final class NumericEncoder {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POW10 = new long[MAX_LONG_DIGITS + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Base-10000 digits, most significant first; reused for every value. */
    private short[] digits = new short[16];

    void write(BigDecimal value, CopyBuffer out) {
        if (value.scale() < 0) {
            value = value.setScale(0); // PostgreSQL's dscale cannot be negative; same value
        }
        int scale = value.scale();
        int sign = value.signum() < 0 ? NEGATIVE : POSITIVE;
        long packed;
        if (value.signum() == 0) {
            packed = 0;
        } else {
            BigInteger unscaled = value.unscaledValue();
            if (unscaled.bitLength() < 63 && scale <= MAX_LONG_DIGITS) {
                packed = splitLong(Math.abs(unscaled.longValue()), scale);
            } else {
                packed = splitDecimalString(unscaled.abs().toString(), scale);
            }
        }
        int count = (int) (packed >>> 32);
        out.ensure(12 + 2 * count);
        out.putInt(8 + 2 * count);
        out.putShort(count);
        out.putShort((int) packed); // weight
        out.putShort(sign);
        out.putShort(scale);
        for (int i = 0; i < count; i++) {
            out.putShort(digits[i]);
        }
    }

    /**
     * Fills {@link #digits} for {@code unscaled * 10^-scale}; returns (count << 32) | (weight & 0xffffffff).
     * One division by a variable power of ten; the rest divides by the constant 10000, which the JIT
     * turns into a multiplication.
     */
    private long splitLong(long unscaled, int scale) {
        long power = POW10[scale];
        long integer = unscaled / power;
        long fraction = unscaled - integer * power;
        int fractionGroups = (scale + 3) >> 2;
        int integerGroups = integerGroups(integer);
        ensureDigits(integerGroups + fractionGroups);
        for (int g = integerGroups - 1; g >= 0; g--) {
            digits[g] = (short) (integer % 10000);
            integer /= 10000;
        }
        int pad = 4 * fractionGroups - scale; // zeros that align the fraction to whole groups
        if (scale + pad <= MAX_LONG_DIGITS) {
            long aligned = fraction * POW10[pad];
            for (int g = integerGroups + fractionGroups - 1; g >= integerGroups; g--) {
                digits[g] = (short) (aligned % 10000);
                aligned /= 10000;
            }
        } else {
            for (int g = 0; g < fractionGroups; g++) {
                int remaining = scale - 4 * (g + 1);
                long group = remaining >= 0
                        ? (fraction / POW10[remaining]) % 10000
                        : (fraction % POW10[scale - 4 * g]) * POW10[-remaining];
                digits[integerGroups + g] = (short) group;
            }
        }
        return strip(integerGroups + fractionGroups, integerGroups - 1);
    }

    private static int integerGroups(long integer) {
        int groups = 0;
        for (long limit = 1; integer >= limit && groups < 5; limit *= 10000) {
            groups++;
        }
        return groups;
    }

    /** The same for values too long for a long, from the digits of the unscaled value. */
    private long splitDecimalString(String unscaled, int scale) {
        int integerDigits = unscaled.length() - scale;
        String integer = integerDigits > 0 ? unscaled.substring(0, integerDigits) : "";
        String fraction = integerDigits > 0 ? unscaled.substring(integerDigits)
                : "0".repeat(-integerDigits) + unscaled;
        int integerGroups = (integer.length() + 3) / 4;
        int fractionGroups = (fraction.length() + 3) / 4;
        ensureDigits(integerGroups + fractionGroups);
        int n = 0;
        int firstGroupLength = integer.length() - 4 * (integerGroups - 1);
        for (int g = 0, at = 0; g < integerGroups; g++) {
            int len = g == 0 ? firstGroupLength : 4;
            digits[n++] = (short) Integer.parseInt(integer, at, at + len, 10);
            at += len;
        }
        for (int g = 0; g < fractionGroups; g++) {
            int at = 4 * g;
            int len = Math.min(4, fraction.length() - at);
            int group = Integer.parseInt(fraction, at, at + len, 10);
            for (int pad = len; pad < 4; pad++) {
                group *= 10;
            }
            digits[n++] = (short) group;
        }
        return strip(n, integerGroups - 1);
    }

    /** Drops leading zero groups (lowering the weight) and trailing ones, as PostgreSQL stores them. */
    private long strip(int n, int weight) {
        int first = 0;
        while (first < n && digits[first] == 0) {
            first++;
            weight--;
        }
        int last = n;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int count = last - first;
        if (first > 0) {
            System.arraycopy(digits, first, digits, 0, count);
        }
        return ((long) count << 32) | (weight & 0xffffffffL);
    }

    private void ensureDigits(int n) {
        if (digits.length < n) {
            digits = new short[Math.max(n, 2 * digits.length)];
        }
    }
}
