package io.lakesync.core.model;

import java.util.List;

/**
 * The type of a source column, independent of Delta and of PostgreSQL. Adapters map their own
 * types onto this closed set; the sink maps it onto SQL types (DESIGN §3).
 */
public sealed interface ColumnType {

    /** Types without parameters. */
    enum Kind {
        BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ, VARIANT
    }

    record Primitive(Kind kind) implements ColumnType {
        @Override
        public String toString() {
            return kind.name().toLowerCase();
        }
    }

    record Decimal(int precision, int scale) implements ColumnType {
        @Override
        public String toString() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    record Array(ColumnType elementType, boolean containsNull) implements ColumnType {
        @Override
        public String toString() {
            return "array<" + elementType + ">";
        }
    }

    record MapType(ColumnType keyType, ColumnType valueType, boolean valueContainsNull) implements ColumnType {
        @Override
        public String toString() {
            return "map<" + keyType + "," + valueType + ">";
        }
    }

    record Struct(List<Column> fields) implements ColumnType {
        public Struct {
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            return "struct<" + String.join(",", fields.stream().map(f -> f.name() + ":" + f.type()).toList()) + ">";
        }
    }

    Primitive BOOLEAN = new Primitive(Kind.BOOLEAN);
    Primitive BYTE = new Primitive(Kind.BYTE);
    Primitive SHORT = new Primitive(Kind.SHORT);
    Primitive INT = new Primitive(Kind.INT);
    Primitive LONG = new Primitive(Kind.LONG);
    Primitive FLOAT = new Primitive(Kind.FLOAT);
    Primitive DOUBLE = new Primitive(Kind.DOUBLE);
    Primitive STRING = new Primitive(Kind.STRING);
    Primitive BINARY = new Primitive(Kind.BINARY);
    Primitive DATE = new Primitive(Kind.DATE);
    Primitive TIMESTAMP = new Primitive(Kind.TIMESTAMP);
    Primitive TIMESTAMP_NTZ = new Primitive(Kind.TIMESTAMP_NTZ);
    Primitive VARIANT = new Primitive(Kind.VARIANT);

    /** Whether values of this type can be part of a primary key (scalars only). */
    default boolean isKeyable() {
        if (this instanceof Primitive p) {
            return p.kind() != Kind.VARIANT;
        }
        return this instanceof Decimal;
    }
}
