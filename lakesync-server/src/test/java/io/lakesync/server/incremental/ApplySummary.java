package io.lakesync.server.incremental;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary line of an incremental apply ("applied ... versions a..b to t: ... in n transaction(s)"). */
record ApplySummary(long fromVersion, long toVersion, long inserted, long updated, long deleted, long skipped,
        int transactions) {

    private static final Pattern LINE = Pattern.compile("applied \\S+ versions (\\d+)\\.\\.(\\d+) to \\S+: ([\\d,]+)"
            + " inserted, ([\\d,]+) updated, ([\\d,]+) deleted, ([\\d,]+) skipped \\(null key\\) in (\\d+)"
            + " transaction");

    /** The last apply summary in {@code out}, if it has one. */
    static Optional<ApplySummary> last(String out) {
        Matcher m = LINE.matcher(out);
        ApplySummary found = null;
        while (m.find()) {
            found = new ApplySummary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), number(m.group(3)),
                    number(m.group(4)), number(m.group(5)), number(m.group(6)), Integer.parseInt(m.group(7)));
        }
        return Optional.ofNullable(found);
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
