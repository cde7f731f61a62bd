package io.lakesync.core.spi;

/**
 * What to do with a string that PostgreSQL text cannot hold (a NUL byte, U+0000).
 * FAIL stops the sync with INVALID_TEXT_VALUE naming the column and key; REPLACE stores the
 * string with each NUL replaced by U+FFFD and counts the replaced values.
 */
public enum TextPolicy {
    FAIL, REPLACE
}
