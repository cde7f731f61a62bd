package io.lakesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes a Delta commit the way a MERGE without Change Data Feed looks in the log: {@code remove}
 * actions for the data files it rewrites and {@code add} actions for their replacements. Delta
 * Kernel writes appends only, so the replacement files are written by Kernel into a scratch table
 * and their add actions (with the statistics Kernel computed) are carried over as they are.
 */
final class MergeCommit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MergeCommit() {
    }

    /** One data file of a commit: its add action and the key range its statistics give. */
    record DataFile(ObjectNode add, long minId, long maxId) {
        String path() {
            return add.get("path").asText();
        }
    }

    /** The add actions of one commit file of a table. */
    static List<DataFile> addedFiles(Path table, long version) {
        List<DataFile> files = new ArrayList<>();
        for (String line : readLines(commitFile(table, version))) {
            JsonNode action = parse(line);
            if (action.has("add")) {
                ObjectNode add = (ObjectNode) action.get("add");
                JsonNode stats = parse(add.get("stats").asText());
                files.add(new DataFile(add, stats.get("minValues").get(BenchTableShape.KEY).asLong(),
                        stats.get("maxValues").get(BenchTableShape.KEY).asLong()));
            }
        }
        return files;
    }

    /**
     * Commits {@code version} of {@code table}: removes the files of {@code base} whose key range
     * {@code rewritten} accepts and adds the data files of the scratch table's commit
     * {@code scratchVersion}, moved into the table. Returns the removed files.
     */
    static List<DataFile> commit(Path table, long version, List<DataFile> base, Predicate<DataFile> rewritten,
            Path scratch, long scratchVersion) {
        long now = System.currentTimeMillis();
        List<DataFile> removed = base.stream().filter(rewritten).toList();
        List<DataFile> added = addedFiles(scratch, scratchVersion);
        List<String> lines = new ArrayList<>();
        lines.add(commitInfo(now, removed.size(), added.size()));
        for (DataFile file : removed) {
            lines.add(remove(file.add(), now));
        }
        for (DataFile file : added) {
            move(scratch.resolve(file.path()), table.resolve(file.path()));
            ObjectNode action = JSON.createObjectNode();
            action.set("add", file.add());
            lines.add(action.toString());
        }
        try {
            // CREATE_NEW: a commit file is never overwritten, as in any Delta writer
            Files.write(commitFile(table, version), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write commit " + version + " of " + table, e);
        }
        return removed;
    }

    private static String commitInfo(long now, int removed, int added) {
        ObjectNode info = JSON.createObjectNode();
        info.put("timestamp", now);
        info.put("operation", "MERGE");
        info.putObject("operationParameters").put("predicate", "[\"(id = source.id)\"]");
        info.put("isBlindAppend", false);
        info.putObject("operationMetrics").put("numTargetFilesRemoved", String.valueOf(removed))
                .put("numTargetFilesAdded", String.valueOf(added));
        info.put("engineInfo", "lakesync-bench");
        ObjectNode action = JSON.createObjectNode();
        action.set("commitInfo", info);
        return action.toString();
    }

    /** The remove action Spark writes for a rewritten file: same path, size, partition values and stats. */
    private static String remove(ObjectNode add, long now) {
        ObjectNode remove = JSON.createObjectNode();
        remove.put("path", add.get("path").asText());
        remove.put("deletionTimestamp", now);
        remove.put("dataChange", true);
        remove.put("extendedFileMetadata", true);
        remove.set("partitionValues", add.get("partitionValues"));
        remove.put("size", add.get("size").asLong());
        remove.put("stats", add.get("stats").asText());
        ObjectNode action = JSON.createObjectNode();
        action.set("remove", remove);
        return action.toString();
    }

    static Path commitFile(Path table, long version) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the data file " + from + " into the table at " + to, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta commit " + file, e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON Delta action: " + json, e);
        }
    }
}
