package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a synced table's columns with the source schema an apply brings, and decides what
 * follows incrementally: new columns are added (old rows read null, as the source reads them) and
 * widened types are altered ({@link TypeWidening}). A dropped or renamed column, any other type
 * change or a different primary key cannot be followed without losing or inventing data; they
 * fail with SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, all named in one message, before anything changed.
 * <p>
 * The wanted types are read from a table created with the source schema (the staging table), so
 * both sides are spelled by PostgreSQL itself and compare as text.
 */
final class SchemaReconciler {

    /** The changes an apply makes to the target's columns, as clauses of one ALTER TABLE. */
    record Changes(List<String> clauses) {
        Changes {
            clauses = List.copyOf(clauses);
        }

        boolean isEmpty() {
            return clauses.isEmpty();
        }

        /** {@code ALTER TABLE target ADD COLUMN ..., ALTER COLUMN ... TYPE ...}: one statement, at most one rewrite. */
        String statement(String qualifiedTarget) {
            return "ALTER TABLE " + qualifiedTarget + " " + String.join(", ", clauses);
        }
    }

    private SchemaReconciler() {
    }

    /**
     * @param qualifiedStaging a table with exactly the source schema's columns (and maybe more)
     * @param servedVersion the version the target holds, for the message
     */
    static Changes reconcile(Connection connection, SyncedTableSpec spec, TableSchema schema, String qualifiedStaging,
            long servedVersion) throws SQLException {
        String target = Sql.qualified(spec.target());
        Map<String, String> have = Relations.columnTypes(connection, target);
        Map<String, String> want = Relations.columnTypes(connection, qualifiedStaging);
        List<String> problems = new ArrayList<>();
        List<String> clauses = new ArrayList<>();

        List<String> targetKey = Relations.primaryKey(connection, target);
        if (!targetKey.equals(spec.primaryKey())) {
            problems.add(targetKey.isEmpty() ? "the target table has no primary key any more"
                    : "the primary key changed from (" + String.join(", ", targetKey) + ") to ("
                    + String.join(", ", spec.primaryKey()) + ")");
        }
        List<String> added = new ArrayList<>();
        for (String column : schema.names()) {
            String wanted = want.get(column);
            String current = have.get(column);
            if (current == null) {
                added.add(column);
                clauses.add("ADD COLUMN " + Sql.quote(column) + " " + wanted);
            } else if (!current.equals(wanted)) {
                if (TypeWidening.widens(current, wanted)) {
                    clauses.add("ALTER COLUMN " + Sql.quote(column) + " TYPE " + wanted);
                } else {
                    problems.add("column \"" + column + "\" changed type from " + current + " to " + wanted
                            + ", which is not a widening every stored value survives");
                }
            }
        }
        for (String column : have.keySet()) {
            if (schema.indexOf(column) < 0) {
                problems.add("column \"" + column + "\" is no longer in the source (dropped or renamed"
                        + (added.isEmpty() ? "" : "; new columns: " + String.join(", ", added)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new LakesyncException(ErrorCode.SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, "The source " + spec.source()
                    + " changed in a way an incremental sync of " + spec.target() + " cannot follow: "
                    + String.join("; ", problems) + ". Nothing was applied: " + spec.target() + " keeps serving"
                    + " version " + servedVersion + ". Fix: run a full refresh, lakesync sync --mode snapshot"
                    + " --source " + spec.source() + " --target " + spec.target() + " ..., which recreates the"
                    + " table from the new source schema.");
        }
        return new Changes(clauses);
    }
}
