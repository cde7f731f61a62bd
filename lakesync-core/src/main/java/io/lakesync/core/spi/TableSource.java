package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import java.util.List;
import java.util.OptionalLong;

/** A source table (a Delta table) that can be read at a pinned version. */
public interface TableSource {

    /** Where the table lives, as the user gave it. */
    String location();

    /** The newest committed version. */
    SourceVersion latestVersion();

    /**
     * The table at {@code version} (newest when empty), reading only {@code columns} (all when
     * empty) in the given order.
     */
    SourceSnapshot snapshot(OptionalLong version, List<String> columns);
}
