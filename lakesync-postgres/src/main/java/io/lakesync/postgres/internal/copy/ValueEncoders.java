package io.lakesync.postgres.internal.copy;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;

/**
 * Picks the binary COPY encoder of each source type, once per column (DESIGN §3). Dates and
 * timestamps shift from the source's 1970 epoch to PostgreSQL's 2000 epoch; everything else is
 * written in its PostgreSQL binary form as is.
 */
final class ValueEncoders {

    /** Days from 1970-01-01 to 2000-01-01. */
    static final int PG_EPOCH_DAYS = 10_957;
    /** Microseconds from 1970-01-01T00:00 to 2000-01-01T00:00. */
    static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400L * 1_000_000L;

    private ValueEncoders() {
    }

    static ValueEncoder forType(ColumnType type, TextEncoder text) {
        if (type instanceof ColumnType.Decimal) {
            NumericEncoder numeric = new NumericEncoder();
            return (v, r, out) -> numeric.write(v.getDecimal(r), out);
        }
        if (!(type instanceof ColumnType.Primitive primitive)) {
            return new JsonEncoder(new JsonRenderer(text).forType(type), text);
        }
        switch (primitive.kind()) {
            case BOOLEAN:
                return (v, r, out) -> {
                    out.ensure(5);
                    out.putInt(1);
                    out.putByte(v.getBoolean(r) ? 1 : 0);
                };
            case BYTE:
                return (v, r, out) -> {
                    out.ensure(6);
                    out.putInt(2);
                    out.putShort(v.getByte(r));
                };
            case SHORT:
                return (v, r, out) -> {
                    out.ensure(6);
                    out.putInt(2);
                    out.putShort(v.getShort(r));
                };
            case INT:
                return (v, r, out) -> {
                    out.ensure(8);
                    out.putInt(4);
                    out.putInt(v.getInt(r));
                };
            case LONG:
                return (v, r, out) -> {
                    out.ensure(12);
                    out.putInt(8);
                    out.putLong(v.getLong(r));
                };
            case FLOAT:
                return (v, r, out) -> {
                    out.ensure(8);
                    out.putInt(4);
                    out.putInt(Float.floatToIntBits(v.getFloat(r)));
                };
            case DOUBLE:
                return (v, r, out) -> {
                    out.ensure(12);
                    out.putInt(8);
                    out.putLong(Double.doubleToLongBits(v.getDouble(r)));
                };
            case DATE:
                return (v, r, out) -> {
                    out.ensure(8);
                    out.putInt(4);
                    out.putInt(v.getInt(r) - PG_EPOCH_DAYS);
                };
            case TIMESTAMP:
            case TIMESTAMP_NTZ:
                return (v, r, out) -> {
                    out.ensure(12);
                    out.putInt(8);
                    out.putLong(v.getLong(r) - PG_EPOCH_MICROS);
                };
            case STRING:
                return (v, r, out) -> text.writeField(v.getString(r), out, false);
            case BINARY:
                return (v, r, out) -> {
                    byte[] bytes = v.getBinary(r);
                    out.ensure(4);
                    out.putInt(bytes.length);
                    out.write(bytes, 0, bytes.length);
                };
            case VARIANT:
                return (v, r, out) -> text.writeField(VariantJson.withoutNul(v.getString(r), text), out, true);
            default:
                throw new IllegalStateException("no encoder for " + type);
        }
    }

    /** Nested values: JSON text into a reused builder, then jsonb (version byte 1 + UTF-8 text). */
    private static final class JsonEncoder implements ValueEncoder {
        private static final int KEEP_BUILDER_CHARS = 1 << 20;

        private final JsonRenderer.Node node;
        private final TextEncoder text;
        private StringBuilder json = new StringBuilder(256);

        JsonEncoder(JsonRenderer.Node node, TextEncoder text) {
            this.node = node;
            this.text = text;
        }

        @Override
        public void encode(ColumnValues values, int row, CopyBuffer out) {
            json.setLength(0);
            node.write(values, row, json);
            text.writeField(json.toString(), out, true);
            if (json.capacity() > KEEP_BUILDER_CHARS) {
                json = new StringBuilder(256); // one huge value must not pin its memory for the whole load
            }
        }
    }
}
