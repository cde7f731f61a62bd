package io.lakesync.examples.simulator.delta;

import io.lakesync.examples.simulator.incident.Incident;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the table holds at its current version, kept in memory so that an update or delete knows
 * which data files to rewrite: the live incidents, the data files and which incidents each holds.
 * Changed only after a commit succeeded.
 */
public final class TableState {

    /** A data file of the table and the ids of its rows, in file order. */
    public record DataFile(String path, long size, List<String> incidentIds) {
        public DataFile {
            incidentIds = List.copyOf(incidentIds);
        }
    }

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, DataFile> files = new LinkedHashMap<>();
    private final Map<String, String> fileOf = new HashMap<>();
    private long version;

    TableState(long version) {
        this.version = version;
    }

    public long version() {
        return version;
    }

    /** The live incidents by id, in the order they were added. */
    public Map<String, Incident> incidents() {
        return Collections.unmodifiableMap(incidents);
    }

    public Collection<DataFile> files() {
        return Collections.unmodifiableCollection(files.values());
    }

    DataFile fileOf(String incidentId) {
        String path = fileOf.get(incidentId);
        if (path == null) {
            throw new IllegalArgumentException("incident " + incidentId + " is not in the table");
        }
        return files.get(path);
    }

    void addFile(DataFile file, List<Incident> rows) {
        files.put(file.path(), file);
        for (Incident incident : rows) {
            if (incidents.put(incident.id(), incident) != null) {
                throw new IllegalStateException("incident " + incident.id() + " is in two data files");
            }
            fileOf.put(incident.id(), file.path());
        }
    }

    void removeFile(String path) {
        DataFile file = files.remove(path);
        for (String id : file.incidentIds()) {
            incidents.remove(id);
            fileOf.remove(id);
        }
    }

    void committed(long newVersion) {
        this.version = newVersion;
    }
}
