package io.lakesync.postgres.internal;

import io.lakesync.core.model.Schedule;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and writes {@code lakesync.synced_tables}: what each synced table is (its spec) and how the
 * service runs it (schedule, freshness SLA, paused).
 */
public final class Definitions {

    private static final String COLUMNS = "name, source, primary_key, timeseries_key, mode, columns, extra_indexes,"
            + " schedule_kind, schedule_value, freshness_sla_seconds, paused, created_at, updated_at";

    private Definitions() {
    }

    /**
     * Stores the spec of a table a run starts on; {@code updated_at} moves only when something in it
     * changed. The service's settings (schedule, SLA, paused) are left as they are: a run started
     * from the command line must not unschedule or resume a table the service manages.
     */
    static void upsert(Connection connection, SyncedTableSpec spec) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.synced_tables AS d"
                + " (name, source, primary_key, timeseries_key, mode, columns, extra_indexes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET source = excluded.source, primary_key = excluded.primary_key,"
                + " timeseries_key = excluded.timeseries_key, mode = excluded.mode, columns = excluded.columns,"
                + " extra_indexes = excluded.extra_indexes, updated_at = clock_timestamp()"
                + " WHERE (d.source, d.primary_key, d.timeseries_key, d.mode, d.columns, d.extra_indexes)"
                + " IS DISTINCT FROM (excluded.source, excluded.primary_key, excluded.timeseries_key, excluded.mode,"
                + " excluded.columns, excluded.extra_indexes)")) {
            setSpec(connection, s, 1, spec);
            s.executeUpdate();
        }
    }

    public static Optional<SyncedTableSpec> read(Connection connection, TableName target) throws SQLException {
        return readDefinition(connection, target).map(SyncedTableDefinition::spec);
    }

    public static Optional<SyncedTableDefinition> readDefinition(Connection connection, TableName target)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM lakesync.synced_tables WHERE name = ?")) {
            s.setString(1, target.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(definition(rs, target)) : Optional.empty();
            }
        }
    }

    /** Every definition, by name. */
    public static List<SyncedTableDefinition> list(Connection connection) throws SQLException {
        List<SyncedTableDefinition> all = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM lakesync.synced_tables ORDER BY name");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                all.add(definition(rs, TableName.parse(rs.getString(1))));
            }
        }
        return all;
    }

    /** Inserts the definition; false (and nothing written) when one of that name exists. */
    public static boolean insert(Connection connection, SyncedTableDefinition definition) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.synced_tables"
                + " (name, source, primary_key, timeseries_key, mode, columns, extra_indexes, schedule_kind,"
                + " schedule_value, freshness_sla_seconds, paused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING")) {
            int next = setSpec(connection, s, 1, definition.spec());
            setService(s, next, definition);
            return s.executeUpdate() == 1;
        }
    }

    /** Replaces the whole definition and moves {@code updated_at}; false when none of that name exists. */
    public static boolean update(Connection connection, SyncedTableDefinition definition) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE lakesync.synced_tables SET source = ?,"
                + " primary_key = ?, timeseries_key = ?, mode = ?, columns = ?, extra_indexes = ?, schedule_kind = ?,"
                + " schedule_value = ?, freshness_sla_seconds = ?, paused = ?, updated_at = clock_timestamp()"
                + " WHERE name = ?")) {
            SyncedTableSpec spec = definition.spec();
            s.setString(1, spec.source());
            s.setArray(2, connection.createArrayOf("text", spec.primaryKey().toArray()));
            s.setString(3, spec.timeseriesKey().orElse(null));
            s.setString(4, spec.mode().name());
            s.setArray(5, connection.createArrayOf("text", spec.columns().toArray()));
            s.setArray(6, connection.createArrayOf("text", spec.extraIndexes().toArray()));
            int next = setService(s, 7, definition);
            s.setString(next, spec.target().toString());
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes the definition; false when there was none. */
    static boolean delete(Connection connection, TableName target) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM lakesync.synced_tables WHERE name = ?")) {
            s.setString(1, target.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** Binds name and spec from parameter {@code first} on; returns the next parameter index. */
    private static int setSpec(Connection connection, PreparedStatement s, int first, SyncedTableSpec spec)
            throws SQLException {
        s.setString(first, spec.target().toString());
        s.setString(first + 1, spec.source());
        s.setArray(first + 2, connection.createArrayOf("text", spec.primaryKey().toArray()));
        s.setString(first + 3, spec.timeseriesKey().orElse(null));
        s.setString(first + 4, spec.mode().name());
        s.setArray(first + 5, connection.createArrayOf("text", spec.columns().toArray()));
        s.setArray(first + 6, connection.createArrayOf("text", spec.extraIndexes().toArray()));
        return first + 7;
    }

    /** Binds schedule kind and value, SLA and paused from parameter {@code first} on; returns the next index. */
    private static int setService(PreparedStatement s, int first, SyncedTableDefinition definition)
            throws SQLException {
        Schedule schedule = definition.schedule().orElse(null);
        if (schedule instanceof Schedule.Interval interval) {
            s.setString(first, "INTERVAL");
            s.setString(first + 1, Long.toString(interval.every().toSeconds()));
        } else if (schedule instanceof Schedule.Cron cron) {
            s.setString(first, "CRON");
            s.setString(first + 1, cron.expression());
        } else if (schedule instanceof Schedule.OnSourceChange) {
            s.setString(first, "ON_SOURCE_CHANGE");
            s.setString(first + 1, null);
        } else {
            s.setString(first, null);
            s.setString(first + 1, null);
        }
        if (definition.freshnessSlaSeconds().isPresent()) {
            s.setLong(first + 2, definition.freshnessSlaSeconds().getAsLong());
        } else {
            s.setNull(first + 2, Types.BIGINT);
        }
        s.setBoolean(first + 3, definition.paused());
        return first + 4;
    }

    /** The definition in the current row of a query selecting {@link #COLUMNS}. */
    private static SyncedTableDefinition definition(ResultSet rs, TableName target) throws SQLException {
        SyncedTableSpec spec = new SyncedTableSpec(rs.getString(2), target, strings(rs.getArray(3)),
                Optional.ofNullable(rs.getString(4)), SyncMode.valueOf(rs.getString(5)), strings(rs.getArray(6)),
                strings(rs.getArray(7)));
        long sla = rs.getLong(10);
        OptionalLong freshness = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(sla);
        return new SyncedTableDefinition(spec, schedule(rs.getString(8), rs.getString(9)), freshness,
                rs.getBoolean(11), Optional.of(instant(rs, 12)), Optional.of(instant(rs, 13)));
    }

    private static Optional<Schedule> schedule(String kind, String value) {
        if (kind == null) {
            return Optional.empty();
        }
        switch (kind) {
            case "INTERVAL":
                return Optional.of(new Schedule.Interval(Duration.ofSeconds(Long.parseLong(value))));
            case "CRON":
                return Optional.of(new Schedule.Cron(value));
            case "ON_SOURCE_CHANGE":
                return Optional.of(new Schedule.OnSourceChange());
            default:
                throw new IllegalStateException("lakesync.synced_tables holds an unknown schedule kind " + kind);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
