package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakesync.client.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code PATCH .../synced_tables/{name}}: the spec fields to change, and/or paused.
 * A null field is left as it is. The mutable fields are scheduling_policy, schedule,
 * freshness_sla_seconds, extra_index_definitions and paused; the server refuses a change of any
 * other spec field (delete and create the synced table again for that).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableUpdate(SpecChanges spec, Boolean paused) {

    /** Pauses the table: no scheduled or continuous runs until resumed. */
    public static TableUpdate pause() {
        return new TableUpdate(null, Boolean.TRUE);
    }

    /** Resumes a paused table. */
    public static TableUpdate resume() {
        return new TableUpdate(null, Boolean.FALSE);
    }

    /** An update of spec fields only. */
    public static TableUpdate of(SpecChanges spec) {
        return new TableUpdate(spec, null);
    }

    /** A builder for an update; nothing changes until a field is set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec fields of an update. A null field is not changed. The two optional fields tell a
     * removal apart from "no change": {@code Optional.empty()} is written as JSON {@code null} and
     * removes the schedule or the SLA; {@code null} leaves the field out of the JSON. An empty
     * {@code extra_index_definitions} list removes all extra indexes.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpecChanges(
            String sourceTable,
            List<String> primaryKeyColumns,
            String timeseriesKey,
            SchedulingPolicy schedulingPolicy,
            Optional<Schedule> schedule,
            List<String> columns,
            List<String> extraIndexDefinitions,
            Optional<Long> freshnessSlaSeconds) {

        static final Set<String> FIELDS = Set.of("source_table", "primary_key_columns", "timeseries_key",
                "scheduling_policy", "schedule", "columns", "extra_index_definitions", "freshness_sla_seconds");

        public SpecChanges {
            primaryKeyColumns = primaryKeyColumns == null ? null : List.copyOf(primaryKeyColumns);
            columns = columns == null ? null : List.copyOf(columns);
            extraIndexDefinitions = extraIndexDefinitions == null ? null : List.copyOf(extraIndexDefinitions);
        }

        /**
         * Reads the JSON by hand because Jackson gives an absent Optional creator property the
         * value {@code Optional.empty()}, which would turn "no change" into "remove". Unknown
         * fields are refused: only a server reads this, and it must not ignore a change it was asked for.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static SpecChanges fromJson(ObjectNode json) throws JsonProcessingException {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException("Unknown field spec." + name + " in the update. The spec fields"
                            + " are " + new TreeSet<>(FIELDS) + ".");
                }
            }
            ObjectMapper mapper = Json.mapper();
            return new SpecChanges(
                    json.hasNonNull("source_table") ? json.get("source_table").asText() : null,
                    json.hasNonNull("primary_key_columns") ? strings(mapper, json.get("primary_key_columns")) : null,
                    json.hasNonNull("timeseries_key") ? json.get("timeseries_key").asText() : null,
                    json.hasNonNull("scheduling_policy")
                            ? mapper.treeToValue(json.get("scheduling_policy"), SchedulingPolicy.class) : null,
                    json.has("schedule")
                            ? Optional.ofNullable(mapper.treeToValue(json.get("schedule"), Schedule.class)) : null,
                    json.hasNonNull("columns") ? strings(mapper, json.get("columns")) : null,
                    json.hasNonNull("extra_index_definitions")
                            ? strings(mapper, json.get("extra_index_definitions")) : null,
                    json.has("freshness_sla_seconds")
                            ? Optional.ofNullable(mapper.treeToValue(json.get("freshness_sla_seconds"), Long.class))
                            : null);
        }

        private static List<String> strings(ObjectMapper mapper, JsonNode array) throws JsonProcessingException {
            return List.of(mapper.treeToValue(array, String[].class));
        }
    }

    /** Builds a {@link TableUpdate} of the mutable fields. */
    public static final class Builder {
        private SchedulingPolicy schedulingPolicy;
        private Optional<Schedule> schedule;
        private List<String> extraIndexDefinitions;
        private Optional<Long> freshnessSlaSeconds;
        private Boolean paused;

        private Builder() {
        }

        public Builder schedulingPolicy(SchedulingPolicy value) {
            schedulingPolicy = value;
            return this;
        }

        /** Sets the schedule; {@code null} removes it (the table then runs only on request). */
        public Builder schedule(Schedule value) {
            schedule = Optional.ofNullable(value);
            return this;
        }

        /** Replaces the extra indexes; an empty list drops them all. */
        public Builder extraIndexDefinitions(List<String> value) {
            extraIndexDefinitions = value == null ? List.of() : value;
            return this;
        }

        /** Sets the freshness SLA; {@code null} removes it. */
        public Builder freshnessSlaSeconds(Long value) {
            freshnessSlaSeconds = Optional.ofNullable(value);
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public TableUpdate build() {
            boolean specChanged = schedulingPolicy != null || schedule != null || extraIndexDefinitions != null
                    || freshnessSlaSeconds != null;
            SpecChanges spec = specChanged
                    ? new SpecChanges(null, null, null, schedulingPolicy, schedule, null, extraIndexDefinitions,
                            freshnessSlaSeconds)
                    : null;
            return new TableUpdate(spec, paused);
        }
    }
}
