package io.lakesync.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Shows the one INFO line each incremental apply logs: its phases (end of copy, schema, collapse and merge, commit). */
final class ApplyLog {

    static final String APPLY_LOGGER = "io.lakesync.postgres.internal.PostgresIncrementalApply";

    private ApplyLog() {
    }

    static void showApplyPhases() {
        ((Logger) LoggerFactory.getLogger(APPLY_LOGGER)).setLevel(Level.INFO);
    }
}
