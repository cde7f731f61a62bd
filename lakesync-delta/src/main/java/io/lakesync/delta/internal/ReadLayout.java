package io.lakesync.delta.internal;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.lakesync.core.model.TableSchema;
import io.delta.kernel.internal.util.ColumnMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to read the data files of a change range with one projection of the end version's schema:
 * Kernel's scan state at that version (logical schema, column mapping, partition columns), the
 * Parquet columns to ask for, and where the helper columns land in what the reader returns.
 *
 * <p>Every file is read with the row index (to apply deletion vectors ourselves, old and new ones),
 * and change data files also with {@code _change_type}. Both helper columns are cut off before
 * Kernel turns the physical batch into a logical one, so Kernel sees only data columns.
 */
final class ReadLayout {

    static final String CHANGE_TYPE_COLUMN = "_change_type";

    final Row scanState;
    final TableSchema schema;
    final String tableRoot;
    private final StructType dataSchema;
    final StructType parquetSchema;
    final int rowIndexOrdinal;
    final int changeTypeOrdinal;
    private final List<String> partitionKeys;

    private ReadLayout(Row scanState, TableSchema schema, StructType dataSchema, StructType parquetSchema,
            int changeTypeOrdinal) {
        this.scanState = scanState;
        this.schema = schema;
        this.tableRoot = ScanStateRow.getTableRoot(scanState).toString();
        this.dataSchema = dataSchema;
        this.parquetSchema = parquetSchema;
        this.rowIndexOrdinal = dataSchema.length();
        this.changeTypeOrdinal = changeTypeOrdinal;
        this.partitionKeys = partitionKeys(scanState);
    }

    /** Whether the table is partitioned (its files have partition values). */
    boolean partitioned() {
        return !ScanStateRow.getPartitionColumns(scanState).isEmpty();
    }

    /**
     * A file action's partition values with every partition column of the read schema present:
     * Spark leaves null values out of the {@code partitionValues} of some actions, but Kernel
     * expects every partition column it reads to have an entry.
     */
    Map<String, String> partitionValues(Map<String, String> values) {
        Map<String, String> complete = new HashMap<>(values == null ? Map.of() : values);
        for (String key : partitionKeys) {
            complete.putIfAbsent(key, null);
        }
        return complete;
    }

    /** The names the partition columns of the read schema have in partitionValues (physical names). */
    private static List<String> partitionKeys(Row scanState) {
        Set<String> partitionColumns = new HashSet<>();
        for (String column : ScanStateRow.getPartitionColumns(scanState)) {
            partitionColumns.add(column.toLowerCase(Locale.ROOT));
        }
        List<String> keys = new ArrayList<>();
        for (StructField field : ScanStateRow.getLogicalSchema(scanState).fields()) {
            if (partitionColumns.contains(field.getName().toLowerCase(Locale.ROOT))) {
                keys.add(ColumnMapping.getPhysicalName(field));
            }
        }
        return keys;
    }

    /**
     * A layout for the columns of {@code readSchema} (a projection of {@code snapshot}'s schema);
     * {@code changeData} adds the change type column of Change Data Feed files.
     */
    static ReadLayout of(Engine engine, String table, Snapshot snapshot, StructType readSchema, boolean changeData) {
        Row scanState = KernelFailures.call(table, () -> "planning the read of changed files", () -> {
            Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
            return scan.getScanState(engine);
        });
        List<StructField> data = new ArrayList<>();
        for (StructField field : ScanStateRow.getPhysicalDataReadSchema(scanState).fields()) {
            if (!field.isMetadataColumn() && !field.isInternalColumn()) {
                data.add(field);
            }
        }
        StructType dataSchema = new StructType(data);
        StructType parquet = PhysicalReadSchema.of(dataSchema).add(StructField.DEFAULT_ROW_INDEX_COLUMN);
        int changeTypeOrdinal = -1;
        if (changeData) {
            changeTypeOrdinal = parquet.length();
            parquet = parquet.add(CHANGE_TYPE_COLUMN, StringType.STRING, true);
        }
        return new ReadLayout(scanState, new TableSchema(DeltaTypes.toColumns(readSchema)), dataSchema, parquet,
                changeTypeOrdinal);
    }

    /**
     * The data columns of a batch the Parquet reader returned, labelled with Kernel's physical schema
     * (the vectors keep the types they were read with, which the adapters expect; see
     * {@link PhysicalReadSchema}).
     */
    ColumnarBatch dataColumns(ColumnarBatch read) {
        ColumnVector[] vectors = new ColumnVector[dataSchema.length()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = read.getColumnVector(i);
        }
        return new DefaultColumnarBatch(read.getSize(), dataSchema, vectors);
    }
}
