package io.lakesync.postgres.internal.copy;

/**
 * VARIANT values arrive as JSON text. jsonb refuses the escape {@code \u0000} (a NUL in a
 * string), so it follows the text policy like any other NUL: FAIL stops, REPLACE writes
 * {@code \ufffd}. The common case costs one {@code indexOf}.
 */
final class VariantJson {

    private static final String NUL_ESCAPE = "\\u0000";

    private VariantJson() {
    }

    static String withoutNul(String json, TextEncoder text) {
        if (json.indexOf(NUL_ESCAPE) < 0 && json.indexOf('\0') < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        boolean replaced = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                if (json.startsWith(NUL_ESCAPE, i)) {
                    text.onNul();
                    out.append("\\ufffd");
                    replaced = true;
                    i += NUL_ESCAPE.length() - 1;
                } else {
                    out.append(c).append(json.charAt(++i)); // any other escape, e.g. \\ before u0000
                }
            } else if (c == '\0') {
                text.onNul();
                out.append('\uFFFD');
                replaced = true;
            } else {
                out.append(c);
            }
        }
        if (replaced) {
            text.countReplacedInJson();
        }
        return out.toString();
    }
}
