package io.lakesync.examples.simulator;

/** Told about each commit right after it landed, on the simulator's thread. */
@FunctionalInterface
public interface CommitListener {

    void committed(CommitEvent event);

    /** A checkpoint of that version was written. */
    default void checkpointed(long version) {
    }
}
