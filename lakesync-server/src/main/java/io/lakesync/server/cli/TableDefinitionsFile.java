package io.lakesync.server.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML file of synced table definitions (the form kept in git for {@code lakesync apply}):
 *
 * <pre>
 * synced_tables:
 *   - name: gold.churn_predictions
 *     spec:
 *       source_table: samples/churn_predictions   # relative to this file's folder
 *       primary_key_columns: [customer_id]
 *       scheduling_policy: TRIGGERED
 *       schedule: {interval_seconds: 300}
 *     paused: false
 * </pre>
 *
 * Checked field by field rather than bound by Jackson, so that every mistake is reported with the
 * file, the entry and the field, and a misspelt field is an error instead of being ignored.
 */
final class TableDefinitionsFile {

    static final Set<String> ROOT_FIELDS = Set.of("synced_tables");
    static final Set<String> TABLE_FIELDS = Set.of("name", "spec", "paused");
    static final Set<String> SPEC_FIELDS = Set.of("source_table", "primary_key_columns", "timeseries_key",
            "scheduling_policy", "schedule", "columns", "extra_index_definitions", "freshness_sla_seconds");
    static final Set<String> SCHEDULE_FIELDS = Set.of("interval_seconds", "cron", "on_source_change");
    /** The API's default when a definition names no policy; filled in so apply compares like with like. */
    static final SchedulingPolicy DEFAULT_POLICY = SchedulingPolicy.TRIGGERED;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TableDefinitionsFile() {
    }

    /** The definitions in {@code file}, with relative source paths made absolute against its folder. */
    static List<SyncedTable> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw invalid("No file " + file + ". Give the path of a YAML file that lists synced_tables"
                    + " (see `lakesync apply --help` for the format).");
        } catch (IOException e) {
            throw invalid("Cannot read " + file + ": " + e.getMessage() + ".");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        return parse(text, folder, file.toString());
    }

    /** The definitions in {@code yaml}; {@code label} names the file in messages. */
    static List<SyncedTable> parse(String yaml, Path folder, String label) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw invalid(label + " is not valid YAML: " + e.getOriginalMessage() + location(e) + ".");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw invalid(label + " is empty. It should list the synced tables under synced_tables:, for example"
                    + " synced_tables: [{name: gold.orders, spec: {source_table: data/orders, primary_key_columns: [id]}}].");
        }
        if (!root.isObject()) {
            throw invalid(label + " should be a mapping with a synced_tables: list, not a " + kind(root) + ".");
        }
        checkFields(root, ROOT_FIELDS, label + ":", "");
        JsonNode list = root.get("synced_tables");
        if (list == null || list.isNull()) {
            throw invalid(label + " has no synced_tables: list. Add one entry per synced table under synced_tables:.");
        }
        if (!list.isArray()) {
            throw invalid(label + ": synced_tables should be a list (entries starting with \"- name: ...\"), not a "
                    + kind(list) + ".");
        }
        List<SyncedTable> tables = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            SyncedTable table = new Entry(label, i + 1, list.get(i), folder).table();
            Integer earlier = seen.putIfAbsent(table.name(), i + 1);
            if (earlier != null) {
                throw invalid(label + ": synced tables #" + earlier + " and #" + (i + 1) + " are both named "
                        + table.name() + ". Each synced table appears once; merge the two entries.");
            }
            tables.add(table);
        }
        return tables;
    }

    /** One entry of synced_tables, read with the context every message needs. */
    private static final class Entry {
        private final JsonNode node;
        private final Path folder;
        private String where;

        Entry(String label, int number, JsonNode node, Path folder) {
            this.node = node;
            this.folder = folder;
            this.where = label + ", synced table #" + number;
        }

        SyncedTable table() {
            if (!node.isObject()) {
                throw invalid(where + ": should be a mapping with name: and spec:, not a " + kind(node) + ".");
            }
            JsonNode nameNode = node.get("name");
            if (nameNode == null || nameNode.isNull() || nameNode.asText().isBlank()) {
                throw invalid(where + ": name is missing. Add the PostgreSQL target as name: SCHEMA.TABLE, for"
                        + " example name: gold.churn_predictions.");
            }
            String name = targetName(text(nameNode, "name"));
            where += " (" + name + ")";
            checkFields(node, TABLE_FIELDS, where + ":", "");
            JsonNode specNode = node.get("spec");
            if (specNode == null || specNode.isNull()) {
                throw invalid(where + ": spec is missing. Add spec: with at least source_table and primary_key_columns.");
            }
            if (!specNode.isObject()) {
                throw invalid(where + ": spec should be a mapping of fields, not a " + kind(specNode) + ".");
            }
            Boolean paused = node.hasNonNull("paused") ? bool(node.get("paused"), "paused") : null;
            return new SyncedTable(name, spec(specNode), paused, null, null, null);
        }

        private String targetName(String raw) {
            try {
                return TableName.parse(raw).toString();
            } catch (LakesyncException e) {
                throw invalid(where + ": " + e.getMessage());
            }
        }

        private TableSpec spec(JsonNode spec) {
            checkFields(spec, SPEC_FIELDS, where + ":", "spec.");
            JsonNode source = spec.get("source_table");
            if (source == null || source.isNull() || source.asText().isBlank()) {
                throw invalid(where + ": spec.source_table is missing. Add the Delta table's path (relative to this"
                        + " file's folder) or URI, for example source_table: samples/churn_predictions.");
            }
            List<String> key = spec.hasNonNull("primary_key_columns")
                    ? strings(spec.get("primary_key_columns"), "spec.primary_key_columns") : List.of();
            if (key.isEmpty()) {
                throw invalid(where + ": spec.primary_key_columns is missing. Name the key column(s), for example"
                        + " primary_key_columns: [customer_id].");
            }
            SchedulingPolicy policy = spec.hasNonNull("scheduling_policy")
                    ? policy(text(spec.get("scheduling_policy"), "spec.scheduling_policy")) : DEFAULT_POLICY;
            Schedule schedule = spec.hasNonNull("schedule") ? schedule(spec.get("schedule")) : null;
            if (schedule != null && policy != SchedulingPolicy.TRIGGERED) {
                throw invalid(where + ": spec.schedule needs scheduling_policy: TRIGGERED (it is " + policy + "). A "
                        + policy + " table does not run on a schedule: remove the schedule or change the policy.");
            }
            return new TableSpec(
                    resolveSource(text(source, "spec.source_table")),
                    key,
                    spec.hasNonNull("timeseries_key") ? text(spec.get("timeseries_key"), "spec.timeseries_key") : null,
                    policy,
                    schedule,
                    spec.hasNonNull("columns") ? strings(spec.get("columns"), "spec.columns") : null,
                    spec.hasNonNull("extra_index_definitions")
                            ? strings(spec.get("extra_index_definitions"), "spec.extra_index_definitions") : null,
                    spec.hasNonNull("freshness_sla_seconds")
                            ? positiveSeconds(spec.get("freshness_sla_seconds"), "spec.freshness_sla_seconds") : null);
        }

        private SchedulingPolicy policy(String value) {
            try {
                return SchedulingPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(where + ": spec.scheduling_policy '" + value + "' is unknown. Use one of "
                        + Arrays.toString(SchedulingPolicy.values()) + ".");
            }
        }

        private Schedule schedule(JsonNode schedule) {
            if (!schedule.isObject()) {
                throw invalid(where + ": spec.schedule should be a mapping such as {interval_seconds: 300},"
                        + " {cron: \"*/5 * * * *\"} or {on_source_change: true}, not a " + kind(schedule) + ".");
            }
            checkFields(schedule, SCHEDULE_FIELDS, where + ":", "spec.schedule.");
            if (schedule.size() != 1) {
                throw invalid(where + ": spec.schedule sets " + schedule.size() + " kinds of schedule; set exactly"
                        + " one of interval_seconds, cron or on_source_change.");
            }
            if (schedule.has("interval_seconds")) {
                return new Schedule(positiveSeconds(schedule.get("interval_seconds"), "spec.schedule.interval_seconds"),
                        null, null);
            }
            if (schedule.has("cron")) {
                String cron = text(schedule.get("cron"), "spec.schedule.cron");
                if (cron.isBlank()) {
                    throw invalid(where + ": spec.schedule.cron is empty. Give a Unix cron expression in UTC, for"
                            + " example cron: \"*/5 * * * *\" (every five minutes).");
                }
                return Schedule.cron(cron);
            }
            if (!bool(schedule.get("on_source_change"), "spec.schedule.on_source_change")) {
                throw invalid(where + ": spec.schedule.on_source_change: false is not a schedule. Write"
                        + " on_source_change: true, or remove the schedule to run the table only on request.");
            }
            return Schedule.onSourceChange();
        }

        /** A relative path is relative to the YAML file's folder, so the file works from any working directory. */
        private String resolveSource(String source) {
            String trimmed = source.trim();
            if (isUri(trimmed)) {
                return trimmed;
            }
            Path path = Path.of(trimmed);
            return (path.isAbsolute() ? path : folder.resolve(path)).normalize().toString();
        }

        private String text(JsonNode value, String field) {
            if (!value.isValueNode() || value.isNull()) {
                throw invalid(where + ": " + field + " should be a text value, not a " + kind(value) + ".");
            }
            return value.asText();
        }

        private boolean bool(JsonNode value, String field) {
            if (!value.isBoolean()) {
                throw invalid(where + ": " + field + " should be true or false (got " + value + ").");
            }
            return value.booleanValue();
        }

        private long positiveSeconds(JsonNode value, String field) {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
                throw invalid(where + ": " + field + " should be a whole number of seconds of at least 1 (got "
                        + value + ").");
            }
            return value.longValue();
        }

        /** A list of names; a single name is accepted as a list of one ("primary_key_columns: id"). */
        private List<String> strings(JsonNode value, String field) {
            if (value.isValueNode()) {
                return List.of(text(value, field));
            }
            if (!value.isArray()) {
                throw invalid(where + ": " + field + " should be a list such as [a, b], not a " + kind(value) + ".");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                String text = text(item, field + " item");
                if (text.isBlank()) {
                    throw invalid(where + ": " + field + " has an empty item. Remove it or name a column.");
                }
                items.add(text);
            }
            return items;
        }
    }

    /** A URI such as file:/..., s3://...; two or more letters before the colon so C:\ stays a path. */
    static boolean isUri(String source) {
        int colon = source.indexOf(':');
        return colon > 1 && source.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    private static void checkFields(JsonNode node, Set<String> known, String where, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(where + " unknown field " + prefix + name + ". The fields here are "
                        + new TreeSet<>(known) + "; check the spelling and the indentation.");
            }
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isObject()) {
            return "mapping";
        }
        return node.isNull() ? "null" : "value (" + node + ")";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static LakesyncException invalid(String message) {
        return new LakesyncException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
