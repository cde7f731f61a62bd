package io.lakesync.server.incremental;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exactly once, read from {@code lakesync.runs} alone: the version ranges (from, to] that
 * incremental runs committed never overlap, and every version up to the newest is covered by an
 * incremental run's committed range or by a snapshot committed at that version or later. A run
 * records what it committed in the same transaction as the watermark, so runs killed after some
 * of their transactions committed (FAILED, CRASHED) count with the part they committed; a
 * to_version is only ever set for committed work.
 */
final class RunHistoryCheck {

    private RunHistoryCheck() {
    }

    static List<String> exactlyOnce(List<TargetDb.Run> runs, long newestVersion) {
        List<String> problems = new ArrayList<>();
        List<TargetDb.Run> incremental = runs.stream()
                .filter(r -> !"SNAPSHOT".equals(r.mode()) && r.fromVersion() != null
                        && r.toVersion() != null && r.toVersion() > r.fromVersion())
                .sorted(Comparator.comparing(TargetDb.Run::fromVersion))
                .toList();
        for (int i = 1; i < incremental.size(); i++) {
            TargetDb.Run previous = incremental.get(i - 1);
            TargetDb.Run run = incremental.get(i);
            if (run.fromVersion() < previous.toVersion()) {
                problems.add("runs " + previous.runId() + " and " + run.runId() + " both applied versions "
                        + (run.fromVersion() + 1) + ".." + Math.min(run.toVersion(), previous.toVersion()) + ": "
                        + previous + " / " + run);
            }
        }
        List<Long> uncovered = new ArrayList<>();
        for (long v = 0; v <= newestVersion; v++) {
            long version = v;
            boolean covered = runs.stream().anyMatch(r -> r.toVersion() != null
                    && ("SNAPSHOT".equals(r.mode()) ? r.toVersion() >= version
                    : r.fromVersion() != null && r.fromVersion() < version && version <= r.toVersion()));
            if (!covered) {
                uncovered.add(v);
            }
        }
        if (!uncovered.isEmpty()) {
            problems.add("versions " + uncovered + " are covered by no committed run (incremental or snapshot)"
                    + " in lakesync.runs");
        }
        return problems;
    }
}
