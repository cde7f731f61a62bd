package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The last change of each staged key, as one query over the staging table: the greatest version
 * wins; within a version an UPSERT wins over a DELETE (a rewritten file removes and re-adds its
 * rows in one commit), then the greatest timeseries key. It is a single sorted pass ({@code
 * DISTINCT ON} over a sort the window shares): the runner-up of each key, the next row of the same
 * sort ({@code lead}), flags a duplicate for free: two UPSERTs of one key in the winning version
 * that nothing tells apart (no timeseries key, or the same value of it) mean the source had
 * duplicate keys at that version, which fails as a snapshot of it would
 * (PRIMARY_KEY_CONSTRAINT_VIOLATION). Duplicates in versions a later change of the key replaces do
 * not reach the target, so they do not matter.
 */
final class ChangeCollapse {

    /** Column of the query: whether the winning row has an indistinguishable twin. */
    static final String DUPLICATE = "_ls_duplicate";

    private final SyncedTableSpec spec;
    private final TableSchema schema;

    ChangeCollapse(SyncedTableSpec spec, TableSchema schema) {
        this.spec = spec;
        this.schema = schema;
    }

    /** The query: the source columns, {@code _ls_version}, {@code _ls_kind} and {@code _ls_duplicate}, one row per key. */
    String lastChangePerKey() {
        List<String> keys = spec.primaryKey();
        Optional<String> ts = spec.timeseriesKey();
        String version = Sql.quote(ChangeStaging.VERSION);
        String kind = Sql.quote(ChangeStaging.KIND);
        String ranking = version + " DESC, " + kind + ts.map(t -> ", " + Sql.quote(t) + " DESC NULLS LAST").orElse("")
                + ", " + Sql.quote(ChangeStaging.SEQUENCE) + " DESC";
        String duplicate = "coalesce(" + kind + " = " + ChangeStaging.UPSERT + " AND lead(" + kind + ") OVER w = "
                + ChangeStaging.UPSERT + " AND lead(" + version + ") OVER w = " + version
                + ts.map(t -> " AND lead(" + Sql.quote(t) + ") OVER w IS NOT DISTINCT FROM " + Sql.quote(t)).orElse("")
                + ", false)";
        return "SELECT DISTINCT ON (" + Sql.columnList(keys) + ") " + Sql.columnList(schema.names()) + ", " + version
                + ", " + kind + ", " + duplicate + " AS " + Sql.quote(DUPLICATE) + " FROM "
                + ChangeStaging.qualifiedName() + " WINDOW w AS (PARTITION BY " + Sql.columnList(keys) + " ORDER BY "
                + ranking + ") ORDER BY " + Sql.columnList(keys) + ", " + ranking;
    }

    /**
     * The error for a duplicated key, once the merge reported one: names the first such key, its
     * version and how many rows it had.
     *
     * @param servedVersion the version the target keeps serving, for the message
     */
    LakesyncException duplicateKeyError(Connection connection, long servedVersion) throws SQLException {
        List<String> keys = spec.primaryKey();
        Optional<String> ts = spec.timeseriesKey();
        String version = Sql.quote(ChangeStaging.VERSION);
        StringBuilder join = new StringBuilder();
        for (String k : keys) {
            join.append("s.").append(Sql.quote(k)).append(" = d.").append(Sql.quote(k)).append(" AND ");
        }
        join.append("s.").append(version).append(" = d.").append(version).append(" AND s.")
                .append(Sql.quote(ChangeStaging.KIND)).append(" = ").append(ChangeStaging.UPSERT);
        ts.ifPresent(t -> join.append(" AND s.").append(Sql.quote(t)).append(" IS NOT DISTINCT FROM d.")
                .append(Sql.quote(t)));
        String sql = "SELECT " + KeySql.textExpressions(schema, keys, "d") + ", d." + version + ", count(*)"
                + ts.map(t -> ", " + KeySql.textExpression(schema, t, "d")).orElse("")
                + " FROM (" + lastChangePerKey() + ") d JOIN " + ChangeStaging.qualifiedName() + " s ON " + join
                + " WHERE d." + Sql.quote(DUPLICATE) + " GROUP BY " + Sql.columnList("d", keys) + ", d." + version
                + ts.map(t -> ", d." + Sql.quote(t)).orElse("")
                + " ORDER BY d." + version + ", " + Sql.columnList("d", keys) + " LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("a duplicate key was reported but cannot be found again");
            }
            String where = "The primary key (" + String.join(", ", keys) + ") is not unique in version "
                    + rs.getLong(keys.size() + 1) + " of " + spec.source() + ": " + KeySql.render(keys, rs, 1)
                    + " occurs in " + rs.getLong(keys.size() + 2) + " rows";
            String unchanged = " Nothing was applied: " + spec.target() + " keeps serving version " + servedVersion
                    + ".";
            if (ts.isEmpty()) {
                return new LakesyncException(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, where + "." + unchanged
                        + " Fix: choose primary key columns that are unique in the source, or pass"
                        + " --timeseries-key COL so that of the rows with the same key the one with the greatest"
                        + " COL wins.");
            }
            String value = rs.getString(keys.size() + 3);
            return new LakesyncException(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, where + " with the same"
                    + " greatest timeseries key " + ts.get() + "=" + (value == null ? "NULL" : value) + ", so none"
                    + " of them is the latest." + unchanged + " Fix: make the source unique on ("
                    + String.join(", ", keys) + ", " + ts.get() + "), or choose another timeseries key.");
        }
    }
}
