package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The extra indexes a synced table asks for (each "col" or "col_a, col_b"), as indexes on its
 * target. Each gets a name derived from its table and columns, {@code <table>_lsx_<8 hex>}, so the
 * same definition always means the same index, and the indexes lakesync made are told apart from
 * ones users made (only {@code _lsx_} indexes are ever dropped).
 */
public final class ExtraIndexes {

    private static final String MARK = "_lsx_";
    private static final Pattern OURS = Pattern.compile(".*" + MARK + "[0-9a-f]{8}");
    private static final int HASH_CHARS = 8;

    private ExtraIndexes() {
    }

    /** One index: its columns in order. */
    public record Index(String definition, List<String> columns) {
    }

    /**
     * The indexes of {@code definitions}, each once, checked against the columns the table has.
     * Fails with INVALID_ARGUMENT for an empty column name, COLUMN_NOT_FOUND for a column the table
     * does not have.
     */
    public static List<Index> parse(List<String> definitions, Collection<String> tableColumns, TableName table) {
        Map<List<String>, Index> indexes = new LinkedHashMap<>();
        for (String definition : definitions) {
            List<String> columns = new ArrayList<>();
            for (String part : definition.split(",", -1)) {
                String column = part.trim();
                if (column.isEmpty()) {
                    throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The extra index \"" + definition
                            + "\" of " + table + " has an empty column name. Write each index as a comma-separated"
                            + " list of column names, for example \"region\" or \"region, day\".");
                }
                if (!tableColumns.contains(column)) {
                    throw new LakesyncException(ErrorCode.COLUMN_NOT_FOUND, "The extra index \"" + definition
                            + "\" of " + table + " names column '" + column + "', which the table does not have."
                            + " Its columns are: " + String.join(", ", tableColumns) + ". Column names are"
                            + " case-sensitive; fix the index definition (extra_index_definitions).");
                }
                columns.add(column);
            }
            indexes.putIfAbsent(columns, new Index(definition, List.copyOf(columns)));
        }
        return List.copyOf(indexes.values());
    }

    /** The name of an extra index of {@code table} (unqualified): {@code <table>_lsx_<8 hex>}. */
    public static String name(String table, List<String> columns) {
        StringBuilder identity = new StringBuilder(table);
        for (String column : columns) {
            identity.append('\0').append(column);
        }
        String hash = HexFormat.of().formatHex(sha256(identity.toString())).substring(0, HASH_CHARS);
        return Sql.truncateUtf8(table, Sql.MAX_IDENTIFIER_BYTES - MARK.length() - HASH_CHARS) + MARK + hash;
    }

    /** Whether an index name is one lakesync gives extra indexes. */
    static boolean isOurs(String indexName) {
        return OURS.matcher(indexName).matches();
    }

    /** {@code CREATE INDEX IF NOT EXISTS} of an index on {@code schema.table}, named for {@code table}. */
    static String createStatement(String schema, String table, Index index) {
        return "CREATE INDEX IF NOT EXISTS " + Sql.quote(name(table, index.columns())) + " ON "
                + Sql.qualified(schema, table) + " (" + Sql.columnList(index.columns()) + ")";
    }

    /** The names of the indexes on a table (all of them, ours or not). */
    static List<String> existing(Connection connection, String qualifiedTable) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT c.relname FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(?) ORDER BY c.relname")) {
            s.setString(1, qualifiedTable);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
