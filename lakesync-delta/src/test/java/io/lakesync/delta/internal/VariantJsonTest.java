package io.lakesync.delta.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variant binary encoding (Parquet Variant spec), built by hand, rendered as JSON. */
class VariantJsonTest {

    /** Metadata with a dictionary of the given keys (1-byte offsets). */
    private static byte[] metadata(String... keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01); // version 1, offset size 1
        out.write(keys.length);
        int offset = 0;
        out.write(offset);
        for (String key : keys) {
            offset += key.getBytes(StandardCharsets.UTF_8).length;
            out.write(offset);
        }
        for (String key : keys) {
            out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] primitive(int typeId, byte[] payload) {
        byte[] value = new byte[payload.length + 1];
        value[0] = (byte) (typeId << 2);
        System.arraycopy(payload, 0, value, 1, payload.length);
        return value;
    }

    private static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] shortString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) ((utf8.length << 2) | 1)}, utf8);
    }

    private static byte[] array(List<byte[]> elements) {
        byte[] header = {(byte) ((0 << 2) << 2 | 3), (byte) elements.size()}; // 1-byte offsets, small
        ByteArrayOutputStream offsets = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            offsets.write(values.size());
            values.writeBytes(e);
        }
        offsets.write(values.size());
        return concat(header, offsets.toByteArray(), values.toByteArray());
    }

    private static byte[] object(int[] fieldIds, List<byte[]> fieldValues) {
        byte[] header = {(byte) (0 << 2 | 2), (byte) fieldIds.length}; // 1-byte ids and offsets, small
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        ByteArrayOutputStream offsets = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (int i = 0; i < fieldIds.length; i++) {
            ids.write(fieldIds[i]);
            offsets.write(values.size());
            values.writeBytes(fieldValues.get(i));
        }
        offsets.write(values.size());
        return concat(header, ids.toByteArray(), offsets.toByteArray(), values.toByteArray());
    }

    private static String json(byte[] value) {
        return VariantJson.toJson(value, metadata());
    }

    @Test
    void primitives() {
        assertEquals("null", json(primitive(0, new byte[0])));
        assertEquals("true", json(primitive(1, new byte[0])));
        assertEquals("false", json(primitive(2, new byte[0])));
        assertEquals("-5", json(primitive(3, le(-5, 1))));
        assertEquals("-300", json(primitive(4, le(-300, 2))));
        assertEquals("2147483647", json(primitive(5, le(Integer.MAX_VALUE, 4))));
        assertEquals("-9223372036854775808", json(primitive(6, le(Long.MIN_VALUE, 8))));
        assertEquals("1.5", json(primitive(7, le(Double.doubleToLongBits(1.5), 8))));
        assertEquals("\"NaN\"", json(primitive(7, le(Double.doubleToLongBits(Double.NaN), 8))));
        assertEquals("\"-Infinity\"", json(primitive(14, le(Float.floatToIntBits(Float.NEGATIVE_INFINITY), 4))));
        assertEquals("0.25", json(primitive(14, le(Float.floatToIntBits(0.25f), 4))));
    }

    @Test
    void decimalsKeepTheirScale() {
        assertEquals("12.345", json(primitive(8, concat(new byte[] {3}, le(12345, 4)))));
        assertEquals("-0.00000001", json(primitive(9, concat(new byte[] {8}, le(-1, 8)))));
        // decimal16: -(2^64) at scale 2, little-endian two's complement over 16 bytes
        byte[] sixteen = concat(le(0, 8), le(-1, 8));
        assertEquals("-184467440737095516.16", json(primitive(10, concat(new byte[] {2}, sixteen))));
    }

    @Test
    void datesAndTimesAsIsoStrings() {
        int days = (int) LocalDate.of(1900, 1, 1).toEpochDay();
        assertEquals("\"1900-01-01\"", json(primitive(11, le(days, 4))));
        long micros = Instant.parse("1969-12-31T23:59:59.999999Z").toEpochMilli() * 1000 + 999;
        assertEquals("\"1969-12-31T23:59:59.999999Z\"", json(primitive(12, le(micros, 8))));
        assertEquals("\"1969-12-31T23:59:59.999999\"", json(primitive(13, le(micros, 8))));
        assertEquals("\"2024-01-01T00:00:00.000000Z\"",
                json(primitive(12, le(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000L, 8))));
        assertEquals("\"12:30:00.000001\"", json(primitive(17, le((12 * 3600L + 1800) * 1_000_000L + 1, 8))));
        assertEquals("\"1970-01-01T00:00:00.000000001Z\"", json(primitive(18, le(1, 8))));
    }

    @Test
    void stringsBinaryAndUuid() {
        assertEquals("\"hi \\\"there\\\"\\n\"", json(shortString("hi \"there\"\n")));
        String longText = "é".repeat(40) + "\u0001";
        byte[] utf8 = longText.getBytes(StandardCharsets.UTF_8);
        assertEquals("\"" + "é".repeat(40) + "\\u0001\"", json(primitive(16, concat(le(utf8.length, 4), utf8))));
        assertEquals("\"AP8=\"", json(primitive(15, concat(le(2, 4), new byte[] {0, (byte) 0xFF}))));
        byte[] uuid = new byte[16];
        uuid[15] = 1;
        assertEquals("\"00000000-0000-0000-0000-000000000001\"", json(primitive(20, uuid)));
    }

    @Test
    void objectsAndArraysNest() {
        byte[] meta = metadata("a", "b");
        byte[] inner = array(List.of(primitive(1, new byte[0]), primitive(0, new byte[0]), shortString("x")));
        byte[] value = object(new int[] {0, 1}, List.of(primitive(3, le(1, 1)), inner));
        assertEquals("{\"a\":1,\"b\":[true,null,\"x\"]}", VariantJson.toJson(value, meta));
        assertEquals("[]", json(array(List.of())));
        assertEquals("{}", json(object(new int[0], List.of())));
    }

    @Test
    void malformedBytesAreReported() {
        assertThrows(IllegalArgumentException.class, () -> json(new byte[] {(byte) (6 << 2)}));
        assertThrows(IllegalArgumentException.class, () -> VariantJson.toJson(primitive(0, new byte[0]), new byte[] {2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> json(primitive(99, new byte[0])));
    }
}
