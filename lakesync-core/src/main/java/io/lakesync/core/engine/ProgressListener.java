package io.lakesync.core.engine;

import io.lakesync.core.model.SourceVersion;
import java.util.OptionalLong;

/** Observes a long-running load, for progress bars and status; calls come from the loading thread. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** The load of {@code version} starts; {@code expectedRows} when the source statistics tell. */
    default void started(SourceVersion version, OptionalLong expectedRows) {
    }

    /** {@code rowsWritten} rows are loaded so far; called after every batch. */
    default void progressed(long rowsWritten) {
    }

    /** The load ended (committed, failed or cancelled). */
    default void finished() {
    }
}
