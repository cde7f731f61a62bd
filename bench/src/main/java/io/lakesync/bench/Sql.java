package io.lakesync.bench;

import io.lakesync.core.model.TableName;

/** The one place identifiers are quoted for SQL. */
final class Sql {

    private Sql() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quote(TableName table) {
        return quote(table.schema()) + "." + quote(table.table());
    }
}
