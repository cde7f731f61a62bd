package io.lakesync.postgres.internal.copy;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import java.util.HexFormat;

/**
 * A key value as text for messages ({@code id=7, region=eu}), matching how PostgreSQL renders the
 * same key (see {@code KeySql}), so a key named in an error can be found in the source and target.
 */
public final class KeyText {

    private KeyText() {
    }

    public static void append(ColumnType type, ColumnValues values, int row, StringBuilder out) {
        if (values.isNull(row)) {
            out.append("NULL");
            return;
        }
        if (type instanceof ColumnType.Decimal) {
            out.append(values.getDecimal(row).toPlainString());
            return;
        }
        if (!(type instanceof ColumnType.Primitive primitive)) {
            out.append("(").append(type).append(")");
            return;
        }
        switch (primitive.kind()) {
            case BOOLEAN:
                out.append(values.getBoolean(row));
                break;
            case BYTE:
                out.append(values.getByte(row));
                break;
            case SHORT:
                out.append(values.getShort(row));
                break;
            case INT:
                out.append(values.getInt(row));
                break;
            case LONG:
                out.append(values.getLong(row));
                break;
            case FLOAT:
                out.append(values.getFloat(row));
                break;
            case DOUBLE:
                out.append(values.getDouble(row));
                break;
            case STRING:
                out.append(values.getString(row).replace("\0", "\\0"));
                break;
            case BINARY:
                out.append("\\x").append(HexFormat.of().formatHex(values.getBinary(row)));
                break;
            case DATE:
                IsoTimes.appendDate(values.getInt(row), out);
                break;
            case TIMESTAMP:
                IsoTimes.appendTimestamp(values.getLong(row), true, out);
                break;
            case TIMESTAMP_NTZ:
                IsoTimes.appendTimestamp(values.getLong(row), false, out);
                break;
            default:
                out.append(values.getString(row));
        }
    }
}
