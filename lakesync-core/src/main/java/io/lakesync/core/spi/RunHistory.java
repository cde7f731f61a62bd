package io.lakesync.core.spi;

import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;

/** The record of every sync run, kept next to the data (schema {@code lakesync}). */
public interface RunHistory {

    /** Stores (or updates) the synced table definition and opens a run; returns the run id. */
    long start(SyncedTableSpec spec, SyncMode mode);

    void succeeded(long runId, RunOutcome outcome);

    void failed(long runId, RunOutcome outcome, String errorCode, String message);
}
