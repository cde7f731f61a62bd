package io.lakesync.core.model;

/** How a synced table follows its source (DESIGN §2). */
public enum SyncMode {
    SNAPSHOT, TRIGGERED, CONTINUOUS
}
