package io.lakesync.examples.simulator.delta;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The actions of a Delta commit this writer produces, each one line of the commit file (Delta
 * protocol, "Actions"). Paths are relative to the table root.
 */
public sealed interface DeltaAction {

    JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The action as its line: {@code {"add": {...}}}. */
    ObjectNode toJson();

    /**
     * Reader version 1 and writer version 4: the legacy protocol that allows Change Data Feed
     * without table features, which every Delta reader of the last years understands.
     */
    record Protocol(int minReaderVersion, int minWriterVersion) implements DeltaAction {
        @Override
        public ObjectNode toJson() {
            ObjectNode p = JSON.objectNode().put("minReaderVersion", minReaderVersion)
                    .put("minWriterVersion", minWriterVersion);
            return wrap("protocol", p);
        }
    }

    record Metadata(String id, String schemaJson, Map<String, String> configuration, long createdTime)
            implements DeltaAction {
        @Override
        public ObjectNode toJson() {
            ObjectNode m = JSON.objectNode().put("id", id);
            m.putObject("format").put("provider", "parquet").putObject("options");
            m.put("schemaString", schemaJson);
            m.putArray("partitionColumns");
            ObjectNode config = m.putObject("configuration");
            configuration.forEach(config::put);
            m.put("createdTime", createdTime);
            return wrap("metaData", m);
        }
    }

    /** A data file that becomes part of the table; {@code stats} is the JSON of its statistics. */
    record AddFile(String path, long size, long modificationTime, String stats) implements DeltaAction {
        @Override
        public ObjectNode toJson() {
            ObjectNode a = JSON.objectNode().put("path", path);
            a.putObject("partitionValues");
            a.put("size", size).put("modificationTime", modificationTime).put("dataChange", true).put("stats", stats);
            return wrap("add", a);
        }
    }

    /** A data file that stops being part of the table (it stays on disk for time travel). */
    record RemoveFile(String path, long size, long deletionTimestamp) implements DeltaAction {
        @Override
        public ObjectNode toJson() {
            ObjectNode r = JSON.objectNode().put("path", path).put("deletionTimestamp", deletionTimestamp)
                    .put("dataChange", true).put("extendedFileMetadata", true);
            r.putObject("partitionValues");
            r.put("size", size);
            return wrap("remove", r);
        }
    }

    /**
     * A Change Data Feed file: the changed rows of the commit with their {@code _change_type}.
     * {@code dataChange} is false, as Spark writes it: the file adds no rows to the table.
     */
    record ChangeFile(String path, long size) implements DeltaAction {
        @Override
        public ObjectNode toJson() {
            ObjectNode c = JSON.objectNode().put("path", path);
            c.putObject("partitionValues");
            c.put("size", size).put("dataChange", false);
            return wrap("cdc", c);
        }
    }

    private static ObjectNode wrap(String name, ObjectNode body) {
        ObjectNode line = JSON.objectNode();
        line.set(name, body);
        return line;
    }
}
