package io.lakesync.examples.portal.live;

/**
 * Tells which data the synced table holds now. Polled about once a second by {@link LiveUpdates};
 * an implementation may block briefly (a status call, a query) but must time out on its own.
 */
public interface VersionSource extends AutoCloseable {

    /** The current version; throws when it cannot be told (the poller shows it as unknown). */
    DataVersion current() throws Exception;

    /** What it watches, for the startup log. */
    String describe();

    @Override
    default void close() {
    }
}
