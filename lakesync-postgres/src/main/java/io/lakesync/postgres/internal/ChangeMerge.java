package io.lakesync.postgres.internal;

import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies the staged changes to the target in ONE statement: the last change per key
 * ({@link ChangeCollapse}) is computed once into a materialized CTE (kept in memory, not written to
 * a table), and feeds a DELETE of the deleted keys and an INSERT ... ON CONFLICT DO UPDATE of the
 * upserted rows. A key is in one of the two only, so they never touch the same row. The update
 * happens only when a non-key column differs, so an upsert that changes nothing writes nothing (no
 * dead tuple, no new xmin) and counts nowhere. Inserted and updated rows are told apart by the
 * returned row's {@code xmax}: 0 for a freshly inserted row, the updating transaction for a row
 * ON CONFLICT locked and updated.
 * <p>
 * Deletes by a one-column key probe the key index with one array of keys, whatever the planner
 * estimates; composite keys join, and the planner's small default estimate of the CTE keeps that a
 * nested loop over the key index.
 * <p>
 * The common case, changes of one version and no timeseries key (a triggered or continuous sync
 * that is keeping up), needs no collapse: of a key's changes in one version the UPSERT wins, so the
 * staged UPSERTs go to the target as they are and a DELETE counts only for a key no UPSERT re-adds
 * (an anti-join). That skips sorting every staged row at full width: for a copy-on-write commit,
 * whose rewritten files stage each of their keys twice, about a third of the merge's time
 * ({@code bench/run incremental}). Duplicate keys are looked for first, with a key-only aggregate.
 */
final class ChangeMerge {

    /** What the statement did, and how many winning rows had an indistinguishable twin (then it must roll back). */
    record Counts(long inserted, long updated, long deleted, long duplicateKeys) {
    }

    private static final String COLLAPSED = "lakesync_collapsed";

    private final SyncedTableSpec spec;
    private final TableSchema schema;
    private final ChangeCollapse collapse;

    ChangeMerge(SyncedTableSpec spec, TableSchema schema, ChangeCollapse collapse) {
        this.spec = spec;
        this.schema = schema;
        this.collapse = collapse;
    }

    /**
     * @param oneVersion whether every staged change belongs to one version ({@link
     *     ChangeStaging#oneVersion}); with no timeseries key, the merge then takes the direct path
     */
    Counts apply(Connection connection, boolean oneVersion) throws SQLException {
        boolean direct = oneVersion && spec.timeseriesKey().isEmpty();
        try (Statement s = connection.createStatement()) {
            if (direct) {
                try (ResultSet rs = s.executeQuery(duplicateUpsertQuery())) {
                    if (rs.next()) {
                        return new Counts(0, 0, 0, 1);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery(direct ? oneVersionStatement() : statement())) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    String statement() {
        String collapsed = Sql.quote(COLLAPSED);
        String kind = Sql.quote(ChangeStaging.KIND);
        return "WITH " + collapsed + " AS MATERIALIZED (" + collapse.lastChangePerKey() + "),"
                + " deleted AS (" + delete(collapsed + " c WHERE c." + kind + " = " + ChangeStaging.DELETE) + "),"
                + " upserted AS (" + upsert(collapsed + " c WHERE c." + kind + " = " + ChangeStaging.UPSERT) + ")"
                + counts("(SELECT count(*) FROM " + collapsed + " WHERE " + Sql.quote(ChangeCollapse.DUPLICATE) + ")");
    }

    /** The direct path's merge: the staged UPSERTs as they are, the DELETEs of keys no UPSERT re-adds. */
    String oneVersionStatement() {
        String staging = ChangeStaging.qualifiedName();
        String kind = Sql.quote(ChangeStaging.KIND);
        String reAdded = "EXISTS (SELECT 1 FROM " + staging + " u WHERE u." + kind + " = " + ChangeStaging.UPSERT
                + spec.primaryKey().stream().map(k -> " AND u." + Sql.quote(k) + " = c." + Sql.quote(k))
                        .collect(Collectors.joining()) + ")";
        return "WITH deleted AS (" + delete(staging + " c WHERE c." + kind + " = " + ChangeStaging.DELETE + " AND NOT "
                + reAdded) + "),"
                + " upserted AS (" + upsert(staging + " c WHERE c." + kind + " = " + ChangeStaging.UPSERT) + ")"
                + counts("0");
    }

    /** The statement's answer, {@link Counts} in order, from its {@code deleted} and {@code upserted} CTEs. */
    private static String counts(String duplicateKeys) {
        return " SELECT (SELECT count(*) FILTER (WHERE inserted) FROM upserted),"
                + " (SELECT count(*) FILTER (WHERE NOT inserted) FROM upserted),"
                + " (SELECT count(*) FROM deleted), " + duplicateKeys;
    }

    /** A key with two UPSERTs among changes of one version: the source had a duplicate key there. */
    private String duplicateUpsertQuery() {
        return "SELECT 1 FROM " + ChangeStaging.qualifiedName() + " WHERE " + Sql.quote(ChangeStaging.KIND) + " = "
                + ChangeStaging.UPSERT + " GROUP BY " + Sql.columnList(spec.primaryKey()) + " HAVING count(*) > 1"
                + " LIMIT 1";
    }

    /** @param deletes {@code FROM}-clause text of the deleted keys, aliased {@code c} */
    private String delete(String deletes) {
        List<String> keys = spec.primaryKey();
        String target = Sql.qualified(spec.target());
        if (keys.size() == 1) {
            String key = Sql.quote(keys.get(0));
            return "DELETE FROM " + target + " t WHERE t." + key + " = ANY (ARRAY(SELECT c." + key + " FROM " + deletes
                    + ")) RETURNING 1";
        }
        return "DELETE FROM " + target + " t USING " + deletes + " AND " + keys.stream()
                .map(k -> "t." + Sql.quote(k) + " = c." + Sql.quote(k)).collect(Collectors.joining(" AND "))
                + " RETURNING 1";
    }

    /** @param upserts {@code FROM}-clause text of the upserted rows, aliased {@code c} */
    private String upsert(String upserts) {
        List<String> keys = spec.primaryKey();
        List<String> values = schema.names().stream().filter(c -> !keys.contains(c)).toList();
        String onConflict;
        if (values.isEmpty()) {
            onConflict = "DO NOTHING"; // a table of key columns only: an existing key is already up to date
        } else {
            onConflict = "DO UPDATE SET " + values.stream().map(c -> Sql.quote(c) + " = excluded." + Sql.quote(c))
                    .collect(Collectors.joining(", "))
                    + " WHERE (" + Sql.columnList("t", values) + ") IS DISTINCT FROM ("
                    + Sql.columnList("excluded", values) + ")";
        }
        return "INSERT INTO " + Sql.qualified(spec.target()) + " AS t (" + Sql.columnList(schema.names()) + ")"
                + " SELECT " + Sql.columnList("c", schema.names()) + " FROM " + upserts
                + " ON CONFLICT (" + Sql.columnList(keys) + ") " + onConflict + " RETURNING t.xmax = 0 AS inserted";
    }
}
