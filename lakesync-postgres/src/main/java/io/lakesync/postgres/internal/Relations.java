package io.lakesync.postgres.internal;

import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Questions about tables and schemas that exist in the target database. */
public final class Relations {

    private Relations() {
    }

    public static boolean tableExists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, Sql.qualified(table));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates the schema if missing. Checks first: CREATE SCHEMA IF NOT EXISTS needs the CREATE
     * privilege on the database even when the schema exists. CREATE SCHEMA IF NOT EXISTS is not safe
     * against a concurrent creator: when another transaction creates the same schema at the same
     * time (two tables of one new schema loading at once), it waits for that transaction and then
     * fails with a unique violation on pg_namespace (23505). The schema exists by then, so that
     * failure is rolled back to a savepoint and ignored.
     */
    public static void ensureSchema(Connection connection, String schema) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        String create = "CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema);
        if (connection.getAutoCommit()) {
            try {
                execute(connection, create);
            } catch (SQLException e) {
                if (!createdConcurrently(e)) {
                    throw e;
                }
            }
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            execute(connection, create);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!createdConcurrently(e)) {
                throw e;
            }
            connection.rollback(savepoint);
        }
    }

    private static boolean createdConcurrently(SQLException e) {
        return SqlErrors.is(e, SqlErrors.UNIQUE_VIOLATION) || SqlErrors.is(e, "42P06"); // 42P06: duplicate_schema
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public static long count(Connection connection, String qualifiedTable) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualifiedTable)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The columns of a table in their order, each with its type as PostgreSQL spells it
     * ({@code format_type}: {@code integer}, {@code numeric(10,2)}, {@code timestamp with time zone}).
     */
    public static Map<String, String> columnTypes(Connection connection, String qualifiedTable) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT attname, format_type(atttypid, atttypmod)"
                + " FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum")) {
            s.setString(1, qualifiedTable);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** The columns of a table's primary key in key order; empty when it has none. */
    public static List<String> primaryKey(Connection connection, String qualifiedTable) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = to_regclass(?) AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            s.setString(1, qualifiedTable);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
