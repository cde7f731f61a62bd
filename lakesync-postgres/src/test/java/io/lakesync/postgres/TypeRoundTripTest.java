package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every source type reaches PostgreSQL exactly, edge values included (read back through JDBC). */
class TypeRoundTripTest {

    private static SinkFixture db;
    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Loads {@code values} (row i has id i) into a fresh table with one column {@code v} of {@code type}. */
    private static String load(ColumnType type, List<?> values) {
        String table = "public.t" + TABLES.incrementAndGet();
        TableSchema schema = schema(col("id", ColumnType.INT), col("v", type));
        TestBatch.Builder batch = TestBatch.of(schema);
        for (int i = 0; i < values.size(); i++) {
            batch.row(i, values.get(i));
        }
        db.snapshot(spec(table, "id"), schema, 1, batch.build());
        return table;
    }

    /** The column {@code expression} of every row, in id order. */
    private static List<String> read(String table, String expression) {
        List<String> out = new ArrayList<>();
        for (List<String> row : db.query("SELECT " + expression + " FROM " + table + " ORDER BY id")) {
            out.add(row.get(0));
        }
        return out;
    }

    private static List<String> text(List<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        }
        return out;
    }

    @Test
    void integersKeepTheirFullRange() {
        List<Object> bytes = Arrays.asList(Byte.MIN_VALUE, (byte) -1, (byte) 0, Byte.MAX_VALUE, null);
        assertEquals(text(bytes), read(load(ColumnType.BYTE, bytes), "v::text"));
        assertEquals("smallint", db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'public.t" + TABLES.get() + "'::regclass AND attname = 'v'"));
        List<Object> shorts = Arrays.asList(Short.MIN_VALUE, (short) 0, Short.MAX_VALUE, null);
        assertEquals(text(shorts), read(load(ColumnType.SHORT, shorts), "v::text"));
        List<Object> ints = Arrays.asList(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE, null);
        assertEquals(text(ints), read(load(ColumnType.INT, ints), "v::text"));
        List<Object> longs = Arrays.asList(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE, null);
        assertEquals(text(longs), read(load(ColumnType.LONG, longs), "v::text"));
        List<Object> booleans = Arrays.asList(true, false, null);
        assertEquals(Arrays.asList("true", "false", null), read(load(ColumnType.BOOLEAN, booleans), "v::text"));
    }

    @Test
    void floatsKeepEveryBitIncludingNanAndInfinities() throws SQLException {
        float[] floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MIN_VALUE,
                Float.MAX_VALUE, 0.1f, -123.456f, 1.0e-40f};
        List<Object> fv = new ArrayList<>();
        for (float f : floats) {
            fv.add(f);
        }
        fv.add(null);
        String ft = load(ColumnType.FLOAT, fv);
        double[] doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                Double.MAX_VALUE, 0.1, Math.PI, -1e-300};
        List<Object> dv = new ArrayList<>();
        for (double d : doubles) {
            dv.add(d);
        }
        dv.add(null);
        String dt = load(ColumnType.DOUBLE, dv);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT v FROM " + ft + " ORDER BY id")) {
                for (float f : floats) {
                    rs.next();
                    assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(rs.getFloat(1)), "float " + f);
                }
                rs.next();
                rs.getFloat(1);
                assertEquals(true, rs.wasNull());
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM " + dt + " ORDER BY id")) {
                for (double d : doubles) {
                    rs.next();
                    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(rs.getDouble(1)), "double " + d);
                }
            }
        }
        assertEquals(List.of("NaN", "Infinity", "-Infinity"), read(dt, "v::text").subList(0, 3));
    }

    @Test
    void decimalsKeepValueAndScale() throws SQLException {
        List<Object> small = Arrays.asList(new BigDecimal("1.50"), new BigDecimal("-999.99"), new BigDecimal("0.00"),
                new BigDecimal("0.01"), new BigDecimal("-0.10"), new BigDecimal("100.00"), null);
        assertEquals(text(small), read(load(new ColumnType.Decimal(5, 2), small), "v::text"));

        List<Object> wide = Arrays.asList(new BigDecimal("12345678901234567890123456.7890123456"),
                new BigDecimal("-0.0000000001"), new BigDecimal("1.0000000000"), new BigDecimal("10000.0000000000"),
                new BigDecimal("99999999999999999999999999.9999999999"), new BigDecimal("0E-10"),
                new BigDecimal("123456789.1234567890"), new BigDecimal("-1000000000000000000.0000000000"));
        String wideTable = load(new ColumnType.Decimal(38, 10), wide);
        List<String> expected = new ArrayList<>();
        for (Object v : wide) {
            expected.add(((BigDecimal) v).toPlainString());
        }
        assertEquals(expected, read(wideTable, "v::text"));

        List<Object> integers = Arrays.asList(new BigDecimal("99999999999999999999999999999999999999"),
                new BigDecimal("-1"), new BigDecimal("10000"), new BigDecimal("100000000"), BigDecimal.ZERO);
        assertEquals(text(integers), read(load(new ColumnType.Decimal(38, 0), integers), "v::text"));

        List<Object> fractions = Arrays.asList(new BigDecimal("0.12345678901234567890123456789012345678"),
                new BigDecimal("-0.00000000000000000000000000000000000001"));
        assertEquals(text(fractions), read(load(new ColumnType.Decimal(38, 38), fractions), "v::text"));

        // many random values of every precision and scale shape, through both encoder paths
        Random random = new Random(42);
        for (int[] ps : new int[][] {{1, 0}, {4, 4}, {9, 3}, {10, 5}, {16, 15}, {17, 16}, {18, 6}, {18, 17}, {19, 2},
                {19, 18}, {28, 21}, {38, 9}, {38, 18}}) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int digits = 1 + random.nextInt(ps[0]);
                StringBuilder unscaled = new StringBuilder(random.nextBoolean() ? "-" : "");
                for (int d = 0; d < digits; d++) {
                    unscaled.append((char) ('0' + random.nextInt(10)));
                }
                values.add(new BigDecimal(new java.math.BigInteger(unscaled.toString()), ps[1]));
            }
            String table = load(new ColumnType.Decimal(ps[0], ps[1]), values);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
                for (Object v : values) {
                    rs.next();
                    assertEquals(v, rs.getBigDecimal(1), "decimal(" + ps[0] + "," + ps[1] + ")");
                }
            }
        }
    }

    @Test
    void stringsKeepEveryCharacter() {
        StringBuilder big = new StringBuilder();
        while (big.length() < 3_000_000) {
            big.append("ascii text, ünïcödé, 日本語, emoji 😀👩‍👩‍👧; ");
        }
        String cjk = "日".repeat(400_000); // 1.2 MB of 3-byte characters: larger than the buffer allows at once
        List<Object> strings = Arrays.asList("", "a", "héllo wörld", "日本語テキスト", "emoji 😀 and 👩‍👩‍👧 family",
                "tab\tnew\nline\r", "quote\" back\\slash ' apostrophe", "\u0001\u001f control", "\uFFFD replacement",
                big.toString(), cjk, null, "last");
        assertEquals(text(strings), read(load(ColumnType.STRING, strings), "v"));
        // empty string and null stay different
        assertEquals(List.of("false", "true"), read("(SELECT id, v IS NULL AS n FROM public.t" + TABLES.get()
                + " WHERE id IN (0, 11)) x", "n::text"));
    }

    @Test
    void binaryKeepsEveryByte() throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] large = new byte[3_000_000];
        new Random(7).nextBytes(large);
        List<Object> values = Arrays.asList(new byte[0], all, large, null, "text".getBytes(StandardCharsets.UTF_8));
        String table = load(ColumnType.BINARY, values);
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
            for (Object v : values) {
                rs.next();
                if (v == null) {
                    assertNull(rs.getBytes(1));
                } else {
                    assertArrayEquals((byte[]) v, rs.getBytes(1));
                }
            }
        }
    }

    @Test
    void datesFromYearOneToYear9999() {
        List<Object> dates = Arrays.asList(LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15),
                LocalDate.of(1899, 12, 31), LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1),
                LocalDate.of(2000, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(9999, 12, 31), null);
        assertEquals(text(dates), read(load(ColumnType.DATE, dates), "v::text"));
    }

    @Test
    void timestampsToTheMicrosecond() {
        List<Instant> instants = List.of(Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1900-01-01T00:00:00.000001Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2024-05-01T12:34:56.123456Z"),
                Instant.parse("1582-10-10T08:00:00.5Z"));
        List<Object> values = new ArrayList<>(instants);
        values.add(null);
        String tz = load(ColumnType.TIMESTAMP, values);
        assertEquals("timestamp with time zone", db.scalar("SELECT pg_typeof(v)::text FROM " + tz + " LIMIT 1"));
        List<String> micros = new ArrayList<>();
        List<String> iso = new ArrayList<>();
        for (Instant i : instants) {
            micros.add(Long.toString(ObjectValues.micros(i)));
            iso.add(i.atOffset(ZoneOffset.UTC).toLocalDateTime().toLocalDate() + "T"
                    + String.format("%02d:%02d:%02d.%06d", i.atOffset(ZoneOffset.UTC).getHour(),
                    i.atOffset(ZoneOffset.UTC).getMinute(), i.atOffset(ZoneOffset.UTC).getSecond(), i.getNano() / 1000));
        }
        micros.add(null);
        iso.add(null);
        assertEquals(micros, read(tz, "(extract(epoch FROM v) * 1000000)::numeric(30,0)::text"));
        assertEquals(iso, read(tz, "to_char(v, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"));

        List<Object> local = new ArrayList<>();
        List<String> localMicros = new ArrayList<>();
        for (Instant i : instants) {
            local.add(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
            localMicros.add(Long.toString(ObjectValues.micros(i)));
        }
        local.add(null);
        localMicros.add(null);
        String ntz = load(ColumnType.TIMESTAMP_NTZ, local);
        assertEquals("timestamp without time zone", db.scalar("SELECT pg_typeof(v)::text FROM " + ntz + " LIMIT 1"));
        assertEquals(localMicros, read(ntz, "(extract(epoch FROM v) * 1000000)::numeric(30,0)::text"));
        // a timestamp without zone does not move with the session's time zone
        assertEquals("2024-05-01 12:34:56.123456", db.query("SELECT v::text FROM " + ntz + " WHERE id = 6").get(0).get(0));
    }

    @Test
    void variantIsStoredAsJsonb() {
        List<Object> values = Arrays.asList("{\"b\":[true,null,\"x\"],\"a\":1.50}", "42", "\"text\"", "null", null);
        assertEquals(Arrays.asList("{\"a\": 1.50, \"b\": [true, null, \"x\"]}", "42", "\"text\"", "null", null),
                read(load(ColumnType.VARIANT, values), "v::text"));
    }

    @Test
    void arraysAndMapsBecomeJson() {
        ColumnType ints = new ColumnType.Array(ColumnType.INT, true);
        assertEquals(Arrays.asList("[1, null, 3]", "[]", null),
                read(load(ints, Arrays.asList(Arrays.asList(1, null, 3), List.of(), null)), "v::text"));

        // JSON numbers are numeric in jsonb: exact, but without a negative zero
        ColumnType doubles = new ColumnType.Array(ColumnType.DOUBLE, true);
        assertEquals(List.of("[\"NaN\", \"Infinity\", \"-Infinity\", 2.5, 0.00000010, 0.0]"), read(load(doubles,
                List.of(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5, 1e-7, -0.0))),
                "v::text"));

        Map<String, Long> byName = new LinkedHashMap<>();
        byName.put("b", 2L);
        byName.put("a", 1L);
        byName.put("quote\"d", null);
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        byNumber.put(10, "ten");
        byNumber.put(1, "one");
        assertEquals(List.of("{\"a\": 1, \"b\": 2, \"quote\\\"d\": null}"),
                read(load(new ColumnType.MapType(ColumnType.STRING, ColumnType.LONG, true), List.of(byName)), "v::text"));
        assertEquals(List.of("{\"1\": \"one\", \"10\": \"ten\"}"),
                read(load(new ColumnType.MapType(ColumnType.INT, ColumnType.STRING, true), List.of(byNumber)), "v::text"));
        Map<LocalDate, BigDecimal> byDate = Map.of(LocalDate.of(2024, 5, 1), new BigDecimal("0.000000000000000001"));
        assertEquals(List.of("{\"2024-05-01\": 0.000000000000000001}"), read(load(new ColumnType.MapType(
                ColumnType.DATE, new ColumnType.Decimal(38, 18), true), List.of(byDate)), "v::text"));
    }

    @Test
    void structsBecomeObjectsByFieldName() {
        ColumnType inner = new ColumnType.Struct(List.of(new Column("x", ColumnType.INT, true)));
        ColumnType struct = new ColumnType.Struct(List.of(
                new Column("name", ColumnType.STRING, true),
                new Column("at", ColumnType.TIMESTAMP, true),
                new Column("day", ColumnType.DATE, true),
                new Column("bin", ColumnType.BINARY, true),
                new Column("amount", new ColumnType.Decimal(10, 2), true),
                new Column("score", ColumnType.DOUBLE, true),
                new Column("nan", ColumnType.DOUBLE, true),
                new Column("tags", new ColumnType.Array(ColumnType.STRING, true), true),
                new Column("inner", inner, true),
                new Column("ntz", ColumnType.TIMESTAMP_NTZ, true),
                new Column("f", ColumnType.FLOAT, true),
                new Column("ok", ColumnType.BOOLEAN, true),
                new Column("v", ColumnType.VARIANT, true)));
        List<Object> full = Arrays.asList("Ann \"A\"\n\\ 😀\u0001", Instant.parse("0001-01-01T00:00:00.000001Z"),
                LocalDate.of(9999, 12, 31), new byte[] {1, 2, 3}, new BigDecimal("12.50"), 1.5, Double.NaN,
                List.of("a", "b"), List.of(7), LocalDateTime.parse("1969-12-31T23:59:59.5"), 0.1f, true,
                "{\"k\":[1,2]}");
        List<Object> sparse = Arrays.asList(null, null, null, null, null, null, null, null, Arrays.asList((Object) null),
                null, null, null, null);
        String table = load(struct, Arrays.asList(full, sparse, null));
        assertEquals(Arrays.asList(
                "{\"f\": 0.1, \"v\": {\"k\": [1, 2]}, \"at\": \"0001-01-01T00:00:00.000001Z\", \"ok\": true,"
                        + " \"bin\": \"AQID\", \"day\": \"9999-12-31\", \"nan\": \"NaN\","
                        + " \"ntz\": \"1969-12-31T23:59:59.500000\", \"name\": \"Ann \\\"A\\\"\\n\\\\ 😀\\u0001\","
                        + " \"tags\": [\"a\", \"b\"], \"inner\": {\"x\": 7}, \"score\": 1.5, \"amount\": 12.50}",
                "{\"f\": null, \"v\": null, \"at\": null, \"ok\": null, \"bin\": null, \"day\": null, \"nan\": null,"
                        + " \"ntz\": null, \"name\": null, \"tags\": null, \"inner\": {\"x\": null}, \"score\": null,"
                        + " \"amount\": null}",
                null), read(table, "v::text"));
        assertEquals("jsonb", db.scalar("SELECT pg_typeof(v)::text FROM " + table + " LIMIT 1"));
    }

    @Test
    void columnNamesKeepTheirExactSpelling() {
        TableSchema schema = schema(col("Id", ColumnType.INT), col("Mixed Case", ColumnType.STRING),
                col("quote\"d", ColumnType.STRING), col("ünï", ColumnType.INT));
        db.snapshot(spec("Odd Schema.Odd \"Table\"", "Id"), schema, 1,
                TestBatch.of(schema).row(1, "a", "b", 2).build());
        assertEquals(List.of(List.of("1", "a", "b", "2")),
                db.query("SELECT \"Id\", \"Mixed Case\", \"quote\"\"d\", \"ünï\" FROM \"Odd Schema\".\"Odd \"\"Table\"\"\""));
    }
}
