package io.lakesync.examples.simulator.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakesync.examples.simulator.incident.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the {@link TableState} of an existing table from its newest version, read through Delta
 * Kernel, so that a restarted simulator goes on where the last one stopped.
 */
final class TableLoader {

    private TableLoader() {
    }

    static TableState load(Path table, Engine engine) {
        Snapshot snapshot = TableManager.loadSnapshot(table.toString()).build(engine);
        requireIncidentsTable(table, snapshot);
        TableState state = new TableState(snapshot.getVersion());
        Scan scan = snapshot.getScanBuilder().build();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
                    while (rows.hasNext()) {
                        loadFile(table, engine, rows.next(), state);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta table " + table + ": " + e.getMessage(), e);
        }
        return state;
    }

    private static void loadFile(Path table, Engine engine, Row scanFile, TableState state) throws IOException {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
            throw new IllegalStateException("The data file " + status.getPath() + " of " + table + " has a deletion"
                    + " vector: another writer changed the table. The simulator keeps whole files only; give it a"
                    + " table of its own (--table).");
        }
        List<Incident> incidents = new ArrayList<>();
        try (CloseableIterator<FileReadResult> batches = engine.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(status), IncidentSchema.SCHEMA, Optional.empty())) {
            while (batches.hasNext()) {
                incidents.addAll(IncidentSchema.incidents(batches.next().getData()));
            }
        }
        String path = relative(table, status.getPath());
        state.addFile(new TableState.DataFile(path, status.getSize(), incidents.stream().map(Incident::id).toList()),
                incidents);
    }

    private static void requireIncidentsTable(Path table, Snapshot snapshot) {
        if (!IncidentSchema.SCHEMA.equals(snapshot.getSchema()) || !snapshot.getPartitionColumnNames().isEmpty()) {
            throw new IllegalStateException("The Delta table at " + table + " is not an incidents table written by"
                    + " the simulator: its schema is " + snapshot.getSchema() + ". Point --table at a new folder or at"
                    + " a table the simulator created.");
        }
        if (!"true".equals(snapshot.getTableProperties().get("delta.enableChangeDataFeed"))) {
            throw new IllegalStateException("The Delta table at " + table + " does not have Change Data Feed on"
                    + " (delta.enableChangeDataFeed). Point --table at a new folder or at a table the simulator"
                    + " created.");
        }
    }

    private static String relative(Path table, String absolute) {
        Path file = absolute.startsWith("file:") ? Paths.get(URI.create(absolute)) : Paths.get(absolute);
        return table.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
