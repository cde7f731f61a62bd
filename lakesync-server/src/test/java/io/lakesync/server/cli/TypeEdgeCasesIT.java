package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.TestPostgres;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 2, item 6, end to end: each edge value is written into a Delta table by a real Delta
 * writer (Delta Kernel → Parquet), synced by {@code lakesync sync} and read back from PostgreSQL
 * through JDBC, where it must be exactly the value written (README "Types" and "Strings
 * PostgreSQL cannot hold"). The sink's own round trip ({@code TypeRoundTripTest}) starts from
 * in-memory batches; this one adds Parquet, Kernel, the Delta source and the engine.
 *
 * <p>VARIANT is not covered here: the testkit writer cannot write variant values (Kernel has no
 * variant writer); the corpus test syncs the golden variant tables.
 */
class TypeEdgeCasesIT {

    private static final String LOS_ANGELES = "America/Los_Angeles";

    @TempDir
    Path tmp;

    private EdgeTableFixture db;

    @BeforeEach
    void freshDatabase() {
        db = new EdgeTableFixture(tmp, TestPostgres.newDatabase());
    }

    // ---------------------------------------------------------------- decimals

    static Stream<Arguments> decimals() {
        return Stream.of(
                Arguments.of(38, 18, Arrays.asList("12345678901234567890.123456789012345678",
                        "99999999999999999999.999999999999999999", "-99999999999999999999.999999999999999999",
                        "0.000000000000000001", "-0.000000000000000001", "0.000000000000000000",
                        "1.000000000000000000", "-1.500000000000000000", null)),
                Arguments.of(5, 2, Arrays.asList("-999.99", "-0.01", "-1.50", "0.00", "999.99", "100.00", "0.10", null)),
                Arguments.of(38, 0, Arrays.asList("99999999999999999999999999999999999999",
                        "-99999999999999999999999999999999999999", "0", "10000000000", "-1")),
                Arguments.of(38, 38, Arrays.asList("0.99999999999999999999999999999999999999",
                        "-0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000000")),
                // precision <= 9 is stored as Parquet INT32, <= 18 as INT64, above as fixed-length bytes
                Arguments.of(9, 4, Arrays.asList("99999.9999", "-99999.9999", "0.0000", "-0.0001", "10000.0000")),
                Arguments.of(18, 6, Arrays.asList("999999999999.999999", "-999999999999.999999", "0.000001",
                        "-100000000000.000000")));
    }

    @ParameterizedTest(name = "decimal({0},{1})")
    @MethodSource("decimals")
    void decimalsKeepTheirValueAndScale(int precision, int scale, List<String> texts) throws SQLException {
        List<BigDecimal> values = new ArrayList<>();
        for (String t : texts) {
            values.add(t == null ? null : new BigDecimal(t));
        }
        String table = "dec_" + precision + "_" + scale;
        DeltaTableWriter delta = db.writeKeyAndValue(table, new ColumnType.Decimal(precision, scale), values);
        syncs(delta, table, "id");

        assertEquals("numeric(" + precision + "," + scale + ")", db.pgType(table, "v"));
        // BigDecimal.equals compares the scale too: 0.00 is not 0, 1.50 is not 1.5
        assertEquals(values, db.column("SELECT v FROM " + table + " ORDER BY id", ResultSet::getBigDecimal));
        assertEquals(texts, db.column("SELECT v::text FROM " + table + " ORDER BY id", ResultSet::getString));
        verifies(delta, table);
    }

    // ---------------------------------------------------------------- timestamps and dates

    /** Edges of TIMESTAMP: the calendar's ends, both sides of 1970, Los Angeles' DST changes. */
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"),
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("1900-01-01T00:00:00.000001Z"),
            Instant.parse("1582-10-10T12:00:00Z"), // a day the Julian/Gregorian hybrid calendar lacks
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("2024-03-10T09:59:59.999999Z"), // the last microsecond of PST before the spring gap
            Instant.parse("2024-03-10T10:00:00Z"), // 03:00 PDT, the first instant after the gap
            Instant.parse("2024-11-03T08:30:00Z"), // 01:30 PDT
            Instant.parse("2024-11-03T09:30:00Z"), // 01:30 PST: the same wall time, one hour later
            Instant.parse("2024-05-01T12:34:56.123456Z"));

    /** Edges of TIMESTAMP_NTZ: wall-clock times, including ones Los Angeles skips or repeats. */
    private static final List<LocalDateTime> WALL_TIMES = List.of(
            LocalDateTime.parse("0001-01-01T00:00:00"),
            LocalDateTime.parse("9999-12-31T23:59:59.999999"),
            LocalDateTime.parse("1969-12-31T23:59:59.999999"),
            LocalDateTime.parse("1900-01-01T00:00:00.000001"),
            LocalDateTime.parse("1582-10-10T12:00:00"),
            LocalDateTime.parse("1970-01-01T00:00:00"),
            LocalDateTime.parse("2024-03-10T02:30:00"), // does not exist in Los Angeles
            LocalDateTime.parse("2024-11-03T01:30:00.000001"), // exists twice in Los Angeles
            LocalDateTime.parse("2024-05-01T12:34:56.123456"));

    @Test
    void timestampsKeepTheirInstantToTheMicrosecond() throws SQLException {
        DeltaTableWriter delta = db.writeKeyAndValue("ts", ColumnType.TIMESTAMP, withNull(INSTANTS));
        syncs(delta, "ts", "id");

        assertEquals("timestamp with time zone", db.pgType("ts", "v"));
        assertEquals(withNull(INSTANTS), instants("UTC", "SELECT v FROM ts ORDER BY id"));
        // a second path that does not depend on the driver's parsing: microseconds since the epoch
        List<String> micros = new ArrayList<>();
        for (Instant i : INSTANTS) {
            micros.add(Long.toString(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L),
                    i.getNano() / 1_000)));
        }
        assertEquals(withNull(micros), db.column("SELECT (extract(epoch FROM v) * 1000000)::numeric(30,0)::text"
                + " FROM ts ORDER BY id", ResultSet::getString));
        verifies(delta, "ts");
    }

    @Test
    void timestampsWithoutZoneKeepTheirWallClockToTheMicrosecond() throws SQLException {
        DeltaTableWriter delta = db.writeKeyAndValue("ntz", ColumnType.TIMESTAMP_NTZ, withNull(WALL_TIMES));
        syncs(delta, "ntz", "id");

        assertEquals("timestamp without time zone", db.pgType("ntz", "v"));
        assertEquals(withNull(WALL_TIMES), db.column("SELECT v FROM ntz ORDER BY id",
                (rs, i) -> rs.getObject(i, LocalDateTime.class)));
        assertEquals(withNull(isoTexts(WALL_TIMES)),
                db.column("SELECT to_char(v, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM ntz ORDER BY id", ResultSet::getString));
        verifies(delta, "ntz");
    }

    /**
     * The whole run (writer, Kernel, sync, the sink's session) in a JVM whose default zone is Los
     * Angeles, read back in a Los Angeles session: no value moves by the zone's offset or its DST.
     */
    @Test
    void aNonUtcTimeZoneShiftsNoTimestamp() throws SQLException {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, true),
                new Column("ts", ColumnType.TIMESTAMP, true), new Column("ntz", ColumnType.TIMESTAMP_NTZ, true),
                new Column("day", ColumnType.DATE, true));
        List<Object[]> rows = new ArrayList<>();
        List<LocalDateTime> walls = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < INSTANTS.size(); i++) {
            LocalDateTime wall = i < WALL_TIMES.size() ? WALL_TIMES.get(i) : null;
            LocalDate day = wall == null ? null : wall.toLocalDate();
            rows.add(new Object[] {(long) i, INSTANTS.get(i), wall, day});
            walls.add(wall);
            days.add(day);
        }
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(LOS_ANGELES));
        try {
            DeltaTableWriter delta = db.write("zoned", columns, rows);
            syncs(delta, "zoned", "id");

            assertEquals(INSTANTS, instants(LOS_ANGELES, "SELECT ts FROM zoned ORDER BY id"));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE '" + LOS_ANGELES + "'");
                assertEquals(walls, EdgeTableFixture.column(c, "SELECT ntz FROM zoned ORDER BY id",
                        (rs, i) -> rs.getObject(i, LocalDateTime.class)));
                assertEquals(isoTexts(walls), EdgeTableFixture.column(c,
                        "SELECT to_char(ntz, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM zoned ORDER BY id", ResultSet::getString));
                assertEquals(days, EdgeTableFixture.column(c, "SELECT day FROM zoned ORDER BY id",
                        (rs, i) -> rs.getObject(i, LocalDate.class)));
                // the instant as UTC text, computed by the server, in the Los Angeles session
                List<String> utc = new ArrayList<>();
                for (Instant i : INSTANTS) {
                    utc.add(isoText(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
                }
                assertEquals(utc, EdgeTableFixture.column(c, "SELECT to_char(ts AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM zoned ORDER BY id", ResultSet::getString));
            }
            verifies(delta, "zoned");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void datesFromYearOneToYear9999() throws SQLException {
        List<LocalDate> dates = Arrays.asList(LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4),
                LocalDate.of(1582, 10, 10), LocalDate.of(1582, 10, 15), LocalDate.of(1899, 12, 31),
                LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29),
                LocalDate.of(9999, 12, 31), null);
        DeltaTableWriter delta = db.writeKeyAndValue("days", ColumnType.DATE, dates);
        syncs(delta, "days", "id");

        assertEquals("date", db.pgType("days", "v"));
        assertEquals(dates, db.column("SELECT v FROM days ORDER BY id", (rs, i) -> rs.getObject(i, LocalDate.class)));
        List<String> texts = new ArrayList<>();
        for (LocalDate d : dates) {
            texts.add(d == null ? null : d.toString());
        }
        assertEquals(texts, db.column("SELECT to_char(v, 'YYYY-MM-DD') FROM days ORDER BY id", ResultSet::getString));
        verifies(delta, "days");
    }

    // ---------------------------------------------------------------- floating point

    @Test
    void floatsKeepEveryBitIncludingNanInfinitiesAndNegativeZero() throws SQLException {
        List<Float> floats = Arrays.asList(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
                Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, -123.456f, null);
        DeltaTableWriter delta = db.writeKeyAndValue("floats", ColumnType.FLOAT, floats);
        syncs(delta, "floats", "id");

        assertEquals("real", db.pgType("floats", "v"));
        List<Float> back = db.column("SELECT v FROM floats ORDER BY id", ResultSet::getFloat);
        assertEquals(floats.size(), back.size());
        for (int i = 0; i < floats.size(); i++) {
            assertEquals(bits(floats.get(i)), bits(back.get(i)), "float at id " + i + ": " + floats.get(i)
                    + " came back as " + back.get(i));
        }
        assertEquals(List.of("NaN", "Infinity", "-Infinity", "-0", "0"),
                db.column("SELECT v::text FROM floats ORDER BY id", ResultSet::getString).subList(0, 5));
        verifies(delta, "floats");
    }

    @Test
    void doublesKeepEveryBitIncludingNanInfinitiesAndNegativeZero() throws SQLException {
        List<Double> doubles = Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, Math.PI, -1e-300, null);
        DeltaTableWriter delta = db.writeKeyAndValue("doubles", ColumnType.DOUBLE, doubles);
        syncs(delta, "doubles", "id");

        assertEquals("double precision", db.pgType("doubles", "v"));
        List<Double> back = db.column("SELECT v FROM doubles ORDER BY id", ResultSet::getDouble);
        assertEquals(doubles.size(), back.size());
        for (int i = 0; i < doubles.size(); i++) {
            assertEquals(bits(doubles.get(i)), bits(back.get(i)), "double at id " + i + ": " + doubles.get(i)
                    + " came back as " + back.get(i));
        }
        assertEquals(List.of("NaN", "Infinity", "-Infinity", "-0", "0"),
                db.column("SELECT v::text FROM doubles ORDER BY id", ResultSet::getString).subList(0, 5));
        verifies(delta, "doubles");
    }

    // ---------------------------------------------------------------- strings and binary

    @Test
    void emptyStringStaysDistinctFromNull() throws SQLException {
        List<String> strings = Arrays.asList("", null, " ", "null", "''", "NULL");
        DeltaTableWriter delta = db.writeKeyAndValue("texts", ColumnType.STRING, strings);
        syncs(delta, "texts", "id");

        assertEquals("text", db.pgType("texts", "v"));
        assertEquals(List.of("0|false|''", "1|true|NULL", "2|false|' '", "3|false|'null'", "4|false|''''''",
                "5|false|'NULL'"), db.rows("SELECT id, (v IS NULL)::text, coalesce(quote_literal(v), 'NULL') FROM texts ORDER BY id"));
        assertEquals(List.of("0"), db.rows("SELECT id FROM texts WHERE v = ''"));
        verifies(delta, "texts");
    }

    @Test
    void unicodeTextKeepsEveryCodePoint() throws SQLException {
        List<String> strings = List.of(
                "emoji 😀, family 👩‍👩‍👧 (ZWJ sequence), flag 🇫🇷, skin tone 👍🏽",
                "e\u0301 (e + combining acute) is not \u00e9 (precomposed)", // no normalisation
                "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319 stacked combining marks",
                "שלום עולם", "مرحبا بالعالم", "mixed \u202Bעברית\u202C and \u202Eoverride\u202C",
                "日本語テキスト、中文字符、한국어 텍스트",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 (mathematical letters, 4 bytes each)",
                "\uFEFFbyte order mark, \uFFFD replacement character, \u2028 line separator",
                "control \u0001\u001f\u007f tab\tnewline\nreturn\r quote\" backslash\\");
        DeltaTableWriter delta = db.writeKeyAndValue("unicode", ColumnType.STRING, strings);
        syncs(delta, "unicode", "id");

        assertEquals(strings, db.column("SELECT v FROM unicode ORDER BY id", ResultSet::getString));
        List<String> lengths = new ArrayList<>();
        for (String s : strings) {
            lengths.add(s.getBytes(StandardCharsets.UTF_8).length + "|" + s.codePointCount(0, s.length()));
        }
        assertEquals(lengths, db.rows("SELECT octet_length(v), char_length(v) FROM unicode ORDER BY id"));
        for (int i = 0; i < strings.size(); i++) {
            assertEquals(List.of((long) i), db.column("SELECT id FROM unicode WHERE v = ?",
                    ResultSet::getLong, strings.get(i)), "server-side equality of " + strings.get(i));
        }
        verifies(delta, "unicode");
    }

    @Test
    void binaryKeepsEveryByte() throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] large = new byte[200_000];
        new Random(7).nextBytes(large);
        List<byte[]> values = Arrays.asList(new byte[0], all, null, new byte[] {0}, large);
        DeltaTableWriter delta = db.writeKeyAndValue("bytes", ColumnType.BINARY, values);
        syncs(delta, "bytes", "id");

        assertEquals("bytea", db.pgType("bytes", "v"));
        List<byte[]> back = db.column("SELECT v FROM bytes ORDER BY id", ResultSet::getBytes);
        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                assertNull(back.get(i), "id " + i);
            } else {
                assertArrayEquals(values.get(i), back.get(i), "id " + i);
            }
        }
        assertEquals(List.of("0|false|0", "1|false|256", "2|true|null", "3|false|1", "4|false|200000"),
                db.rows("SELECT id, (v IS NULL)::text, octet_length(v) FROM bytes ORDER BY id"));
        verifies(delta, "bytes");
    }

    // ---------------------------------------------------------------- booleans and integers

    @Test
    void booleansAndIntegersKeepTheirFullRange() throws SQLException {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, true),
                new Column("flag", ColumnType.BOOLEAN, true), new Column("tiny", ColumnType.BYTE, true),
                new Column("small", ColumnType.SHORT, true), new Column("num", ColumnType.INT, true),
                new Column("big", ColumnType.LONG, true));
        List<Object[]> rows = List.of(
                new Object[] {Long.MIN_VALUE, true, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE},
                new Object[] {-1L, false, (byte) -1, (short) -1, -1, -1L},
                new Object[] {0L, null, null, null, null, null},
                new Object[] {1L, false, (byte) 0, (short) 0, 0, 0L},
                new Object[] {Long.MAX_VALUE, true, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE});
        DeltaTableWriter delta = db.write("numbers", columns, rows);
        syncs(delta, "numbers", "id");

        assertEquals(List.of("bigint", "boolean", "smallint", "smallint", "integer", "bigint"), List.of(
                db.pgType("numbers", "id"), db.pgType("numbers", "flag"), db.pgType("numbers", "tiny"),
                db.pgType("numbers", "small"), db.pgType("numbers", "num"), db.pgType("numbers", "big")));
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, flag, tiny, small, num, big FROM numbers ORDER BY id")) {
            for (Object[] expected : rows) {
                assertTrue(rs.next());
                assertEquals(expected[0], rs.getLong(1));
                assertEquals(expected[1], rs.getObject(2, Boolean.class));
                assertEquals(expected[2] == null ? null : ((Byte) expected[2]).shortValue(), rs.getObject(3, Short.class));
                assertEquals(expected[3], rs.getObject(4, Short.class));
                assertEquals(expected[4], rs.getObject(5, Integer.class));
                assertEquals(expected[5], rs.getObject(6, Long.class));
            }
            assertFalse(rs.next());
        }
        verifies(delta, "numbers");
    }

    // ---------------------------------------------------------------- nested values as jsonb

    @Test
    void arrayOfIntsWithANullElement() throws SQLException {
        List<List<Integer>> values = Arrays.asList(Arrays.asList(1, null, 3), List.of(), Arrays.asList((Integer) null),
                List.of(Integer.MIN_VALUE, Integer.MAX_VALUE), null);
        DeltaTableWriter delta = db.writeKeyAndValue("ints", new ColumnType.Array(ColumnType.INT, true), values);
        syncs(delta, "ints", "id");

        assertJsonb("ints", Arrays.asList("[1, null, 3]", "[]", "[null]", "[-2147483648, 2147483647]", null));
        verifies(delta, "ints");
    }

    @Test
    void mapOfStringToIntIsAnObjectKeyedByTheKeys() throws SQLException {
        Map<String, Integer> first = new LinkedHashMap<>();
        first.put("b", 2);
        first.put("a", 1);
        first.put("null value", null);
        Map<String, Integer> odd = new LinkedHashMap<>();
        odd.put("", 0);
        odd.put("😀 \"quoted\" key", -1);
        List<Map<String, Integer>> values = Arrays.asList(first, Map.of(), odd, null);
        DeltaTableWriter delta = db.writeKeyAndValue("maps",
                new ColumnType.MapType(ColumnType.STRING, ColumnType.INT, true), values);
        syncs(delta, "maps", "id");

        assertJsonb("maps", Arrays.asList("{\"b\": 2, \"a\": 1, \"null value\": null}", "{}",
                "{\"\": 0, \"😀 \\\"quoted\\\" key\": -1}", null));
        verifies(delta, "maps");
    }

    @Test
    void structWithANestedStructAndArrays() throws SQLException {
        ColumnType geo = struct(field("lat", ColumnType.DOUBLE), field("lon", ColumnType.DOUBLE));
        ColumnType address = struct(field("city", ColumnType.STRING), field("zip", ColumnType.INT), field("geo", geo));
        ColumnType person = struct(field("name", ColumnType.STRING), field("address", address),
                field("tags", new ColumnType.Array(ColumnType.STRING, true)),
                field("scores", new ColumnType.Array(ColumnType.LONG, true)));
        List<Object> values = Arrays.asList(
                List.of("Ann", List.of("Paris", 75001, List.of(48.8566, 2.3522)), List.of("a", "b"), List.of(1L, 2L)),
                Arrays.asList("Bob", null, List.of(), Arrays.asList(null, 3L)),
                Arrays.asList(null, Arrays.asList(null, null, null), null, null),
                null);
        DeltaTableWriter delta = db.writeKeyAndValue("people", person, values);
        syncs(delta, "people", "id");

        assertEquals("jsonb", db.pgType("people", "v"));
        assertJsonb("people", Arrays.asList(
                "{\"name\": \"Ann\", \"address\": {\"city\": \"Paris\", \"zip\": 75001,"
                        + " \"geo\": {\"lat\": 48.8566, \"lon\": 2.3522}}, \"tags\": [\"a\", \"b\"], \"scores\": [1, 2]}",
                "{\"name\": \"Bob\", \"address\": null, \"tags\": [], \"scores\": [null, 3]}",
                "{\"name\": null, \"address\": {\"city\": null, \"zip\": null, \"geo\": null}, \"tags\": null,"
                        + " \"scores\": null}",
                null));
        verifies(delta, "people");
    }

    @Test
    void arrayOfStructs() throws SQLException {
        ColumnType line = struct(field("sku", ColumnType.STRING), field("qty", ColumnType.INT),
                field("price", new ColumnType.Decimal(10, 2)));
        List<Object> lines = Arrays.asList(List.of("A-1", 2, new BigDecimal("9.90")), null,
                Arrays.asList(null, null, null), List.of("B", -1, new BigDecimal("-0.01")));
        List<Object> values = Arrays.asList(lines, List.of(), null);
        DeltaTableWriter delta = db.writeKeyAndValue("orders", new ColumnType.Array(line, true), values);
        syncs(delta, "orders", "id");

        assertJsonb("orders", Arrays.asList(
                "[{\"sku\": \"A-1\", \"qty\": 2, \"price\": 9.90}, null,"
                        + " {\"sku\": null, \"qty\": null, \"price\": null}, {\"sku\": \"B\", \"qty\": -1, \"price\": -0.01}]",
                "[]", null));
        verifies(delta, "orders");
    }

    /** Leaves inside nested values take the JSON forms the README documents. */
    @Test
    void timestampsDatesBinaryDecimalsAndNanInsideNestedValues() throws SQLException {
        ColumnType leaves = struct(
                field("ts", ColumnType.TIMESTAMP), field("ntz", ColumnType.TIMESTAMP_NTZ), field("day", ColumnType.DATE),
                field("bin", ColumnType.BINARY), field("amount", new ColumnType.Decimal(38, 18)),
                field("cents", new ColumnType.Decimal(5, 2)), field("nan", ColumnType.DOUBLE),
                field("pinf", ColumnType.FLOAT), field("ninf", ColumnType.DOUBLE), field("tiny", ColumnType.BYTE),
                field("big", ColumnType.LONG), field("flag", ColumnType.BOOLEAN), field("text", ColumnType.STRING),
                field("times", new ColumnType.Array(ColumnType.TIMESTAMP, true)),
                field("rates", new ColumnType.MapType(ColumnType.DATE, new ColumnType.Decimal(5, 2), true)),
                field("blobs", new ColumnType.Array(ColumnType.BINARY, true)),
                field("extremes", new ColumnType.Array(ColumnType.DOUBLE, true)));
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Map<LocalDate, BigDecimal> rates = new LinkedHashMap<>();
        rates.put(LocalDate.of(1900, 1, 1), new BigDecimal("-1.50"));
        rates.put(LocalDate.of(9999, 12, 31), null);
        List<Object> full = Arrays.asList(Instant.parse("0001-01-01T00:00:00Z"),
                LocalDateTime.parse("9999-12-31T23:59:59.999999"), LocalDate.of(1969, 12, 31), all,
                new BigDecimal("-0.000000000000000001"), new BigDecimal("0.00"), Double.NaN, Float.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Byte.MIN_VALUE, Long.MIN_VALUE, false,
                "quote \" backslash \\ newline \n tab \t emoji 😀",
                Arrays.asList(Instant.parse("1969-12-31T23:59:59.999999Z"), null,
                        Instant.parse("9999-12-31T23:59:59.999999Z")),
                rates, Arrays.asList(new byte[0], new byte[] {0, -1}, null),
                Arrays.asList(Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.1));
        List<Object> empty = Arrays.asList(new Object[17]);
        DeltaTableWriter delta = db.writeKeyAndValue("leaves", leaves, Arrays.asList(full, empty));
        syncs(delta, "leaves", "id");

        String fullJson = "{\"ts\": \"0001-01-01T00:00:00.000000Z\", \"ntz\": \"9999-12-31T23:59:59.999999\","
                + " \"day\": \"1969-12-31\", \"bin\": \"" + Base64.getEncoder().encodeToString(all) + "\","
                + " \"amount\": -0.000000000000000001, \"cents\": 0.00, \"nan\": \"NaN\", \"pinf\": \"Infinity\","
                + " \"ninf\": \"-Infinity\", \"tiny\": -128, \"big\": -9223372036854775808, \"flag\": false,"
                + " \"text\": \"quote \\\" backslash \\\\ newline \\n tab \\t emoji 😀\","
                + " \"times\": [\"1969-12-31T23:59:59.999999Z\", null, \"9999-12-31T23:59:59.999999Z\"],"
                + " \"rates\": {\"1900-01-01\": -1.50, \"9999-12-31\": null},"
                + " \"blobs\": [\"\", \"AP8=\", null],"
                + " \"extremes\": [1.7976931348623157E308, 4.9E-324, -0.0, 0.1]}";
        String emptyJson = "{\"ts\": null, \"ntz\": null, \"day\": null, \"bin\": null, \"amount\": null,"
                + " \"cents\": null, \"nan\": null, \"pinf\": null, \"ninf\": null, \"tiny\": null, \"big\": null,"
                + " \"flag\": null, \"text\": null, \"times\": null, \"rates\": null, \"blobs\": null,"
                + " \"extremes\": null}";
        assertJsonb("leaves", List.of(fullJson, emptyJson));
        // the scale of decimals inside jsonb is kept, not only their value
        assertEquals(List.of("0.00", "-1.50"), List.of(
                db.column("SELECT v->>'cents' FROM leaves WHERE id = 0", ResultSet::getString).get(0),
                db.column("SELECT v->'rates'->>'1900-01-01' FROM leaves WHERE id = 0", ResultSet::getString).get(0)));
        verifies(delta, "leaves");
    }

    // ---------------------------------------------------------------- NUL in strings

    @Test
    void aNulByteFailsTheSyncNamingColumnAndKeyAndLeavesTheTargetAsItWas() throws SQLException {
        DeltaTableWriter delta = db.writeKeyAndValue("nul", ColumnType.STRING, List.of("clean", "also clean"));
        syncs(delta, "nul", "id");
        delta.append(List.of(new Object[] {7L, "before\0after"}, new Object[] {8L, "fine"}));

        CliRun failed = db.sync(delta, "nul", "id");
        assertEquals(LakesyncCli.EXIT_FAILED, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("INVALID_TEXT_VALUE"), failed::toString);
        assertTrue(failed.err().contains("\"v\""), "names the column: " + failed);
        assertTrue(failed.err().contains("id=7"), "names the key: " + failed);
        assertTrue(failed.err().contains("--replace-nul"), "says how to fix it: " + failed);
        assertFalse(failed.err().contains("\tat "), "no stack trace: " + failed);
        assertEquals(List.of("0|clean", "1|also clean"), db.rows("SELECT id, v FROM nul ORDER BY id"));
        assertEquals(List.of("SUCCEEDED|null", "FAILED|INVALID_TEXT_VALUE"),
                db.rows("SELECT outcome, error_code FROM lakesync.runs ORDER BY run_id"));
        assertEquals(List.of("1|2"), db.rows("SELECT delta_version, row_count FROM lakesync.watermarks"));
    }

    @Test
    void aNulByteInANestedStringFailsTheFirstSyncAndCreatesNoTable() throws SQLException {
        ColumnType tags = new ColumnType.Array(ColumnType.STRING, true);
        DeltaTableWriter delta = db.writeKeyAndValue("nested_nul", tags,
                List.of(List.of("ok"), List.of("a", "b\0c")));

        CliRun failed = db.sync(delta, "nested_nul", "id");
        assertEquals(LakesyncCli.EXIT_FAILED, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("INVALID_TEXT_VALUE"), failed::toString);
        assertTrue(failed.err().contains("\"v\""), "names the column: " + failed);
        assertTrue(failed.err().contains("id=1"), "names the key: " + failed);
        assertEquals(Arrays.asList((String) null), db.column("SELECT to_regclass('public.nested_nul')::text",
                ResultSet::getString));
    }

    @Test
    void replaceNulStoresTheReplacementCharacterAndCountsTheValues() throws SQLException {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, true), new Column("v", ColumnType.STRING, true),
                new Column("tags", new ColumnType.Array(ColumnType.STRING, true), true));
        DeltaTableWriter delta = db.write("replaced", columns, List.of(
                new Object[] {1L, "\0leading, middle\0\0, trailing\0", List.of("clean")},
                new Object[] {2L, "clean", List.of("nested\0nul")},
                new Object[] {3L, "clean", List.of("clean")}));

        CliRun run = db.sync(delta, "replaced", "id", "--replace-nul");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("2 strings with NUL replaced"), "summary counts replaced values: " + run);
        assertEquals(Arrays.asList("\uFFFDleading, middle\uFFFD\uFFFD, trailing\uFFFD", "clean", "clean"),
                db.column("SELECT v FROM replaced ORDER BY id", ResultSet::getString));
        assertJsonb("replaced", "tags", List.of("[\"clean\"]", "[\"nested\uFFFDnul\"]", "[\"clean\"]"));
    }

    // ---------------------------------------------------------------- keys and projection

    @Test
    void compositeKeyOfAStringAndADateIsThePrimaryKey() throws SQLException {
        List<Column> columns = List.of(new Column("region", ColumnType.STRING, true),
                new Column("day", ColumnType.DATE, true), new Column("amount", new ColumnType.Decimal(10, 2), true));
        List<Object[]> rows = List.of(
                new Object[] {"eu", LocalDate.of(1, 1, 1), new BigDecimal("1.00")},
                new Object[] {"eu", LocalDate.of(9999, 12, 31), new BigDecimal("2.00")},
                new Object[] {"us", LocalDate.of(1, 1, 1), new BigDecimal("3.00")},
                new Object[] {"日本", LocalDate.of(1969, 12, 31), new BigDecimal("4.00")},
                new Object[] {"", LocalDate.of(2024, 2, 29), new BigDecimal("5.00")});
        DeltaTableWriter delta = db.write("sales", columns, rows);
        syncs(delta, "sales", "region,day");

        assertEquals(List.of("region", "day"), db.column("SELECT k.column_name FROM information_schema.table_constraints t"
                + " JOIN information_schema.key_column_usage k ON k.constraint_schema = t.constraint_schema"
                + " AND k.constraint_name = t.constraint_name"
                + " WHERE t.table_schema = 'public' AND t.table_name = 'sales' AND t.constraint_type = 'PRIMARY KEY'"
                + " ORDER BY k.ordinal_position", ResultSet::getString));
        assertEquals(List.of("2|true|true"), db.rows("SELECT indnatts, indisunique::text, indisprimary::text FROM pg_index"
                + " WHERE indrelid = 'public.sales'::regclass AND indisprimary"));
        assertEquals(List.of("|2024-02-29|5.00", "eu|0001-01-01|1.00", "eu|9999-12-31|2.00", "us|0001-01-01|3.00",
                "日本|1969-12-31|4.00"), db.rows("SELECT region, day, amount FROM sales ORDER BY region COLLATE \"C\", day"));
        verifies(delta, "sales");
    }

    @Test
    void columnsProjectionKeepsTheKeyAndTheSubsetInTheGivenOrder() throws SQLException {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, true), new Column("a", ColumnType.INT, true),
                new Column("b", ColumnType.STRING, true), new Column("c", ColumnType.DATE, true),
                new Column("d", ColumnType.DOUBLE, true));
        DeltaTableWriter delta = db.write("wide", columns, List.of(
                new Object[] {1L, 10, "one", LocalDate.of(2024, 1, 1), 1.5},
                new Object[] {2L, 20, null, LocalDate.of(1900, 1, 1), Double.NaN}));
        syncs(delta, "wide", "id", "--columns", "d,b");

        assertEquals(List.of("id", "d", "b"), db.column("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'wide' ORDER BY ordinal_position", ResultSet::getString));
        assertEquals(List.of("1|1.5|one", "2|NaN|null"), db.rows("SELECT id, d, b FROM wide ORDER BY id"));
        verifies(delta, "wide");
    }

    // ---------------------------------------------------------------- helpers

    private void syncs(DeltaTableWriter delta, String target, String key, String... extra) {
        CliRun run = db.sync(delta, target, key, extra);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("rows written"), run::toString);
    }

    /** lakesync's own check agrees: the Delta table and the target are equal at the watermark. */
    private void verifies(DeltaTableWriter delta, String target) {
        CliRun verify = db.verify(delta, target);
        assertEquals(0, verify.exitCode(), () -> "verify of " + target + ": " + verify);
    }

    private void assertJsonb(String table, List<String> expectedJson) throws SQLException {
        assertJsonb(table, "v", expectedJson);
    }

    /** The column's jsonb text equals the documented JSON as jsonb prints it (key order, spacing). */
    private void assertJsonb(String table, String column, List<String> expectedJson) throws SQLException {
        assertEquals("jsonb", db.pgType(table, column));
        assertEquals(db.asJsonb(expectedJson), db.column("SELECT " + column + "::text FROM " + table + " ORDER BY id",
                ResultSet::getString));
    }

    /** The instants of a timestamptz query, read as OffsetDateTime in a session of the given zone. */
    private List<Instant> instants(String sessionZone, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE '" + sessionZone + "'");
            List<Instant> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                    out.add(t == null ? null : t.toInstant());
                }
            }
            return out;
        }
    }

    private static ColumnType struct(Column... fields) {
        return new ColumnType.Struct(List.of(fields));
    }

    private static Column field(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    private static <T> List<T> withNull(List<T> values) {
        List<T> out = new ArrayList<>(values);
        out.add(null);
        return out;
    }

    private static List<String> isoTexts(List<LocalDateTime> times) {
        List<String> out = new ArrayList<>();
        for (LocalDateTime t : times) {
            out.add(t == null ? null : isoText(t));
        }
        return out;
    }

    private static String isoText(LocalDateTime t) {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000);
    }

    private static Integer bits(Float f) {
        return f == null ? null : Float.floatToIntBits(f);
    }

    private static Long bits(Double d) {
        return d == null ? null : Double.doubleToLongBits(d);
    }
}
