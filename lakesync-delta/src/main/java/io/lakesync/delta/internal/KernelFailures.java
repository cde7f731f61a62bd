package io.lakesync.delta.internal;

import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where Delta Kernel failures become {@link LakesyncException}s: every call into
 * Kernel goes through {@link #call}, so a user never sees a raw Kernel or Hadoop exception.
 */
public final class KernelFailures {

    private static final Pattern TRUNCATED = Pattern.compile(
            "Cannot load table version (\\d+) as the transaction log has been truncated.*earliest available version is (\\d+)",
            Pattern.DOTALL);
    private static final Pattern AFTER_LATEST = Pattern.compile(
            "Cannot load table version (\\d+) as it does not exist. The latest available version is (\\d+)");

    /** How callers describe reading a data file, so that the message can speak of the file. */
    public static final String READING_DATA_FILE = "reading data file ";

    private KernelFailures() {
    }

    /**
     * Runs a Kernel call for {@code table}; {@code doing} says what was attempted ("reading data file
     * x"), for the message.
     */
    public static <T> T call(String table, Supplier<String> doing, Supplier<T> kernelCall) {
        try {
            return kernelCall.get();
        } catch (LakesyncException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(table, doing.get(), e);
        }
    }

    public static LakesyncException translate(String table, String doing, Throwable failure) {
        if (failure instanceof LakesyncException l) {
            return l;
        }
        Throwable kernel = findKernelCause(failure);
        if (kernel instanceof TableNotFoundException) {
            return new LakesyncException(ErrorCode.SOURCE_NOT_FOUND, "No Delta table at " + table
                    + ": its _delta_log holds no commit files. Point to the directory of an existing Delta table.",
                    failure);
        }
        if (kernel instanceof UnsupportedProtocolVersionException p) {
            return new LakesyncException(ErrorCode.UNSUPPORTED_DELTA_FEATURE, "The Delta table " + table
                    + " requires " + p.getVersionType().name().toLowerCase() + " protocol version " + p.getVersion()
                    + ", which the Delta Kernel in this build cannot read. Rewrite the table with a reader protocol "
                    + "of at most 3, or upgrade lakesync.", failure);
        }
        if (kernel instanceof UnsupportedTableFeatureException f) {
            return unsupportedFeatures(table, new TreeSet<>(f.getUnsupportedFeatures()), failure);
        }
        String detail = rootMessage(failure);
        String allMessages = allMessages(failure);
        Matcher truncated = TRUNCATED.matcher(allMessages);
        if (truncated.find()) {
            return versionNotFound(table, Long.parseLong(truncated.group(1)), Long.parseLong(truncated.group(2)),
                    -1, failure);
        }
        Matcher afterLatest = AFTER_LATEST.matcher(allMessages);
        if (afterLatest.find()) {
            return versionNotFound(table, Long.parseLong(afterLatest.group(1)), -1,
                    Long.parseLong(afterLatest.group(2)), failure);
        }
        if (doing.startsWith(READING_DATA_FILE)) {
            return new LakesyncException(ErrorCode.SOURCE_UNREADABLE, "Cannot read the Delta table " + table + " while "
                    + doing + ": " + detail + ". The data file is missing or damaged; restore it from a backup (or "
                    + "remove it from the table, for example with FSCK REPAIR TABLE in Spark) and sync again.", failure);
        }
        return new LakesyncException(ErrorCode.SOURCE_UNREADABLE, "Cannot read the Delta table " + table + " while "
                + doing + ": " + detail + ". The table's _delta_log is damaged or incomplete; check that Spark can read "
                + "the table, then repair or rewrite it.", failure);
    }

    public static LakesyncException unsupportedFeatures(String table, Set<String> features, Throwable cause) {
        return new LakesyncException(ErrorCode.UNSUPPORTED_DELTA_FEATURE, "The Delta table " + table
                + " uses the table feature" + (features.size() == 1 ? " " : "s ") + String.join(", ", features)
                + ", which this build cannot read. Disable the feature on the table (or rewrite the table without "
                + "it), or upgrade lakesync.", cause);
    }

    public static LakesyncException versionNotFound(String table, long requested, long earliest, long latest,
            Throwable cause) {
        String range;
        if (earliest >= 0 && latest >= 0) {
            range = "versions " + earliest + " to " + latest + " are available";
        } else if (earliest >= 0) {
            range = "the log was truncated (vacuumed or past log retention); the earliest version still available is "
                    + earliest;
        } else {
            range = "the newest version is " + latest;
        }
        return new LakesyncException(ErrorCode.VERSION_NOT_FOUND, "Version " + requested + " of the Delta table "
                + table + " does not exist: " + range + ". Pick a version in that range, or omit --version to use "
                + "the newest.", cause);
    }

    private static Throwable findKernelCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KernelException || t instanceof KernelEngineException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }

    private static String allMessages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return all.toString();
    }

    /** The innermost message that says something, without class names or stack frames. */
    static String rootMessage(Throwable failure) {
        String best = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (best == null) {
            return failure.getClass().getSimpleName();
        }
        String firstLine = best.strip().lines().findFirst().orElse(best);
        return firstLine.endsWith(".") ? firstLine.substring(0, firstLine.length() - 1) : firstLine;
    }
}
