package io.lakesync.server.service;

/** The status of a synced table, named as Lakebase names it (DESIGN §2). */
public enum DetailedState {
    /** Defined, not synced yet, no run going. */
    PROVISIONING,
    /** The first copy is loading. */
    PROVISIONING_INITIAL_SNAPSHOT,
    /** Serving; paused, or waiting for its schedule with new source versions pending. */
    ONLINE,
    /** A CONTINUOUS table, healthy: new versions are applied as they land. */
    ONLINE_CONTINUOUS_UPDATE,
    /** A TRIGGERED or SNAPSHOT table is applying a run now. */
    ONLINE_TRIGGERED_UPDATE,
    /** Serving and holding the newest source version. */
    ONLINE_NO_PENDING_UPDATE,
    /** Serving its last good version, but the last run failed (possibly stale). */
    ONLINE_PIPELINE_FAILED,
    /** The first copy failed: nothing to serve yet. */
    OFFLINE_FAILED
}
