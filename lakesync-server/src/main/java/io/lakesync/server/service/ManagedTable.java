package io.lakesync.server.service;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.Schedule;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.Watermark;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The live state of one synced table in the service: what it holds (watermark), whether a run is
 * queued or going (never two at once), what failed last, the lag and the schedule. The decisions
 * (is a run due? which kind?) are made here, under this object's lock, so that the ticker, the
 * workers and API calls see one consistent state.
 */
final class ManagedTable {

    private final TableName name;
    private SyncedTableDefinition definition;

    private Optional<Watermark> watermark = Optional.empty();
    private Instant lastSyncStart;
    private Instant lastSyncEnd;

    private RunKind activeKind;          // non-null while a run is queued or going
    private Runnable cancelActive = () -> { };
    private RunProgress activeProgress;
    private boolean syncRequested;
    private boolean fullRefreshRequested;

    private TableStatus.Failure lastFailure;
    private int consecutiveFailures;
    private long latestAtFailure = -1;

    private Instant nextSlot;
    private boolean slotReached;
    private long missedSlots;
    private boolean retired;

    private long latestKnown = -1;
    private long versionsBehind;
    private double secondsBehind;
    private Instant slaBreachedSince;

    ManagedTable(SyncedTableDefinition definition, Optional<Watermark> watermark) {
        this.name = definition.name();
        this.definition = definition;
        this.watermark = watermark;
        watermark.ifPresent(w -> latestKnown = w.version().version());
    }

    TableName name() {
        return name;
    }

    synchronized SyncedTableDefinition definition() {
        return definition;
    }

    /** A changed definition (schedule, mode, SLA, pause) takes effect from the next decision. */
    synchronized void redefine(SyncedTableDefinition changed) {
        boolean scheduleChanged = !changed.schedule().equals(definition.schedule())
                || changed.spec().mode() != definition.spec().mode();
        definition = changed;
        if (scheduleChanged) {
            nextSlot = null;
        }
        // a failure that waits for a change by the user gets another chance after one
        latestAtFailure = -1;
    }

    synchronized long watermarkVersion() {
        return watermark.map(w -> w.version().version()).orElse(-1L);
    }

    synchronized boolean hasWatermark() {
        return watermark.isPresent();
    }

    synchronized boolean runActive() {
        return activeKind != null;
    }

    /**
     * Records what the source has beyond the watermark: {@code latest} version and the commit time
     * of the oldest version not yet synced (empty when none is pending).
     */
    synchronized void observeSource(long latest, Optional<Instant> oldestPendingCommit, Instant now) {
        latestKnown = Math.max(latestKnown, latest);
        long held = watermarkVersion();
        versionsBehind = held < 0 ? 0 : Math.max(0, latestKnown - held);
        secondsBehind = oldestPendingCommit.filter(t -> versionsBehind > 0)
                .map(t -> Math.max(0, Duration.between(t, now).toMillis()) / 1000.0).orElse(0.0);
    }

    synchronized long versionsBehind() {
        return versionsBehind;
    }

    synchronized double secondsBehind() {
        return secondsBehind;
    }

    synchronized long latestKnown() {
        return latestKnown;
    }

    /**
     * Compares the lag with the SLA; returns the new breach state when it just flipped. Only a
     * synced table can be late: before the first copy there is nothing to be behind.
     */
    synchronized Optional<Boolean> checkFreshness(Instant now) {
        if (definition.freshnessSlaSeconds().isEmpty() || watermark.isEmpty()) {
            boolean wasBreached = slaBreachedSince != null;
            slaBreachedSince = null;
            return wasBreached ? Optional.of(false) : Optional.empty();
        }
        boolean breached = secondsBehind > definition.freshnessSlaSeconds().getAsLong();
        if (breached == (slaBreachedSince != null)) {
            return Optional.empty();
        }
        slaBreachedSince = breached ? now : null;
        return Optional.of(breached);
    }

    synchronized void requestSync() {
        syncRequested = true;
    }

    synchronized void requestFullRefresh() {
        fullRefreshRequested = true;
    }

    /**
     * The run to start now, if any, and marks it active so that no second run starts until it
     * ends. Also advances the schedule: a slot that passes while a run is going is counted as
     * missed rather than queued.
     */
    synchronized Optional<RunKind> claimDueRun(Instant now) {
        advanceSlots(now);
        if (activeKind != null || retired) {
            return Optional.empty();
        }
        Optional<RunKind> due = dueRun(now);
        due.ifPresent(kind -> {
            activeKind = kind;
            if (kind == RunKind.FULL_REFRESH) {
                fullRefreshRequested = false;
            }
            syncRequested = false;
        });
        return due;
    }

    private Optional<RunKind> dueRun(Instant now) {
        if (fullRefreshRequested) {
            return Optional.of(watermark.isEmpty() ? RunKind.INITIAL_SNAPSHOT : RunKind.FULL_REFRESH);
        }
        if (syncRequested) {
            return Optional.of(regularRun());
        }
        if (definition.paused()) {
            return Optional.empty();
        }
        if (lastFailure != null) {
            boolean retryDue = lastFailure.nextRetryAt().map(at -> !now.isBefore(at)).orElse(false);
            // a failure no retry can fix gets another chance when the source moves on
            boolean sourceMoved = lastFailure.nextRetryAt().isEmpty() && latestAtFailure >= 0
                    && latestKnown > latestAtFailure;
            return retryDue || sourceMoved ? Optional.of(regularRun()) : Optional.empty();
        }
        if (watermark.isEmpty()) {
            return Optional.of(RunKind.INITIAL_SNAPSHOT);
        }
        boolean pending = versionsBehind > 0;
        if (!pending) {
            return Optional.empty();
        }
        if (definition.spec().mode() == SyncMode.CONTINUOUS) {
            return Optional.of(RunKind.INCREMENTAL);
        }
        Optional<Schedule> schedule = definition.schedule();
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        if (schedule.get() instanceof Schedule.OnSourceChange) {
            return Optional.of(regularRun());
        }
        if (slotReached) {
            slotReached = false;
            return Optional.of(regularRun());
        }
        return Optional.empty();
    }

    private void advanceSlots(Instant now) {
        Optional<Schedule> schedule = definition.schedule();
        if (schedule.isEmpty() || definition.spec().mode() == SyncMode.CONTINUOUS
                || schedule.get() instanceof Schedule.OnSourceChange) {
            nextSlot = null;
            slotReached = false;
            return;
        }
        if (nextSlot == null) {
            nextSlot = ScheduleClock.next(schedule.get(), now).orElse(null);
            return;
        }
        if (now.isBefore(nextSlot)) {
            return;
        }
        if (activeKind != null || definition.paused()) {
            if (activeKind != null) {
                missedSlots++; // the run before overran this slot: skip it rather than start twice
            }
        } else {
            slotReached = true;
        }
        nextSlot = ScheduleClock.next(schedule.get(), now).orElse(null);
    }

    private RunKind regularRun() {
        if (watermark.isEmpty()) {
            return RunKind.INITIAL_SNAPSHOT;
        }
        return definition.spec().mode() == SyncMode.SNAPSHOT ? RunKind.FULL_REFRESH : RunKind.INCREMENTAL;
    }

    /** The run claimed by {@link #claimDueRun} starts on a worker; {@code cancel} stops it. */
    synchronized void runStarted(Runnable cancel, RunProgress progress) {
        this.cancelActive = cancel;
        this.activeProgress = progress;
    }

    /** The table is being deleted: no run starts any more, the one going is asked to stop. */
    synchronized void retire() {
        retired = true;
        cancelActive.run();
    }

    synchronized void cancelActiveRun() {
        cancelActive.run();
    }

    synchronized RunKind activeKind() {
        return activeKind;
    }

    synchronized void runSucceeded(Optional<Watermark> newWatermark, Instant started, Instant ended) {
        watermark = newWatermark;
        newWatermark.ifPresent(w -> {
            latestKnown = Math.max(latestKnown, w.version().version());
            versionsBehind = Math.max(0, latestKnown - w.version().version());
            if (versionsBehind == 0) {
                secondsBehind = 0;
            }
        });
        lastSyncStart = started;
        lastSyncEnd = ended;
        lastFailure = null;
        consecutiveFailures = 0;
        latestAtFailure = -1;
        endRun();
    }

    /** Records a failure; returns when the next automatic attempt is (empty: none until something changes). */
    synchronized Optional<Instant> runFailed(ErrorCode code, String message, Instant at, RetryPolicy retry) {
        consecutiveFailures++;
        Optional<Instant> next = retry.retries(code)
                ? Optional.of(at.plus(retry.delayAfter(consecutiveFailures))) : Optional.empty();
        lastFailure = new TableStatus.Failure(code, message, at, next);
        latestAtFailure = latestKnown;
        endRun();
        return next;
    }

    /** A run that was cancelled (server stopping, table deleted) leaves no failure behind. */
    synchronized void runCancelled() {
        endRun();
    }

    private void endRun() {
        activeKind = null;
        activeProgress = null;
        cancelActive = () -> { };
    }

    synchronized TableStatus status() {
        DetailedState state = state();
        return new TableStatus(definition, state, message(state), watermark, Optional.ofNullable(lastSyncStart),
                Optional.ofNullable(lastSyncEnd),
                activeProgress == null ? Optional.empty() : activeProgress.current(), versionsBehind, secondsBehind,
                Optional.ofNullable(slaBreachedSince), Optional.ofNullable(nextSlot), missedSlots,
                Optional.ofNullable(lastFailure));
    }

    private DetailedState state() {
        if (activeKind == RunKind.INITIAL_SNAPSHOT) {
            return DetailedState.PROVISIONING_INITIAL_SNAPSHOT;
        }
        if (watermark.isEmpty()) {
            return lastFailure != null ? DetailedState.OFFLINE_FAILED : DetailedState.PROVISIONING;
        }
        if (lastFailure != null) {
            return DetailedState.ONLINE_PIPELINE_FAILED;
        }
        if (definition.paused()) {
            return activeKind != null ? DetailedState.ONLINE_TRIGGERED_UPDATE : DetailedState.ONLINE;
        }
        if (definition.spec().mode() == SyncMode.CONTINUOUS) {
            return DetailedState.ONLINE_CONTINUOUS_UPDATE;
        }
        if (activeKind != null) {
            return DetailedState.ONLINE_TRIGGERED_UPDATE;
        }
        return versionsBehind > 0 ? DetailedState.ONLINE : DetailedState.ONLINE_NO_PENDING_UPDATE;
    }

    private String message(DetailedState state) {
        String held = watermark.map(w -> "Delta version " + w.version().version()).orElse("nothing yet");
        switch (state) {
            case PROVISIONING:
                return "Waiting for the first sync.";
            case PROVISIONING_INITIAL_SNAPSHOT:
                return "Loading the first copy of the source.";
            case OFFLINE_FAILED:
                return "The first sync failed with " + lastFailure.code() + "; nothing is served yet. "
                        + retryText();
            case ONLINE_PIPELINE_FAILED:
                return "Serving " + held + ", possibly stale: the last run failed with " + lastFailure.code()
                        + ". " + retryText();
            default:
                break;
        }
        if (definition.paused()) {
            return "Paused; serving " + held + (versionsBehind > 0 ? " (" + versionsBehind + " newer versions wait)." : ".");
        }
        if (state == DetailedState.ONLINE) {
            return "Serving " + held + "; " + versionsBehind + " newer versions wait for "
                    + (definition.schedule().isPresent() ? "the next scheduled sync." : "a sync (this table has no"
                            + " schedule: POST .../sync or `lakesync tables sync`).");
        }
        if (activeKind != null) {
            return "Serving " + held + " while a run (" + activeKind.name().toLowerCase().replace('_', ' ') + ") is going.";
        }
        return versionsBehind > 0 ? "Serving " + held + "; applying " + versionsBehind + " newer versions."
                : "Up to date with " + held + ".";
    }

    private String retryText() {
        return lastFailure.nextRetryAt().map(at -> "Retrying automatically at " + at + ".")
                .orElse("It will be retried when the source gets a new version, the definition changes, or on"
                        + " sync / full-refresh.");
    }
}
