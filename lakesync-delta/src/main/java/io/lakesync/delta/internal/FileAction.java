package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StructType;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One data file named by an {@code add}, {@code remove} or {@code cdc} action of a commit.
 *
 * @param path the path as the log spells it (relative to the table root, URI-encoded, or absolute)
 * @param partitionValues the file's partition values by (physical) column name; null when a
 *     {@code remove} action omits them (writers before extendedFileMetadata)
 * @param size the file size in bytes, or -1 when the action does not say
 * @param dataChange false for rewrites that change no rows (OPTIMIZE, compaction); true for cdc files
 * @param deletionVector the rows of the file this action hides, or null
 * @param numRecords the physical rows of the file, from the action's statistics
 */
record FileAction(String path, Map<String, String> partitionValues, long size, boolean dataChange,
        DeletionVectorDescriptor deletionVector, OptionalLong numRecords) {

    /** Rows of the file this action shows, when the statistics tell. */
    OptionalLong liveRows() {
        if (numRecords.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(numRecords.getAsLong() - deletedRows());
    }

    long deletedRows() {
        return deletionVector == null ? 0 : deletionVector.getCardinality();
    }

    static FileAction ofAdd(ColumnVector add, int row) {
        return new FileAction(string(add, "path", row), partitionValues(add, row), longOr(add, "size", row, -1),
                bool(add, "dataChange", row, true), deletionVector(add, row),
                RowCountEstimate.numRecords(nullableString(add, "stats", row)));
    }

    static FileAction ofRemove(ColumnVector remove, int row) {
        return new FileAction(string(remove, "path", row), partitionValues(remove, row),
                longOr(remove, "size", row, -1), bool(remove, "dataChange", row, true), deletionVector(remove, row),
                RowCountEstimate.numRecords(nullableString(remove, "stats", row)));
    }

    /** Change data files carry no statistics and no deletion vector. */
    static FileAction ofChangeData(ColumnVector cdc, int row) {
        return new FileAction(string(cdc, "path", row), partitionValues(cdc, row), longOr(cdc, "size", row, -1),
                true, null, OptionalLong.empty());
    }

    private static ColumnVector child(ColumnVector struct, String name) {
        int ordinal = ((StructType) struct.getDataType()).indexOf(name);
        return ordinal < 0 ? null : struct.getChild(ordinal);
    }

    private static String string(ColumnVector struct, String name, int row) {
        String value = nullableString(struct, name, row);
        if (value == null) {
            throw new IllegalStateException("a file action of the Delta log has no " + name);
        }
        return value;
    }

    private static String nullableString(ColumnVector struct, String name, int row) {
        ColumnVector field = child(struct, name);
        return field == null || field.isNullAt(row) ? null : field.getString(row);
    }

    private static long longOr(ColumnVector struct, String name, int row, long otherwise) {
        ColumnVector field = child(struct, name);
        return field == null || field.isNullAt(row) ? otherwise : field.getLong(row);
    }

    private static boolean bool(ColumnVector struct, String name, int row, boolean otherwise) {
        ColumnVector field = child(struct, name);
        return field == null || field.isNullAt(row) ? otherwise : field.getBoolean(row);
    }

    private static Map<String, String> partitionValues(ColumnVector struct, int row) {
        ColumnVector field = child(struct, "partitionValues");
        if (field == null || field.isNullAt(row)) {
            return null;
        }
        // Not Map.copyOf: a null partition value is a real value (Hive's default partition).
        return Collections.unmodifiableMap(new HashMap<>(VectorUtils.<String, String>toJavaMap(field.getMap(row))));
    }

    private static DeletionVectorDescriptor deletionVector(ColumnVector struct, int row) {
        ColumnVector field = child(struct, "deletionVector");
        return field == null ? null : DeletionVectorDescriptor.fromColumnVector(field, row);
    }
}
