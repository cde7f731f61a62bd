package io.lakesync.examples.simulator.delta;

/** Another writer committed the version this writer meant to commit. */
public final class ConcurrentCommitException extends RuntimeException {

    public ConcurrentCommitException(String message) {
        super(message);
    }
}
