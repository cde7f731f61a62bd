package io.lakesync.postgres.internal;

import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link ChangeMerge} would do with the staged changes, found by reading only: the last change
 * per key ({@link ChangeCollapse}, the same query) joined to the live target. A DELETE counts when
 * its key is in the target; an UPSERT inserts when its key is not, and updates when the target row
 * IS DISTINCT FROM it in a non-key column, which is exactly when the merge's {@code ON CONFLICT DO
 * UPDATE ... WHERE} writes. The target is neither altered nor written: a column the source added
 * reads as NULL (what {@code ADD COLUMN} gives old rows) and a widened one is cast to its new type
 * (what {@code ALTER COLUMN TYPE} stores), so the counts are those of the real apply.
 */
final class ChangePreview {

    /** Counts and a sample of keys per action, and how many winning rows had an indistinguishable twin. */
    record Counts(long inserts, long updates, long deletes, List<String> insertKeys, List<String> updateKeys,
            List<String> deleteKeys, long duplicateKeys) {
    }

    private static final String COLLAPSED = "lakesync_collapsed";
    private static final String CLASSIFIED = "lakesync_classified";
    private static final String ACTION = "_ls_action";
    private static final String INSERT = "insert";
    private static final String UPDATE = "update";
    private static final String DELETE = "delete";

    private final SyncedTableSpec spec;
    private final TableSchema schema;
    private final ChangeCollapse collapse;

    ChangePreview(SyncedTableSpec spec, TableSchema schema, ChangeCollapse collapse) {
        this.spec = spec;
        this.schema = schema;
        this.collapse = collapse;
    }

    /**
     * @param targetTypes the target's columns and types as they are now
     * @param stagedTypes the columns and types of the staged changes (the source schema)
     */
    Counts run(Connection connection, Map<String, String> targetTypes, Map<String, String> stagedTypes,
            int sampleKeys) throws SQLException {
        long inserts = 0;
        long updates = 0;
        long deletes = 0;
        long duplicates = 0;
        List<String> insertKeys = new ArrayList<>();
        List<String> updateKeys = new ArrayList<>();
        List<String> deleteKeys = new ArrayList<>();
        int keys = spec.primaryKey().size();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(statement(targetTypes, stagedTypes, Math.max(sampleKeys, 1)))) {
            while (rs.next()) {
                String action = rs.getString(1);
                long total = rs.getLong(2);
                duplicates = rs.getLong(3);
                boolean sampled = rs.getLong(4) <= sampleKeys;
                String key = sampled ? render(rs, 5, keys) : null;
                if (INSERT.equals(action)) {
                    inserts = total;
                    addIf(sampled, insertKeys, key);
                } else if (UPDATE.equals(action)) {
                    updates = total;
                    addIf(sampled, updateKeys, key);
                } else if (DELETE.equals(action)) {
                    deletes = total;
                    addIf(sampled, deleteKeys, key);
                }
            }
        }
        return new Counts(inserts, updates, deletes, insertKeys, updateKeys, deleteKeys, duplicates);
    }

    private static void addIf(boolean sampled, List<String> keys, String key) {
        if (sampled) {
            keys.add(key);
        }
    }

    /** One key as text: the value of a one-column key, {@code (a, b)} for a composite one. */
    private static String render(ResultSet rs, int first, int keys) throws SQLException {
        if (keys == 1) {
            return rs.getString(first);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            parts.add(rs.getString(first + i));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /**
     * Rows of (action, rows with that action, duplicate keys, position in key order, key as text...),
     * for the first {@code sampleLimit} keys of each action.
     */
    String statement(Map<String, String> targetTypes, Map<String, String> stagedTypes, int sampleLimit) {
        List<String> keys = spec.primaryKey();
        String kind = "c." + Sql.quote(ChangeStaging.KIND);
        String missing = "t." + Sql.quote(keys.get(0)) + " IS NULL"; // key columns are NOT NULL in the target
        List<String> values = schema.names().stream().filter(c -> !keys.contains(c)).toList();
        String action = "CASE WHEN " + kind + " = " + ChangeStaging.DELETE + " THEN CASE WHEN " + missing
                + " THEN NULL ELSE '" + DELETE + "' END WHEN " + missing + " THEN '" + INSERT + "'"
                + (values.isEmpty() ? "" : " WHEN (" + values.stream()
                        .map(c -> targetValue(c, targetTypes, stagedTypes)).collect(Collectors.joining(", "))
                        + ") IS DISTINCT FROM (" + Sql.columnList("c", values) + ") THEN '" + UPDATE + "'")
                + " END";
        String join = keys.stream().map(k -> "t." + Sql.quote(k) + " = c." + Sql.quote(k))
                .collect(Collectors.joining(" AND "));
        String duplicate = Sql.quote(ChangeCollapse.DUPLICATE);
        String ranked = "SELECT d." + Sql.quote(ACTION) + ", count(*) OVER (PARTITION BY d." + Sql.quote(ACTION)
                + ") AS total, count(*) FILTER (WHERE d." + duplicate + ") OVER () AS duplicates,"
                + " row_number() OVER (PARTITION BY d." + Sql.quote(ACTION) + " ORDER BY "
                + Sql.columnList("d", keys) + ") AS position, " + KeySql.textExpressions(schema, keys, "d")
                + " FROM " + Sql.quote(CLASSIFIED) + " d WHERE d." + Sql.quote(ACTION) + " IS NOT NULL OR d."
                + duplicate;
        return "WITH " + Sql.quote(COLLAPSED) + " AS MATERIALIZED (" + collapse.lastChangePerKey() + "), "
                + Sql.quote(CLASSIFIED) + " AS (SELECT " + action + " AS " + Sql.quote(ACTION) + ", c." + duplicate
                + ", " + Sql.columnList("c", keys) + " FROM " + Sql.quote(COLLAPSED) + " c LEFT JOIN "
                + Sql.qualified(spec.target()) + " t ON " + join + ")"
                + " SELECT * FROM (" + ranked + ") r WHERE position <= " + sampleLimit + " ORDER BY 1, position";
    }

    /** The target's value of a column as the apply would leave it before merging. */
    private static String targetValue(String column, Map<String, String> targetTypes, Map<String, String> stagedTypes) {
        String have = targetTypes.get(column);
        String want = stagedTypes.get(column);
        if (have == null) {
            return "NULL::" + want; // a column the source added: old rows hold NULL
        }
        String value = "t." + Sql.quote(column);
        return have.equals(want) ? value : value + "::" + want; // a widened column
    }
}
