package io.lakesync.postgres.internal;

import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code lakesync.synced_tables}: what each synced table is. */
public final class Definitions {

    private Definitions() {
    }

    /** Stores the definition; {@code updated_at} moves only when something in it changed. */
    static void upsert(Connection connection, SyncedTableSpec spec) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.synced_tables AS d"
                + " (name, source, primary_key, timeseries_key, mode, columns) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET source = excluded.source, primary_key = excluded.primary_key,"
                + " timeseries_key = excluded.timeseries_key, mode = excluded.mode, columns = excluded.columns,"
                + " updated_at = clock_timestamp()"
                + " WHERE (d.source, d.primary_key, d.timeseries_key, d.mode, d.columns) IS DISTINCT FROM"
                + " (excluded.source, excluded.primary_key, excluded.timeseries_key, excluded.mode,"
                + " excluded.columns)")) {
            s.setString(1, spec.target().toString());
            s.setString(2, spec.source());
            s.setArray(3, connection.createArrayOf("text", spec.primaryKey().toArray()));
            s.setString(4, spec.timeseriesKey().orElse(null));
            s.setString(5, spec.mode().name());
            s.setArray(6, connection.createArrayOf("text", spec.columns().toArray()));
            s.executeUpdate();
        }
    }

    public static Optional<SyncedTableSpec> read(Connection connection, TableName target) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT source, primary_key, timeseries_key, mode,"
                + " columns FROM lakesync.synced_tables WHERE name = ?")) {
            s.setString(1, target.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SyncedTableSpec(rs.getString(1), target, strings(rs.getArray(2)),
                        Optional.ofNullable(rs.getString(3)), SyncMode.valueOf(rs.getString(4)),
                        strings(rs.getArray(5))));
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
