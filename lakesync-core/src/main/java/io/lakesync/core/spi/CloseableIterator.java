package io.lakesync.core.spi;

import java.util.Iterator;

/** An iterator over a resource (open files) that must be closed when the caller stops early. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
