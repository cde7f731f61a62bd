package io.lakesync.postgres.internal.copy;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import java.util.Base64;
import java.util.List;

/**
 * Renders nested values (ARRAY, MAP, STRUCT and whatever they contain) as JSON text for jsonb,
 * per DESIGN §3: struct → object by field name, map → object keyed by the key's text, array →
 * array; timestamps as ISO-8601 with microseconds, dates as yyyy-mm-dd, binary as base64,
 * decimals as exact JSON numbers, NaN and ±Infinity (not JSON numbers) as strings. The tree of
 * writers is built once per column, so no type dispatch happens per value.
 */
final class JsonRenderer {

    /** Writes one non-null value at {@code row} of {@code values}. */
    interface Node {
        void write(ColumnValues values, int row, StringBuilder out);
    }

    private final TextEncoder text;

    JsonRenderer(TextEncoder text) {
        this.text = text;
    }

    Node forType(ColumnType type) {
        if (type instanceof ColumnType.Decimal) {
            return (v, r, out) -> out.append(v.getDecimal(r).toPlainString());
        }
        if (type instanceof ColumnType.Array array) {
            return arrayNode(forType(array.elementType()));
        }
        if (type instanceof ColumnType.MapType map) {
            return mapNode(forType(map.keyType()), forType(map.valueType()));
        }
        if (type instanceof ColumnType.Struct struct) {
            return structNode(struct.fields());
        }
        ColumnType.Primitive primitive = (ColumnType.Primitive) type;
        switch (primitive.kind()) {
            case BOOLEAN:
                return (v, r, out) -> out.append(v.getBoolean(r));
            case BYTE:
                return (v, r, out) -> out.append(v.getByte(r));
            case SHORT:
                return (v, r, out) -> out.append(v.getShort(r));
            case INT:
                return (v, r, out) -> out.append(v.getInt(r));
            case LONG:
                return (v, r, out) -> out.append(v.getLong(r));
            case FLOAT:
                return (v, r, out) -> appendFloat(v.getFloat(r), out);
            case DOUBLE:
                return (v, r, out) -> appendDouble(v.getDouble(r), out);
            case STRING:
                return (v, r, out) -> appendString(v.getString(r), out);
            case BINARY:
                return (v, r, out) -> out.append('"').append(Base64.getEncoder().encodeToString(v.getBinary(r)))
                        .append('"');
            case DATE:
                return (v, r, out) -> {
                    out.append('"');
                    IsoTimes.appendDate(v.getInt(r), out);
                    out.append('"');
                };
            case TIMESTAMP:
                return (v, r, out) -> appendTimestamp(v.getLong(r), true, out);
            case TIMESTAMP_NTZ:
                return (v, r, out) -> appendTimestamp(v.getLong(r), false, out);
            case VARIANT:
                return (v, r, out) -> out.append(VariantJson.withoutNul(v.getString(r), text));
            default:
                throw new IllegalStateException("no JSON form for " + type);
        }
    }

    private Node arrayNode(Node element) {
        return (v, r, out) -> {
            ColumnValues.ArrayValue array = v.getArray(r);
            ColumnValues elements = array.elements();
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeOrNull(element, elements, i, out);
            }
            out.append(']');
        };
    }

    private Node mapNode(Node key, Node value) {
        StringBuilder keyText = new StringBuilder();
        return (v, r, out) -> {
            ColumnValues.MapValue map = v.getMap(r);
            out.append('{');
            for (int i = 0; i < map.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                keyText.setLength(0);
                writeOrNull(key, map.keys(), i, keyText);
                if (keyText.length() > 0 && keyText.charAt(0) == '"') {
                    out.append(keyText); // already a JSON string
                } else {
                    appendString(keyText.toString(), out); // a number, boolean or object as its text
                }
                out.append(':');
                writeOrNull(value, map.values(), i, out);
            }
            out.append('}');
        };
    }

    private Node structNode(List<Column> fields) {
        Node[] nodes = new Node[fields.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = forType(fields.get(i).type());
        }
        return (v, r, out) -> {
            out.append('{');
            for (int i = 0; i < nodes.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(fields.get(i).name(), out);
                out.append(':');
                writeOrNull(nodes[i], v.field(i), r, out);
            }
            out.append('}');
        };
    }

    private static void writeOrNull(Node node, ColumnValues values, int row, StringBuilder out) {
        if (values.isNull(row)) {
            out.append("null");
        } else {
            node.write(values, row, out);
        }
    }

    private static void appendTimestamp(long micros, boolean utc, StringBuilder out) {
        out.append('"');
        IsoTimes.appendTimestamp(micros, utc, out);
        out.append('"');
    }

    private static void appendFloat(float f, StringBuilder out) {
        if (Float.isFinite(f)) {
            out.append(f); // Float's own shortest text, not the widened double's (0.1, not 0.10000000149)
        } else {
            appendNonFinite(f, out);
        }
    }

    private static void appendDouble(double d, StringBuilder out) {
        if (Double.isFinite(d)) {
            out.append(d);
        } else {
            appendNonFinite(d, out);
        }
    }

    private static void appendNonFinite(double d, StringBuilder out) {
        out.append(Double.isNaN(d) ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    }

    /** A JSON string; a NUL (which jsonb rejects even escaped) follows the text policy. */
    void appendString(String s, StringBuilder out) {
        out.append('"');
        boolean replaced = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20) {
                out.append(c);
            } else if (c == 0) {
                text.onNul();
                out.append('\uFFFD');
                replaced = true;
            } else {
                appendControl(c, out);
            }
        }
        out.append('"');
        if (replaced) {
            text.countReplacedInJson();
        }
    }

    private static void appendControl(char c, StringBuilder out) {
        switch (c) {
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            default:
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
        }
    }
}
