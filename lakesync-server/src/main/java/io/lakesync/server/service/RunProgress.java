package io.lakesync.server.service;

import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.model.SourceVersion;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Follows the load of a run so the status can show rows, percent and time left. */
final class RunProgress implements ProgressListener {

    private volatile long startedNanos;
    private volatile long rows;
    private volatile OptionalLong expected = OptionalLong.empty();
    private volatile boolean loading;

    @Override
    public void started(SourceVersion version, OptionalLong expectedRows) {
        startedNanos = System.nanoTime();
        rows = 0;
        expected = expectedRows;
        loading = true;
    }

    @Override
    public void progressed(long rowsWritten) {
        rows = rowsWritten;
    }

    @Override
    public void finished() {
        loading = false;
    }

    Optional<TableStatus.Progress> current() {
        if (!loading) {
            return Optional.empty();
        }
        long done = rows;
        OptionalLong total = expected;
        if (total.isEmpty() || total.getAsLong() <= 0) {
            return Optional.of(new TableStatus.Progress(done, total, OptionalDouble.empty(), OptionalLong.empty()));
        }
        double completion = Math.min(1.0, done / (double) total.getAsLong());
        OptionalLong eta = OptionalLong.empty();
        if (done > 0) {
            double elapsedSeconds = (System.nanoTime() - startedNanos) / 1e9;
            eta = OptionalLong.of(Math.round(elapsedSeconds * (total.getAsLong() - Math.min(done, total.getAsLong())) / done));
        }
        return Optional.of(new TableStatus.Progress(done, total, OptionalDouble.of(completion), eta));
    }
}
