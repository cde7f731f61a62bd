package io.lakesync.postgres.internal.copy;

import io.lakesync.core.spi.TextPolicy;

/**
 * Encodes strings as UTF-8 straight into the COPY buffer, without a byte[] per value. PostgreSQL
 * text and jsonb cannot hold U+0000: the check costs nothing extra because it is folded into the
 * ASCII fast path (NUL falls out of it like a non-ASCII char). Under {@link TextPolicy#FAIL} a NUL
 * stops the load; under {@link TextPolicy#REPLACE} it becomes U+FFFD and the value is counted.
 * A lone UTF-16 surrogate (never produced by decoding UTF-8) is written as U+FFFD, as Java's own
 * decoders do.
 */
final class TextEncoder {

    private final TextPolicy policy;
    private long valuesReplaced;
    private boolean replacedInValue;

    TextEncoder(TextPolicy policy) {
        this.policy = policy;
    }

    long valuesReplaced() {
        return valuesReplaced;
    }

    /** Writes {@code s} as a COPY field: length, then the jsonb version byte if asked, then UTF-8. */
    void writeField(String s, CopyBuffer out, boolean jsonbVersion) {
        int prefix = jsonbVersion ? 5 : 4;
        int worstCase = prefix + 3 * s.length();
        replacedInValue = false;
        if (worstCase <= out.capacity()) {
            out.ensure(worstCase);
            int start = out.position;
            if (jsonbVersion) {
                out.bytes[start + 4] = 1;
            }
            int end = encode(s, 0, s.length(), out.bytes, start + prefix);
            out.putIntAt(start, end - start - 4);
            out.position = end;
        } else {
            writeLarge(s, out, jsonbVersion);
        }
        if (replacedInValue) {
            valuesReplaced++;
        }
    }

    /** A string too big for the buffer: measure first, then encode it in buffer-sized pieces. */
    private void writeLarge(String s, CopyBuffer out, boolean jsonbVersion) {
        int length = utf8Length(s) + (jsonbVersion ? 1 : 0);
        out.ensure(5);
        out.putInt(length);
        if (jsonbVersion) {
            out.putByte(1);
        }
        int chunk = out.capacity() / 4;
        for (int from = 0; from < s.length(); ) {
            int to = Math.min(s.length(), from + chunk);
            if (to < s.length() && Character.isHighSurrogate(s.charAt(to - 1))) {
                to--; // keep a surrogate pair in one piece
            }
            out.ensure(3 * (to - from));
            out.position = encode(s, from, to, out.bytes, out.position);
            from = to;
        }
    }

    private int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                onNul();
                length += 3;
            } else if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        replacedInValue = false; // counted once, when the value is encoded
        return length;
    }

    /** Encodes chars {@code [from, to)} at {@code p}; returns the position after them. */
    private int encode(String s, int from, int to, byte[] dst, int p) {
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                break;
            }
            dst[p++] = (byte) c;
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    onNul();
                    p = putReplacement(dst, p);
                } else {
                    dst[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | (c >> 6));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    dst[p++] = (byte) (0xF0 | (cp >> 18));
                    dst[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    p = putReplacement(dst, p);
                }
            } else {
                dst[p++] = (byte) (0xE0 | (c >> 12));
                dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** Applies the policy to a NUL found in a string (also called by the JSON renderer). */
    void onNul() {
        if (policy == TextPolicy.FAIL) {
            throw InvalidTextException.INSTANCE;
        }
        replacedInValue = true;
    }

    /** Counts a value whose NUL the JSON renderer replaced. */
    void countReplacedInJson() {
        valuesReplaced++;
    }

    private static int putReplacement(byte[] dst, int p) {
        dst[p] = (byte) 0xEF;
        dst[p + 1] = (byte) 0xBF;
        dst[p + 2] = (byte) 0xBD;
        return p + 3;
    }
}
