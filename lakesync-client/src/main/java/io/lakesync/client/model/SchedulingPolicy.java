package io.lakesync.client.model;

/** How a synced table follows its source, as in Databricks synced tables. */
public enum SchedulingPolicy {
    /** Every run copies the whole source at one version and swaps it in. */
    SNAPSHOT,
    /** The first run is a snapshot; later runs, started on demand or by a schedule, apply only the changes. */
    TRIGGERED,
    /** Like TRIGGERED, but the server applies new source versions as they land. */
    CONTINUOUS
}
