package io.lakesync.postgres.internal;

import java.util.List;

/**
 * The request of an operation as a flat JSON object for {@code lakesync.audit_log} (this module
 * has no JSON library; the values are names, lists of names and flags).
 */
final class AuditJson {

    private final StringBuilder json = new StringBuilder("{");

    AuditJson put(String key, String value) {
        return field(key, value == null ? "null" : string(value));
    }

    AuditJson put(String key, boolean value) {
        return field(key, Boolean.toString(value));
    }

    AuditJson put(String key, List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String value : values) {
            array.append(array.length() > 1 ? "," : "").append(string(value));
        }
        return field(key, array.append(']').toString());
    }

    private AuditJson field(String key, String valueJson) {
        json.append(json.length() > 1 ? "," : "").append(string(key)).append(':').append(valueJson);
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
