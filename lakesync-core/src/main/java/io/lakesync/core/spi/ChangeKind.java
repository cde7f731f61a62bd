package io.lakesync.core.spi;

/**
 * What a change row says about its key. An UPSERT row carries the whole row as of its version. A
 * DELETE row says the key was removed at its version; only its key columns matter. Within one
 * version an UPSERT of a key wins over a DELETE of the same key (a rewritten file removes and
 * re-adds its rows in one commit).
 */
public enum ChangeKind {
    UPSERT, DELETE
}
