package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;

/** Arrays, maps and structs: their children are adapters over Kernel's child vectors. */
final class NestedValues {

    private NestedValues() {
    }

    static final class Arrays implements ColumnValues {
        private final ColumnVector vector;
        private final ColumnType elementType;
        private final ReadContext context;

        Arrays(ColumnVector vector, ColumnType.Array type, ReadContext context) {
            this.vector = vector;
            this.elementType = type.elementType();
            this.context = context.child("[]");
        }

        @Override
        public boolean isNull(int row) {
            return vector.isNullAt(row);
        }

        @Override
        public ArrayValue getArray(int row) {
            io.delta.kernel.data.ArrayValue array = vector.getArray(row);
            return new ArrayValue(array.getSize(), ColumnAdapters.adapt(elementType, array.getElements(), context));
        }
    }

    static final class Maps implements ColumnValues {
        private final ColumnVector vector;
        private final ColumnType keyType;
        private final ColumnType valueType;
        private final ReadContext keyContext;
        private final ReadContext valueContext;

        Maps(ColumnVector vector, ColumnType.MapType type, ReadContext context) {
            this.vector = vector;
            this.keyType = type.keyType();
            this.valueType = type.valueType();
            this.keyContext = context.child(".key");
            this.valueContext = context.child(".value");
        }

        @Override
        public boolean isNull(int row) {
            return vector.isNullAt(row);
        }

        @Override
        public MapValue getMap(int row) {
            io.delta.kernel.data.MapValue map = vector.getMap(row);
            return new MapValue(map.getSize(), ColumnAdapters.adapt(keyType, map.getKeys(), keyContext),
                    ColumnAdapters.adapt(valueType, map.getValues(), valueContext));
        }
    }

    static final class Structs implements ColumnValues {
        private final ColumnVector vector;
        private final ColumnValues[] fields;

        Structs(ColumnVector vector, ColumnType.Struct type, ReadContext context) {
            this.vector = vector;
            this.fields = new ColumnValues[type.fields().size()];
            for (int i = 0; i < fields.length; i++) {
                io.lakesync.core.model.Column field = type.fields().get(i);
                fields[i] = ColumnAdapters.adapt(field.type(), vector.getChild(i), context.child("." + field.name()));
            }
        }

        @Override
        public boolean isNull(int row) {
            return vector.isNullAt(row);
        }

        @Override
        public ColumnValues field(int fieldOrdinal) {
            return fields[fieldOrdinal];
        }
    }
}
