package io.lakesync.delta.internal;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, by listing {@code _delta_log}, that the commits of a version range can still be read one
 * by one. A checkpoint lets a snapshot be read after its older commit files were cleaned up, but row
 * changes need every commit file of the range; a gap means a full snapshot must replace them.
 */
public final class CommitHistory {

    private static final Pattern LOG_FILE = Pattern.compile("(\\d{20})\\.(json|checkpoint\\b.*)$");

    private CommitHistory() {
    }

    /**
     * Fails with VERSION_NOT_FOUND when {@code toInclusive} is newer than the table, and with
     * HISTORY_UNAVAILABLE when a commit file of {@code (fromExclusive, toInclusive]} is gone.
     */
    public static void requireCommits(Engine engine, TableLocation location, long fromExclusive, long toInclusive) {
        TreeSet<Long> commitFiles = new TreeSet<>();
        long newest = -1;
        String logDir = logDir(location.kernelPath());
        try (CloseableIterator<FileStatus> files = engine.getFileSystemClient()
                .listFrom(logDir + String.format("%020d", fromExclusive + 1))) {
            while (files.hasNext()) {
                String path = files.next().getPath();
                Matcher m = LOG_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
                if (!m.matches()) {
                    continue;
                }
                long version = Long.parseLong(m.group(1));
                newest = Math.max(newest, version);
                if (m.group(2).equals("json")) {
                    commitFiles.add(version);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw KernelFailures.translate(location.userInput(), "listing the Delta log", e);
        }
        if (newest < toInclusive) {
            throw versionNotFound(engine, location, toInclusive);
        }
        List<Long> missing = new ArrayList<>();
        for (long v = fromExclusive + 1; v <= toInclusive; v++) {
            if (!commitFiles.contains(v)) {
                missing.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw unavailable(location.userInput(), fromExclusive, missing,
                    "their commit files are gone from _delta_log (removed by log cleanup after a checkpoint, "
                            + "delta.logRetentionDuration)", null);
        }
    }

    /** The HISTORY_UNAVAILABLE failure for the given versions, with the reason they cannot be read. */
    public static LakesyncException unavailable(String table, long fromExclusive, List<Long> versions, String reason,
            Throwable cause) {
        return new LakesyncException(ErrorCode.HISTORY_UNAVAILABLE, (versions.size() == 1 ? "Version " : "Versions ")
                + ranges(versions) + " of the Delta table " + table + " can no longer be read: " + reason
                + ". The row changes after version " + fromExclusive + " cannot be derived, so a full snapshot "
                + "of the table will be taken instead. To keep incremental syncs possible, sync more often than "
                + "the table's log retention and VACUUM retention.", cause);
    }

    private static LakesyncException versionNotFound(Engine engine, TableLocation location, long requested) {
        long newest = -1;
        try (CloseableIterator<FileStatus> files = engine.getFileSystemClient()
                .listFrom(logDir(location.kernelPath()) + String.format("%020d", 0))) {
            while (files.hasNext()) {
                String path = files.next().getPath();
                Matcher m = LOG_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
                if (m.matches()) {
                    newest = Math.max(newest, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            newest = -1; // only for the message
        }
        long earliest = LogRange.earliestVersion(engine, location.kernelPath()).orElse(-1);
        return KernelFailures.versionNotFound(location.userInput(), requested, newest < 0 ? -1 : earliest, newest,
                null);
    }

    private static String logDir(String tablePath) {
        return tablePath.endsWith("/") ? tablePath + "_delta_log/" : tablePath + "/_delta_log/";
    }

    /** 3, 4, 5, 9 as "3 to 5, 9". */
    static String ranges(List<Long> versions) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < versions.size()) {
            int j = i;
            while (j + 1 < versions.size() && versions.get(j + 1) == versions.get(j) + 1) {
                j++;
            }
            out.append(out.length() == 0 ? "" : ", ").append(versions.get(i));
            if (j > i) {
                out.append(" to ").append(versions.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
