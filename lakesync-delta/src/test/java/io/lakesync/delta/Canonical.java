package io.lakesync.delta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders rows as comparable text, so that two reads can be compared as multisets: binary as hex,
 * decimals with their scale, floating point by its exact Java text (NaN equals NaN), maps with
 * sorted keys.
 */
final class Canonical {

    private Canonical() {
    }

    static List<String> rows(Collection<Object[]> rows) {
        List<String> rendered = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            rendered.add(row(row));
        }
        rendered.sort(null);
        return rendered;
    }

    static String row(Object[] row) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            out.append(i == 0 ? "" : ", ").append(value(row[i]));
        }
        return out.append(')').toString();
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        } else if (v instanceof String s) {
            return '"' + s + '"';
        } else if (v instanceof List<?> list) {
            return list.stream().map(Canonical::value).collect(Collectors.joining(", ", "[", "]"));
        } else if (v instanceof Object[] array) {
            return value(List.of(array));
        } else if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> value(e.getKey()) + "=" + value(e.getValue())).sorted()
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.getClass().getSimpleName() + ":" + v;
    }
}
