package io.lakesync.postgres.internal;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Key values rendered as text by PostgreSQL, the same way {@code KeyText} renders them from source
 * values, so messages read {@code id=7, day=2024-05-01} wherever the key comes from. Timestamps
 * use ISO-8601 with microseconds (sessions run in UTC).
 */
final class KeySql {

    private KeySql() {
    }

    /** Select-list expressions, one text value per key column, of the table aliased {@code alias}. */
    static String textExpressions(TableSchema schema, List<String> keys, String alias) {
        return keys.stream().map(k -> textExpression(schema, k, alias)).collect(Collectors.joining(", "));
    }

    /** One column of the table aliased {@code alias} as text. */
    static String textExpression(TableSchema schema, String name, String alias) {
        ColumnType type = schema.find(name).orElseThrow().type();
        String column = Sql.quote(alias) + "." + Sql.quote(name);
        if (type.equals(ColumnType.TIMESTAMP)) {
            return "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
        }
        if (type.equals(ColumnType.TIMESTAMP_NTZ)) {
            return "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US')";
        }
        return column + "::text";
    }

    /** {@code id=7, region=eu} from the text columns {@code first..first+keys-1} of the current row. */
    static String render(List<String> keys, ResultSet rs, int first) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(keys.get(i)).append('=').append(rs.getString(first + i));
        }
        return out.toString();
    }
}
