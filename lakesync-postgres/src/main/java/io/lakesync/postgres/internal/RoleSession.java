package io.lakesync.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Who the writer is in this session, as role management needs it: for messages (which user to
 * give CREATEROLE), and to decide whether it must borrow an app role's membership (a superuser
 * need not).
 */
record RoleSession(String user, String database, boolean superuser, int serverVersion) {

    static RoleSession of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, current_database(), r.rolsuper,"
                        + " current_setting('server_version_num')::int FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            return new RoleSession(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4));
        }
    }

    /**
     * Makes the writer able to act as {@code role} for the rest of the transaction (CREATE SCHEMA
     * ... AUTHORIZATION, REASSIGN OWNED and DROP OWNED need it), unless it is a superuser or can
     * already. A writer with CREATEROLE may grant itself membership in a role it made (from
     * PostgreSQL 16 it holds ADMIN OPTION on it, but neither SET nor INHERIT).
     *
     * @return whether membership was granted, to be {@linkplain #giveBack given back}
     */
    boolean borrow(Connection connection, String role) throws SQLException {
        if (superuser || canActAs(connection, role)) {
            return false;
        }
        Relations.execute(connection, "GRANT " + Sql.quote(role) + " TO " + Sql.quote(user)
                + (serverVersion >= 160000 ? " WITH INHERIT TRUE, SET TRUE" : ""));
        return true;
    }

    /** Revokes what {@link #borrow} granted, so the writer does not keep the app's privileges. */
    void giveBack(Connection connection, String role) throws SQLException {
        Relations.execute(connection, "REVOKE " + Sql.quote(role) + " FROM " + Sql.quote(user));
    }

    private boolean canActAs(Connection connection, String role) throws SQLException {
        String set = serverVersion >= 160000 ? "SET" : "MEMBER";
        try (var s = connection.prepareStatement("SELECT pg_has_role(current_user, ?, 'USAGE')"
                + " AND pg_has_role(current_user, ?, '" + set + "')")) {
            s.setString(1, role);
            s.setString(2, role);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
