package io.lakesync.delta.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * Renders a Delta/Spark VARIANT value (its binary {@code value} plus {@code metadata}, as specified
 * by the Parquet Variant encoding) as JSON text. Leaves follow DESIGN §3: numbers as JSON numbers,
 * dates and times as ISO-8601 strings with microseconds, binary as base64; NaN and infinities, which
 * JSON cannot hold, as the strings "NaN", "Infinity", "-Infinity".
 */
public final class VariantJson {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter TIME_MICROS = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private static final int PRIMITIVE = 0;
    private static final int SHORT_STRING = 1;
    private static final int OBJECT = 2;
    private static final int ARRAY = 3;

    private final byte[] value;
    private final byte[] metadata;
    private final int dictionarySize;
    private final int dictionaryOffsetSize;
    private final StringBuilder out = new StringBuilder(64);

    private VariantJson(byte[] value, byte[] metadata) {
        this.value = value;
        this.metadata = metadata;
        int header = metadata[0] & 0xFF;
        int version = header & 0x0F;
        if (version != 1) {
            throw new IllegalArgumentException("variant metadata version " + version + " is not supported (expected 1)");
        }
        this.dictionaryOffsetSize = ((header >> 6) & 0x3) + 1;
        this.dictionarySize = readUnsigned(metadata, 1, dictionaryOffsetSize);
    }

    /** The JSON text of a variant value; throws IllegalArgumentException when the bytes are malformed. */
    public static String toJson(byte[] value, byte[] metadata) {
        try {
            VariantJson json = new VariantJson(value, metadata);
            json.render(0);
            return json.out.toString();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("variant value is truncated or malformed", e);
        }
    }

    private void render(int pos) {
        int header = value[pos] & 0xFF;
        int basicType = header & 0x3;
        int typeInfo = header >> 2;
        switch (basicType) {
            case PRIMITIVE:
                renderPrimitive(typeInfo, pos + 1);
                break;
            case SHORT_STRING:
                quote(new String(value, pos + 1, typeInfo, StandardCharsets.UTF_8));
                break;
            case OBJECT:
                renderObject(typeInfo, pos);
                break;
            default:
                renderArray(typeInfo, pos);
                break;
        }
    }

    private void renderObject(int typeInfo, int pos) {
        int offsetSize = (typeInfo & 0x3) + 1;
        int idSize = ((typeInfo >> 2) & 0x3) + 1;
        boolean large = ((typeInfo >> 4) & 0x1) != 0;
        int countSize = large ? 4 : 1;
        int count = readUnsigned(value, pos + 1, countSize);
        int idsStart = pos + 1 + countSize;
        int offsetsStart = idsStart + count * idSize;
        int valuesStart = offsetsStart + (count + 1) * offsetSize;
        out.append('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(dictionaryKey(readUnsigned(value, idsStart + i * idSize, idSize)));
            out.append(':');
            render(valuesStart + readUnsigned(value, offsetsStart + i * offsetSize, offsetSize));
        }
        out.append('}');
    }

    private void renderArray(int typeInfo, int pos) {
        int offsetSize = (typeInfo & 0x3) + 1;
        boolean large = ((typeInfo >> 2) & 0x1) != 0;
        int countSize = large ? 4 : 1;
        int count = readUnsigned(value, pos + 1, countSize);
        int offsetsStart = pos + 1 + countSize;
        int valuesStart = offsetsStart + (count + 1) * offsetSize;
        out.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            render(valuesStart + readUnsigned(value, offsetsStart + i * offsetSize, offsetSize));
        }
        out.append(']');
    }

    private void renderPrimitive(int typeId, int p) {
        switch (typeId) {
            case 0: out.append("null"); break;
            case 1: out.append("true"); break;
            case 2: out.append("false"); break;
            case 3: out.append(value[p]); break;
            case 4: out.append((short) readSigned(p, 2)); break;
            case 5: out.append((int) readSigned(p, 4)); break;
            case 6: out.append(readSigned(p, 8)); break;
            case 7: number(Double.longBitsToDouble(readSigned(p, 8))); break;
            case 8: decimal(p, 4); break;
            case 9: decimal(p, 8); break;
            case 10: decimal(p, 16); break;
            case 11: quote(LocalDate.ofEpochDay((int) readSigned(p, 4)).toString()); break;
            case 12: quote(MICROS.format(utc(readSigned(p, 8), 1_000L)) + "Z"); break;
            case 13: quote(MICROS.format(utc(readSigned(p, 8), 1_000L))); break;
            case 14: number(Float.intBitsToFloat((int) readSigned(p, 4))); break;
            case 15: quote(Base64.getEncoder().encodeToString(bytes(p))); break;
            case 16: quote(new String(bytes(p), StandardCharsets.UTF_8)); break;
            case 17: quote(TIME_MICROS.format(LocalTime.ofNanoOfDay(readSigned(p, 8) * 1_000L))); break;
            case 18: quote(NANOS.format(utc(readSigned(p, 8), 1L)) + "Z"); break;
            case 19: quote(NANOS.format(utc(readSigned(p, 8), 1L))); break;
            case 20: quote(uuid(p).toString()); break;
            default: throw new IllegalArgumentException("unknown variant primitive type id " + typeId);
        }
    }

    private static LocalDateTime utc(long units, long nanosPerUnit) {
        long perSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, perSecond);
        long nanos = Math.floorMod(units, perSecond) * nanosPerUnit;
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
    }

    private void number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            quote(Double.toString(d));
        } else {
            out.append(d);
        }
    }

    private void number(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            quote(Float.toString(f));
        } else {
            out.append(f);
        }
    }

    private void decimal(int p, int width) {
        int scale = value[p] & 0xFF;
        BigInteger unscaled;
        if (width == 16) {
            byte[] bigEndian = new byte[16];
            for (int i = 0; i < 16; i++) {
                bigEndian[i] = value[p + 16 - i];
            }
            unscaled = new BigInteger(bigEndian);
        } else {
            unscaled = BigInteger.valueOf(readSigned(p + 1, width));
        }
        out.append(new BigDecimal(unscaled, scale).toPlainString());
    }

    private byte[] bytes(int p) {
        int length = readUnsigned(value, p, 4);
        byte[] b = new byte[length];
        System.arraycopy(value, p + 4, b, 0, length);
        return b;
    }

    private UUID uuid(int p) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (value[p + i] & 0xFF);
            low = (low << 8) | (value[p + 8 + i] & 0xFF);
        }
        return new UUID(high, low);
    }

    private String dictionaryKey(int id) {
        if (id >= dictionarySize) {
            throw new IllegalArgumentException("variant field id " + id + " is outside the dictionary");
        }
        int offsetsStart = 1 + dictionaryOffsetSize;
        int stringsStart = offsetsStart + (dictionarySize + 1) * dictionaryOffsetSize;
        int start = readUnsigned(metadata, offsetsStart + id * dictionaryOffsetSize, dictionaryOffsetSize);
        int end = readUnsigned(metadata, offsetsStart + (id + 1) * dictionaryOffsetSize, dictionaryOffsetSize);
        return new String(metadata, stringsStart + start, end - start, StandardCharsets.UTF_8);
    }

    private long readSigned(int p, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (value[p + i] & 0xFF);
        }
        int unusedBits = 64 - 8 * size;
        return (v << unusedBits) >> unusedBits;
    }

    private static int readUnsigned(byte[] bytes, int p, int size) {
        int v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[p + i] & 0xFF);
        }
        if (v < 0) {
            throw new IllegalArgumentException("variant offset or size exceeds 2 GB");
        }
        return v;
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
