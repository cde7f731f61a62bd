package io.lakesync.delta.internal;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oldest version a table can still be read at: version 0 while its commit file exists, else
 * the oldest checkpoint (older commits were cleaned up). Only used to word error messages.
 */
public final class LogRange {

    private static final Pattern LOG_FILE = Pattern.compile("(\\d{20})\\.(json|checkpoint\\..*parquet|checkpoint\\.parquet|checkpoint\\..*json)$");

    private LogRange() {
    }

    public static OptionalLong earliestVersion(Engine engine, String tablePath) {
        String logDir = tablePath.endsWith("/") ? tablePath + "_delta_log/" : tablePath + "/_delta_log/";
        long earliestCheckpoint = Long.MAX_VALUE;
        try (CloseableIterator<FileStatus> files = engine.getFileSystemClient()
                .listFrom(logDir + "00000000000000000000")) {
            while (files.hasNext()) {
                String path = files.next().getPath();
                Matcher m = LOG_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
                if (!m.matches()) {
                    continue;
                }
                long version = Long.parseLong(m.group(1));
                if (m.group(2).equals("json")) {
                    if (version == 0) {
                        return OptionalLong.of(0);
                    }
                } else {
                    earliestCheckpoint = Math.min(earliestCheckpoint, version);
                }
            }
        } catch (Exception e) {
            return OptionalLong.empty(); // only for a message: say less rather than fail differently
        }
        return earliestCheckpoint == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliestCheckpoint);
    }
}
