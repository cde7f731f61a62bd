package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Adds the primary key to a freshly loaded table. The key is simply added under a savepoint, so a
 * load without duplicates pays nothing extra; only when it fails on duplicates does this look at
 * them: without a timeseries key that is an error naming one duplicated key; with one, the row
 * with the greatest timeseries value wins per key (a tie is an error) and the key is added again.
 */
final class PrimaryKeyBuilder {

    private static final String SAVEPOINT = "lakesync_primary_key";

    private final Connection connection;
    private final TableSchema schema;
    private final List<String> keys;
    private final Optional<String> timeseriesKey;

    PrimaryKeyBuilder(Connection connection, TableSchema schema, List<String> keys, Optional<String> timeseriesKey) {
        this.connection = connection;
        this.schema = schema;
        this.keys = keys;
        this.timeseriesKey = timeseriesKey;
    }

    /**
     * @param table the quoted, qualified table
     * @param constraint the name of the key constraint
     * @param rowsOrigin where the rows came from, for messages, e.g. "version 7 of /data/orders"
     * @return rows removed because a newer row had the same key
     */
    long build(String table, String constraint, String rowsOrigin) throws SQLException {
        String addKey = "ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.quote(constraint) + " PRIMARY KEY ("
                + Sql.columnList(keys) + ")";
        Relations.execute(connection, "SAVEPOINT " + SAVEPOINT);
        try {
            Relations.execute(connection, addKey);
            Relations.execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
            return 0;
        } catch (SQLException e) {
            if (!SqlErrors.is(e, SqlErrors.UNIQUE_VIOLATION)) {
                throw e;
            }
            Relations.execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            Relations.execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
        }
        if (timeseriesKey.isEmpty()) {
            throw duplicateKey(table, rowsOrigin);
        }
        failOnTie(table, rowsOrigin);
        long removed = removeOlderRows(table);
        Relations.execute(connection, addKey);
        return removed;
    }

    private LakesyncException duplicateKey(String table, String rowsOrigin) throws SQLException {
        String keyList = Sql.columnList("t", keys);
        String sql = "SELECT " + KeySql.textExpressions(schema, keys, "t") + ", count(*) FROM " + table + " t"
                + " GROUP BY " + keyList + " HAVING count(*) > 1 ORDER BY " + keyList + " LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new LakesyncException(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, "The primary key ("
                    + String.join(", ", keys) + ") is not unique in " + rowsOrigin + ": " + KeySql.render(keys, rs, 1)
                    + " occurs in " + rs.getLong(keys.size() + 1) + " rows. The target table is unchanged. Fix:"
                    + " choose primary key columns that are unique in the source, or pass --timeseries-key COL so"
                    + " that of the rows with the same key the one with the greatest COL wins.");
        }
    }

    /** Two rows sharing both the key and the greatest timeseries value: no way to pick one. */
    private void failOnTie(String table, String rowsOrigin) throws SQLException {
        String ts = Sql.quote(timeseriesKey.orElseThrow());
        String keyList = Sql.columnList("ranked", keys);
        String sql = "SELECT " + KeySql.textExpressions(schema, keys, "ranked") + ", "
                + KeySql.textExpression(schema, timeseriesKey.get(), "ranked") + ", count(*)"
                + " FROM (SELECT t.*, rank() OVER (PARTITION BY " + Sql.columnList("t", keys) + " ORDER BY t." + ts
                + " DESC NULLS LAST) AS lakesync_rank FROM " + table + " t) ranked WHERE lakesync_rank = 1"
                + " GROUP BY " + keyList + ", ranked." + ts + " HAVING count(*) > 1 ORDER BY " + keyList + " LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                String value = rs.getString(keys.size() + 1);
                throw new LakesyncException(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, "The primary key ("
                        + String.join(", ", keys) + ") is not unique in " + rowsOrigin + ": "
                        + KeySql.render(keys, rs, 1) + " occurs in " + rs.getLong(keys.size() + 2) + " rows with the"
                        + " same greatest timeseries key " + timeseriesKey.get() + "="
                        + (value == null ? "NULL" : value)
                        + ", so none of them is the latest. The target table is unchanged. Fix: make the source"
                        + " unique on (" + String.join(", ", keys) + ", " + timeseriesKey.get() + "), or choose"
                        + " another timeseries key.");
            }
        }
    }

    private long removeOlderRows(String table) throws SQLException {
        String ts = Sql.quote(timeseriesKey.orElseThrow());
        String sql = "DELETE FROM " + table + " t USING (SELECT ctid AS row_id, row_number() OVER (PARTITION BY "
                + Sql.columnList(keys) + " ORDER BY " + ts + " DESC NULLS LAST) AS position FROM " + table + ")"
                + " older WHERE older.position > 1 AND t.ctid = older.row_id";
        try (Statement s = connection.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }
}
