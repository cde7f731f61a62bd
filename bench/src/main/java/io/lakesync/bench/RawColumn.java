package io.lakesync.bench;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One column of rows held in memory as plain Java values (primitives in arrays, BigDecimal and
 * String objects: what a source hands a sink), and its binary COPY encoding. Filled before the
 * clock starts; only {@link #encode} runs while the raw limit is timed.
 */
abstract class RawColumn {

    private boolean[] nulls = new boolean[1024];
    private int size;

    /** The column of {@code type}; the benchmark table uses scalar types only. */
    static RawColumn of(ColumnType type) {
        if (type instanceof ColumnType.Decimal d) {
            return new DecimalColumn(d);
        }
        if (!(type instanceof ColumnType.Primitive p)) {
            throw new IllegalArgumentException("The raw copier handles scalar columns only, not " + type);
        }
        switch (p.kind()) {
            case BOOLEAN: return new BooleanColumn();
            case INT: return new IntColumn("integer");
            case DATE: return new DateColumn();
            case LONG: return new LongColumn("bigint");
            case TIMESTAMP: return new TimestampColumn("timestamptz");
            case TIMESTAMP_NTZ: return new TimestampColumn("timestamp");
            case DOUBLE: return new DoubleColumn();
            case STRING: return new TextColumn();
            default: throw new IllegalArgumentException("The raw copier does not handle " + type + " columns");
        }
    }

    /** The PostgreSQL type the raw table declares (DESIGN §3, as lakesync maps it). */
    abstract String sqlType();

    /** Makes room for {@code rows} values at once, when the count is known up front. */
    final void reserve(int rows) {
        if (rows > nulls.length) {
            nulls = Arrays.copyOf(nulls, rows);
            grow(rows);
        }
    }

    /** Appends row {@code row} of {@code values}. */
    final void add(ColumnValues values, int row) {
        if (size == nulls.length) {
            nulls = Arrays.copyOf(nulls, size * 2);
            grow(size * 2);
        }
        boolean isNull = values.isNull(row);
        nulls[size] = isNull;
        if (!isNull) {
            store(size, values, row);
        }
        size++;
    }

    /** Writes the length-prefixed field of row {@code row}. */
    final void encode(int row, CopyBuffer out) {
        if (nulls[row]) {
            out.writeNull();
        } else {
            encodeValue(row, out);
        }
    }

    final int size() {
        return size;
    }

    abstract void grow(int capacity);

    abstract void store(int index, ColumnValues values, int row);

    abstract void encodeValue(int index, CopyBuffer out);

    private static final class BooleanColumn extends RawColumn {
        private boolean[] values = new boolean[1024];

        String sqlType() { return "boolean"; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getBoolean(row); }
        void encodeValue(int index, CopyBuffer out) {
            out.writeInt(1);
            out.writeByte(values[index] ? 1 : 0);
        }
    }

    private static class IntColumn extends RawColumn {
        final String sqlType;
        int[] values = new int[1024];

        IntColumn(String sqlType) { this.sqlType = sqlType; }
        String sqlType() { return sqlType; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getInt(row); }
        void encodeValue(int index, CopyBuffer out) {
            out.writeInt(4);
            out.writeInt(values[index]);
        }
    }

    /** Days since 1970 in memory; PostgreSQL counts days since 2000-01-01. */
    private static final class DateColumn extends IntColumn {
        private static final int DAYS_1970_TO_2000 = 10_957;

        DateColumn() { super("date"); }
        @Override void encodeValue(int index, CopyBuffer out) {
            out.writeInt(4);
            out.writeInt(values[index] - DAYS_1970_TO_2000);
        }
    }

    private static class LongColumn extends RawColumn {
        final String sqlType;
        long[] values = new long[1024];

        LongColumn(String sqlType) { this.sqlType = sqlType; }
        String sqlType() { return sqlType; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getLong(row); }
        void encodeValue(int index, CopyBuffer out) {
            out.writeInt(8);
            out.writeLong(values[index]);
        }
    }

    /** Microseconds since 1970 in memory; PostgreSQL counts microseconds since 2000-01-01. */
    private static final class TimestampColumn extends LongColumn {
        private static final long MICROS_1970_TO_2000 = 946_684_800_000_000L;

        TimestampColumn(String sqlType) { super(sqlType); }
        @Override void encodeValue(int index, CopyBuffer out) {
            out.writeInt(8);
            out.writeLong(values[index] - MICROS_1970_TO_2000);
        }
    }

    private static final class DoubleColumn extends RawColumn {
        private double[] values = new double[1024];

        String sqlType() { return "double precision"; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getDouble(row); }
        void encodeValue(int index, CopyBuffer out) {
            out.writeInt(8);
            out.writeLong(Double.doubleToRawLongBits(values[index]));
        }
    }

    private static final class DecimalColumn extends RawColumn {
        private final ColumnType.Decimal type;
        private final NumericEncoding encoding = new NumericEncoding();
        private BigDecimal[] values = new BigDecimal[1024];

        DecimalColumn(ColumnType.Decimal type) { this.type = type; }
        String sqlType() { return "numeric(" + type.precision() + "," + type.scale() + ")"; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getDecimal(row); }
        void encodeValue(int index, CopyBuffer out) { encoding.write(values[index], out); }
    }

    private static final class TextColumn extends RawColumn {
        private String[] values = new String[1024];

        String sqlType() { return "text"; }
        void grow(int capacity) { values = Arrays.copyOf(values, capacity); }
        void store(int index, ColumnValues v, int row) { values[index] = v.getString(row); }
        void encodeValue(int index, CopyBuffer out) { out.writeText(values[index]); }
    }
}
