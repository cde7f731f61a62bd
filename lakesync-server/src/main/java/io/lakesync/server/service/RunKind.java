package io.lakesync.server.service;

/** Why a run happens, which decides what it does. */
public enum RunKind {
    /** The first copy of a table that was never synced. */
    INITIAL_SNAPSHOT,
    /** A full copy on request (full-refresh) or by a SNAPSHOT table's schedule. */
    FULL_REFRESH,
    /** Changes since the watermark (TRIGGERED and CONTINUOUS tables). */
    INCREMENTAL
}
