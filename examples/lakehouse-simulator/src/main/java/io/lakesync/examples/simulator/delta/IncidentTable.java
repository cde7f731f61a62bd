package io.lakesync.examples.simulator.delta;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.lakesync.examples.simulator.incident.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code incidents} Delta table with Change Data Feed: inserts, updates and deletes of whole
 * incidents, each one commit. Inserts add new files (no CDF file: readers take inserts from the
 * added files, as Spark writes them). An update or delete rewrites the files that hold the affected
 * incidents (copy-on-write: remove them, add files with their changed and unchanged rows) and
 * writes a CDF file with exactly the changed rows. Not thread-safe: one writer thread.
 */
public final class IncidentTable {

    public static final String ENGINE_INFO = "lakesync-lakehouse-simulator/0.1";
    private static final int READER_VERSION = 1;
    private static final int WRITER_VERSION = 4; // Change Data Feed without table features

    private static final Pattern LOG_FILE = Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)");

    private final DeltaCommitWriter writer;
    private final Engine engine;
    private final TableState state;
    private final int maxRowsPerFile;

    private IncidentTable(Path table, Engine engine, TableState state, int maxRowsPerFile) {
        this.writer = new DeltaCommitWriter(table, engine);
        this.engine = engine;
        this.state = state;
        this.maxRowsPerFile = maxRowsPerFile;
    }

    /**
     * Whether a Delta table is at that path: a {@code _delta_log} with a commit or checkpoint in it
     * (the first commits of an old table may have been cleaned up).
     */
    public static boolean exists(Path table) {
        Path log = table.toAbsolutePath().resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return false;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(f -> f.getFileName().toString()).anyMatch(name -> LOG_FILE.matcher(name).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + log + ": " + e.getMessage(), e);
        }
    }

    /** Creates the empty table as version 0; fails when a table is there already. */
    public static IncidentTable create(Path table, Engine engine, int maxRowsPerFile) {
        Path dir = table.toAbsolutePath().normalize();
        IncidentTable created = new IncidentTable(dir, engine, new TableState(-1), maxRowsPerFile);
        long now = System.currentTimeMillis();
        Map<String, String> config = Map.of("delta.enableChangeDataFeed", "true");
        CommitInfo info = new CommitInfo(now, "CREATE TABLE", Map.of("partitionBy", "[]",
                "description", "Support incidents scored by the escalation model",
                "properties", "{\"delta.enableChangeDataFeed\":\"true\"}"), -1, true, Map.of(), ENGINE_INFO);
        created.writer.commit(0, info, List.of(new DeltaAction.Protocol(READER_VERSION, WRITER_VERSION),
                new DeltaAction.Metadata(UUID.randomUUID().toString(), IncidentSchema.SCHEMA.toJson(), config, now)));
        created.state.committed(0);
        return created;
    }

    /** Opens a table the simulator wrote before, reading its newest version. */
    public static IncidentTable open(Path table, Engine engine, int maxRowsPerFile) {
        Path dir = table.toAbsolutePath().normalize();
        return new IncidentTable(dir, engine, TableLoader.load(dir, engine), maxRowsPerFile);
    }

    public Path path() {
        return writer.table();
    }

    public TableState state() {
        return state;
    }

    /** Adds new incidents in one commit; returns its version. */
    public long insert(List<Incident> incidents) {
        for (Incident incident : incidents) {
            if (state.incidents().containsKey(incident.id())) {
                throw new IllegalArgumentException("incident " + incident.id() + " is in the table already");
            }
        }
        List<DeltaAction> actions = new ArrayList<>();
        List<NewFile> files = writeFiles(incidents, actions);
        long version = commit("WRITE", Map.of("mode", "Append", "partitionBy", "[]"), true,
                Map.of("numFiles", Integer.toString(files.size()), "numOutputRows", Integer.toString(incidents.size())),
                actions);
        files.forEach(f -> state.addFile(f.file(), f.rows()));
        return version;
    }

    /** Replaces the rows of these incidents (same ids) in one commit; returns its version. */
    public long update(List<Incident> changed, String predicate) {
        Map<String, Incident> replacements = new LinkedHashMap<>();
        for (Incident incident : changed) {
            replacements.put(incident.id(), incident);
        }
        return rewrite(replacements, Set.of(), "UPDATE", predicate);
    }

    /** Deletes these incidents in one commit; returns its version. */
    public long delete(Collection<String> incidentIds, String predicate) {
        return rewrite(Map.of(), new LinkedHashSet<>(incidentIds), "DELETE", predicate);
    }

    /**
     * Writes a checkpoint of the current version through Kernel, so that readers replay a bounded
     * number of commit files however long the simulator runs.
     */
    public void checkpoint() {
        try {
            TableManager.loadSnapshot(path().toString()).atVersion(state.version()).build(engine)
                    .writeCheckpoint(engine);
        } catch (CheckpointAlreadyExistsException e) {
            // written before a restart: nothing to do
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a checkpoint of version " + state.version() + " of "
                    + path() + ": " + e.getMessage(), e);
        }
    }

    private long rewrite(Map<String, Incident> replacements, Set<String> deletes, String operation, String predicate) {
        Set<String> changedIds = new LinkedHashSet<>(replacements.keySet());
        changedIds.addAll(deletes);
        if (changedIds.isEmpty()) {
            throw new IllegalArgumentException("an " + operation + " needs at least one incident");
        }
        Map<String, TableState.DataFile> affected = new LinkedHashMap<>();
        for (String id : changedIds) {
            TableState.DataFile file = state.fileOf(id);
            affected.put(file.path(), file);
        }
        List<Incident> kept = new ArrayList<>();
        List<Object[]> changeRows = new ArrayList<>();
        List<String> changeTypes = new ArrayList<>();
        for (TableState.DataFile file : affected.values()) {
            for (String id : file.incidentIds()) {
                Incident before = state.incidents().get(id);
                if (deletes.contains(id)) {
                    changeRows.add(IncidentSchema.row(before));
                    changeTypes.add("delete");
                } else if (replacements.containsKey(id)) {
                    Incident after = replacements.get(id);
                    kept.add(after);
                    changeRows.add(IncidentSchema.row(before));
                    changeTypes.add("update_preimage");
                    changeRows.add(IncidentSchema.row(after));
                    changeTypes.add("update_postimage");
                } else {
                    kept.add(before);
                }
            }
        }
        long now = System.currentTimeMillis();
        List<DeltaAction> actions = new ArrayList<>();
        for (TableState.DataFile file : affected.values()) {
            actions.add(new DeltaAction.RemoveFile(file.path(), file.size(), now));
        }
        List<NewFile> files = writeFiles(kept, actions);
        actions.add(writer.writeChangeFile(IncidentSchema.SCHEMA, changeRows, changeTypes));
        Map<String, String> metrics = Map.of("numRemovedFiles", Integer.toString(affected.size()),
                "numAddedFiles", Integer.toString(files.size()), "numAddedChangeFiles", "1",
                "numCopiedRows", Integer.toString(kept.size() - replacements.size()),
                "DELETE".equals(operation) ? "numDeletedRows" : "numUpdatedRows", Integer.toString(changedIds.size()));
        long version = commit(operation, Map.of("predicate", predicate), false, metrics, actions);
        affected.keySet().forEach(state::removeFile);
        files.forEach(f -> state.addFile(f.file(), f.rows()));
        return version;
    }

    private record NewFile(TableState.DataFile file, List<Incident> rows) {
    }

    /** Writes the incidents into data files of at most maxRowsPerFile rows; adds their add actions. */
    private List<NewFile> writeFiles(List<Incident> incidents, List<DeltaAction> actions) {
        List<NewFile> files = new ArrayList<>();
        for (int from = 0; from < incidents.size(); from += maxRowsPerFile) {
            List<Incident> chunk = incidents.subList(from, Math.min(incidents.size(), from + maxRowsPerFile));
            DeltaAction.AddFile add = writer.writeDataFile(IncidentSchema.SCHEMA, IncidentSchema.rows(chunk));
            actions.add(add);
            files.add(new NewFile(new TableState.DataFile(add.path(), add.size(),
                    chunk.stream().map(Incident::id).toList()), List.copyOf(chunk)));
        }
        return files;
    }

    private long commit(String operation, Map<String, String> parameters, boolean blindAppend,
            Map<String, String> metrics, List<DeltaAction> actions) {
        long version = state.version() + 1;
        CommitInfo info = new CommitInfo(System.currentTimeMillis(), operation, parameters, state.version(),
                blindAppend, metrics, ENGINE_INFO);
        writer.commit(version, info, actions);
        state.committed(version);
        return version;
    }
}
