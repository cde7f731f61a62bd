package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place identifiers become SQL text. Every schema, table, column, constraint and role name
 * is quoted here, so names keep their exact spelling and case and cannot inject SQL. Values are
 * bind parameters or COPY data, except in the few statements where PostgreSQL takes no parameter
 * (COMMENT ON, CREATE ROLE ... PASSWORD): there {@link #literal} quotes them.
 */
public final class Sql {

    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would silently rename things. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private Sql() {
    }

    public static String quote(String identifier) {
        if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The name '" + identifier.replace("\0", "\\0")
                    + "' cannot be a PostgreSQL identifier (it is empty or holds a NUL byte). Rename it in the"
                    + " source, or leave the column out with --columns.");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * A string constant: {@code E'...'} with quotes and backslashes escaped, so it reads the same
     * whatever {@code standard_conforming_strings} is. Only for statements that take no bind parameter.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "A PostgreSQL string cannot hold a NUL byte: '"
                    + value.replace("\0", "\\0") + "'.");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    public static String qualified(TableName table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** {@code "a", "b"}: a quoted column list. */
    public static String columnList(List<String> names) {
        return names.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** {@code "alias"."a", "alias"."b"}. */
    public static String columnList(String alias, List<String> names) {
        return names.stream().map(n -> quote(alias) + "." + quote(n)).collect(Collectors.joining(", "));
    }

    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of {@code s} whose UTF-8 form fits {@code maxBytes}, never splitting a character. */
    public static String truncateUtf8(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
