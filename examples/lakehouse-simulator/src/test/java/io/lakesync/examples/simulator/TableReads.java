package io.lakesync.examples.simulator;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.examples.simulator.delta.IncidentSchema;
import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.testkit.delta.RowBatchValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Reads of the simulator's table for tests: through lakesync's reader and through plain Kernel. */
final class TableReads {

    /** One change row as lakesync's reader reports it. */
    record Change(ChangeKind kind, String key, List<Object> row) {
    }

    private TableReads() {
    }

    /** Rows keyed by incident id, through lakesync's Delta reader. */
    static TreeMap<String, List<Object>> snapshot(DeltaTableSource source, long version) {
        SourceSnapshot snapshot = source.snapshot(OptionalLong.of(version), List.of());
        TreeMap<String, List<Object>> rows = new TreeMap<>();
        try (io.lakesync.core.spi.CloseableIterator<RowBatch> batches = snapshot.batches()) {
            for (Object[] row : RowBatchValues.rows(snapshot.schema(), batches)) {
                if (rows.put((String) row[0], Arrays.asList(row)) != null) {
                    throw new AssertionError("incident " + row[0] + " twice in version " + version);
                }
            }
        }
        return rows;
    }

    /** The change rows of one version, through lakesync's Delta reader (its CDF path). */
    static List<Change> changes(DeltaTableSource source, long version) {
        ChangeSet set = source.changes(version - 1, version, List.of());
        List<Change> changes = new ArrayList<>();
        try (io.lakesync.core.spi.CloseableIterator<ChangeBatch> batches = set.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                if (batch.version() != version) {
                    throw new AssertionError("a change of version " + batch.version() + " in the range of " + version);
                }
                for (Object[] row : RowBatchValues.rows(set.schema(), batch.rows())) {
                    changes.add(new Change(batch.kind(), (String) row[0], Arrays.asList(row)));
                }
            }
        }
        return changes;
    }

    /** The rows of the incidents, as a reader returns them. */
    static TreeMap<String, List<Object>> rows(Collection<Incident> incidents) {
        TreeMap<String, List<Object>> rows = new TreeMap<>();
        for (Incident incident : incidents) {
            rows.put(incident.id(), Arrays.asList(IncidentSchema.row(incident)));
        }
        return rows;
    }

    /**
     * The incident ids of one version read the way Kernel's documentation reads a table: scan files,
     * Parquet reader, {@link Scan#transformPhysicalData}, selection vectors.
     */
    static List<String> kernelKeys(Engine engine, Path table, long version) {
        Snapshot snapshot = TableManager.loadSnapshot(table.toString()).atVersion(version).build(engine);
        Scan scan = snapshot.getScanBuilder().build();
        Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        List<String> keys = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(Utils.singletonCloseableIterator(status), physical, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                     Scan.transformPhysicalData(engine, state, file, data)) {
                            while (logical.hasNext()) {
                                addKeys(logical.next(), keys);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void addKeys(FilteredColumnarBatch batch, List<String> keys) {
        ColumnVector ids = batch.getData().getColumnVector(0);
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int r = 0; r < batch.getData().getSize(); r++) {
            int row = r;
            if (selection.map(s -> !s.isNullAt(row) && s.getBoolean(row)).orElse(true)) {
                keys.add(ids.getString(r));
            }
        }
    }
}
