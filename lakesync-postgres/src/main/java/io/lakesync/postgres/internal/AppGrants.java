package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read grants of app roles on synced tables, kept in {@code lakesync.app_role_grants} and
 * given as USAGE on the table's schema and SELECT on the table. SELECT only: the table stays owned
 * by the writer, so an app can never change or drop it.
 */
final class AppGrants {

    private AppGrants() {
    }

    /** Whether the catalog knows {@code table} as a synced table (a definition or a watermark). */
    static boolean isSynced(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM lakesync.watermarks"
                + " WHERE table_name = ?) OR EXISTS (SELECT 1 FROM lakesync.synced_tables WHERE name = ?)")) {
            s.setString(1, table.toString());
            s.setString(2, table.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Records the grant and, if the table exists, gives it now and checks it took (a GRANT by a
     * role without the right only warns). A table not created yet gets it at its first swap.
     */
    static void grantRead(Connection connection, String role, TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.app_role_grants"
                + " (role_name, table_name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, role);
            s.setString(2, table.toString());
            s.executeUpdate();
        }
        if (!Relations.tableExists(connection, table)) {
            return;
        }
        if (!grantSchemaUsage(connection, role, table.schema())) {
            throw new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "Cannot let the role " + role
                    + " use the schema " + table.schema() + ": the role lakesync connects as does not own it and may"
                    + " not grant USAGE on it. Fix: as the schema's owner, GRANT USAGE ON SCHEMA "
                    + Sql.quote(table.schema()) + " TO " + Sql.quote(role) + ", then run this again.");
        }
        Relations.execute(connection, "GRANT SELECT ON " + Sql.qualified(table) + " TO " + Sql.quote(role));
        if (!hasPrivilege(connection, "has_table_privilege(?, ?, 'SELECT')", role, Sql.qualified(table))) {
            throw new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "Cannot let the role " + role + " read "
                    + table + ": the role lakesync connects as does not own that table (did someone change its"
                    + " owner?), so its GRANT had no effect. Fix: ALTER TABLE " + Sql.qualified(table)
                    + " OWNER TO the role lakesync connects as, then run this again.");
        }
    }

    /**
     * Gives the app roles recorded for {@code table} their grants on it again; for the snapshot swap,
     * inside its transaction. Copying the old table's ACL ({@link GrantCopier}) keeps them through a
     * re-sync; this also covers the first snapshot of a table granted before it existed, and a table
     * created again after it was dropped. It never fails the sync: roles dropped outside lakesync are
     * skipped, and a schema the writer may not grant on is left as it is.
     */
    static void restore(Connection connection, TableName table) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT g.role_name FROM lakesync.app_role_grants g"
                + " JOIN pg_roles r ON r.rolname = g.role_name WHERE g.table_name = ? ORDER BY g.role_name")) {
            s.setString(1, table.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
        }
        for (String role : roles) {
            grantSchemaUsage(connection, role, table.schema());
            Relations.execute(connection, "GRANT SELECT ON " + Sql.qualified(table) + " TO " + Sql.quote(role));
        }
    }

    /**
     * Grants USAGE on the schema unless the role has it already (the schema {@code public} gives it to
     * everyone); returns false when it lacks it and the writer may not grant it.
     */
    private static boolean grantSchemaUsage(Connection connection, String role, String schema) throws SQLException {
        if (hasPrivilege(connection, "has_schema_privilege(?, ?, 'USAGE')", role, schema)) {
            return true;
        }
        if (!hasPrivilege(connection, "has_schema_privilege(current_user, ?, 'USAGE WITH GRANT OPTION')", null,
                schema)) {
            return false;
        }
        Relations.execute(connection, "GRANT USAGE ON SCHEMA " + Sql.quote(schema) + " TO " + Sql.quote(role));
        return true;
    }

    private static boolean hasPrivilege(Connection connection, String call, String role, String object)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + call)) {
            int i = 1;
            if (role != null) {
                s.setString(i++, role);
            }
            s.setString(i, object);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
