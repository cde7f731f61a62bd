package io.lakesync.server.corpus;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Nested values as JSON text, written from the rules of the README ("Types") and DESIGN §3 rather
 * than from lakesync's code: STRUCT an object keyed by field name, MAP an object with its keys as
 * text, ARRAY an array; numbers as JSON numbers (NaN and ±Infinity as the strings "NaN",
 * "Infinity", "-Infinity"); timestamps as ISO-8601 with six fraction digits ({@code Z} for
 * TIMESTAMP, none for TIMESTAMP_NTZ); dates as yyyy-mm-dd; binary as base64. PostgreSQL parses the
 * text as jsonb, so key order and number spelling ({@code 1.0} vs {@code 1}) do not matter.
 */
final class JsonText {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private JsonText() {
    }

    static String of(Cell cell, DataType type) {
        StringBuilder out = new StringBuilder();
        write(cell, type, out);
        return out.toString();
    }

    private static void write(Cell cell, DataType type, StringBuilder out) {
        if (cell.isNull()) {
            out.append("null");
        } else if (type instanceof StructType struct) {
            writeStruct(cell, struct, out);
        } else if (type instanceof ArrayType array) {
            writeArray(cell.getArray(), array, out);
        } else if (type instanceof MapType map) {
            writeMap(cell.getMap(), map, out);
        } else {
            out.append(leaf(cell, type));
        }
    }

    private static void writeStruct(Cell cell, StructType struct, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < struct.length(); i++) {
            StructField field = struct.at(i);
            out.append(i > 0 ? "," : "").append(quote(field.getName())).append(':');
            write(cell.field(i), field.getDataType(), out);
        }
        out.append('}');
    }

    private static void writeArray(ArrayValue array, ArrayType type, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < array.getSize(); i++) {
            out.append(i > 0 ? "," : "");
            write(Cell.of(array.getElements(), i), type.getElementType(), out);
        }
        out.append(']');
    }

    private static void writeMap(MapValue map, MapType type, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < map.getSize(); i++) {
            out.append(i > 0 ? "," : "").append(quote(keyText(Cell.of(map.getKeys(), i), type.getKeyType()))).append(':');
            write(Cell.of(map.getValues(), i), type.getValueType(), out);
        }
        out.append('}');
    }

    /** A map key as text: a string as itself, any other value as the text of its JSON form. */
    private static String keyText(Cell key, DataType type) {
        if (type instanceof StringType) {
            return key.getString();
        }
        String json = of(key, type);
        return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    /** A scalar as JSON text. */
    private static String leaf(Cell cell, DataType type) {
        if (type instanceof BooleanType) {
            return Boolean.toString(cell.getBoolean());
        } else if (type instanceof ByteType) {
            return Byte.toString(cell.getByte());
        } else if (type instanceof ShortType) {
            return Short.toString(cell.getShort());
        } else if (type instanceof IntegerType) {
            return Integer.toString(cell.getInt());
        } else if (type instanceof LongType) {
            return Long.toString(cell.getLong());
        } else if (type instanceof FloatType) {
            float f = cell.getFloat();
            return Float.isFinite(f) ? Float.toString(f) : quote(nonFinite(f));
        } else if (type instanceof DoubleType) {
            double d = cell.getDouble();
            return Double.isFinite(d) ? Double.toString(d) : quote(nonFinite(d));
        } else if (type instanceof DecimalType) {
            return cell.getDecimal().toPlainString();
        } else if (type instanceof StringType) {
            return quote(cell.getString());
        } else if (type instanceof BinaryType) {
            return quote(Base64.getEncoder().encodeToString(cell.getBinary()));
        } else if (type instanceof DateType) {
            return quote(LocalDate.ofEpochDay(cell.getInt()).toString());
        } else if (type instanceof TimestampType) {
            return quote(MICROS.format(TimeValues.utcDateTime(cell.getLong())) + "Z");
        } else if (type instanceof TimestampNTZType) {
            return quote(MICROS.format(TimeValues.utcDateTime(cell.getLong())));
        }
        throw new IllegalArgumentException("The corpus test has no JSON rule for " + type);
    }

    private static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
