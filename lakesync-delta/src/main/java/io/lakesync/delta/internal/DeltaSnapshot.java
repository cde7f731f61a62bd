package io.lakesync.delta.internal;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** A Delta table pinned at one version and projected onto the requested columns. */
public final class DeltaSnapshot implements SourceSnapshot {

    /** Reader features lakesync itself cannot decode even when Kernel accepts the table. */
    private static final Set<String> UNDECODABLE_FEATURES = Set.of("variantShredding", "variantShredding-preview");

    private final Engine engine;
    private final String table;
    private final Snapshot snapshot;
    private final StructType readSchema;
    private final TableSchema schema;
    private final SourceVersion version;
    private OptionalLong estimatedRowCount;

    public DeltaSnapshot(Engine engine, String table, Snapshot snapshot, List<String> columns) {
        this.engine = engine;
        this.table = table;
        this.snapshot = snapshot;
        refuseUndecodableFeatures();
        this.readSchema = project(snapshot.getSchema(), columns);
        this.schema = new TableSchema(DeltaTypes.toColumns(readSchema));
        long millis = KernelFailures.call(table, () -> "reading the commit timestamp of version "
                + snapshot.getVersion(), () -> snapshot.getTimestamp(engine));
        this.version = new SourceVersion(snapshot.getVersion(), Instant.ofEpochMilli(millis));
    }

    @Override
    public SourceVersion version() {
        return version;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public synchronized OptionalLong estimatedRowCount() {
        if (estimatedRowCount == null) {
            estimatedRowCount = KernelFailures.call(table, () -> "reading file statistics",
                    () -> RowCountEstimate.of(engine, snapshot.getScanBuilder().build()));
        }
        return estimatedRowCount;
    }

    /** The Kernel snapshot this one reads. */
    Snapshot kernelSnapshot() {
        return snapshot;
    }

    /** The Kernel schema of the projected columns, in the order of {@link #schema()}. */
    StructType readSchema() {
        return readSchema;
    }

    @Override
    public CloseableIterator<RowBatch> batches() {
        Scan scan = KernelFailures.call(table, () -> "planning the scan",
                () -> snapshot.getScanBuilder().withReadSchema(readSchema).build());
        return new ScanBatches(engine, table, schema, scan);
    }

    private void refuseUndecodableFeatures() {
        Set<String> used = new TreeSet<>(snapshot.getProtocol().getReaderFeatures());
        used.retainAll(UNDECODABLE_FEATURES);
        if (!used.isEmpty()) {
            throw KernelFailures.unsupportedFeatures(table, used, null);
        }
    }

    /** The fields named in {@code columns}, in that order; all fields (table order) when empty. */
    private StructType project(StructType tableSchema, List<String> columns) {
        if (columns.isEmpty()) {
            return tableSchema;
        }
        List<StructField> fields = new ArrayList<>(columns.size());
        Set<String> seen = new HashSet<>();
        for (String name : columns) {
            if (!seen.add(name)) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Column " + name
                        + " is named twice in the column list. Name each column once.");
            }
            int index = tableSchema.indexOf(name);
            if (index < 0) {
                throw new LakesyncException(ErrorCode.COLUMN_NOT_FOUND, "Column " + name + " is not in the Delta table "
                        + table + " at version " + snapshot.getVersion() + ". Its columns are: "
                        + String.join(", ", tableSchema.fieldNames()) + ". Names are case-sensitive.");
            }
            fields.add(tableSchema.at(index));
        }
        return new StructType(fields);
    }
}
