package io.lakesync.examples.portal.data;

/**
 * Identifiers as SQL text. The portal depends only on lakesync's public SDK, not on its PostgreSQL
 * internals, so it carries this one function, which quotes exactly like lakesync's own
 * {@code Sql.quote}: the name keeps its spelling and case and cannot inject SQL.
 */
public final class SqlNames {

    /** The portal's own schema: its migrations, tables and Flyway history live there. */
    public static final String PORTAL_SCHEMA = "portal";

    private SqlNames() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + identifier + "' cannot be a PostgreSQL identifier (it is empty"
                    + " or holds a NUL byte).");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"} from {@code schema.table} (a name without a dot is in schema public). */
    public static String qualifiedTable(String schemaDotTable) {
        String name = schemaDotTable == null ? "" : schemaDotTable.strip();
        int dot = name.indexOf('.');
        if (name.isEmpty() || dot == 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("The synced table must be named SCHEMA.TABLE, like support.incidents"
                    + " (got '" + schemaDotTable + "').");
        }
        return dot < 0 ? quote("public") + "." + quote(name)
                : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    /** A table of the portal's own schema. */
    public static String portalTable(String table) {
        return quote(PORTAL_SCHEMA) + "." + quote(table);
    }
}
