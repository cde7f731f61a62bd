package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.PreviewResult;
import io.lakesync.core.spi.Watermark;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.internal.copy.CopyBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of a version range applied to a synced table on ONE connection in ONE transaction,
 * so the table moves from the start version to the end version whole or not at all, even when the
 * process dies halfway (the server rolls back on disconnect).
 * <p>
 * Opening locks the watermark row and checks it is at the plan's start version: a second runner of
 * the same table waits here until the first commits, then finds the watermark moved and stops
 * with TARGET_CONFLICT. That is what makes each version apply exactly once. It also checks the
 * schema (failing before any change is read when it cannot be followed) and starts the COPY into
 * the staging table. {@link #commit} alters the target's columns if the source added or widened
 * some (only now, after the changes were read, so the exclusive lock this takes is held briefly),
 * collapses the changes per key, deletes and upserts in one statement ({@link ChangeMerge}), and
 * moves the watermark.
 */
public final class PostgresIncrementalApply implements IncrementalApply {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresIncrementalApply.class);

    private final Connector connector;
    private final PostgresSinkOptions options;
    private final ApplyPlan plan;
    private final SyncedTableSpec spec;
    private final Connection connection;
    private final SyncTransaction transaction;
    private Watermark served;
    private SchemaReconciler.Changes schemaChanges;
    private ChangeStaging staging;
    private volatile long rowsStaged;

    public PostgresIncrementalApply(Connector connector, PostgresSinkOptions options, ApplyPlan plan) {
        this.connector = connector;
        this.options = options;
        this.plan = plan;
        this.spec = plan.spec();
        if (plan.toVersion().version() < plan.fromVersion()) {
            throw new IllegalArgumentException("The apply of " + spec.target() + " goes backwards, from version "
                    + plan.fromVersion() + " to " + plan.toVersion().version());
        }
        PlanCheck.requireLoadable(spec, plan.schema());
        ChangeStaging.requireNoReservedNames(plan.schema(), spec.target());
        this.connection = connector.open();
        SyncTransaction opened = null;
        try {
            // temp_buffers (the staged changes' memory) is set when the Connector makes the connection
            opened = new SyncTransaction(connection, "apply of " + spec.target());
            // the collapse sorts the staged changes and holds its result for the merge: in memory
            Relations.execute(connection, "SET LOCAL work_mem = '" + options.applyMemoryBytes() / 1024 + "kB'");
            served = requireAtStartVersion();
            ChangeStaging.create(connection, plan.schema(), spec.primaryKey());
            schemaChanges = SchemaReconciler.reconcile(connection, spec, plan.schema(), ChangeStaging.qualifiedName(),
                    served.version().version());
            staging = ChangeStaging.open(connection, plan.schema(), spec.primaryKey(), plan.textPolicy(), options);
            opened.onAbandonCancel(staging::cancel);
        } catch (SQLException e) {
            abandon(opened);
            throw SqlErrors.translate(e, connector.url(), "preparing to apply changes to " + spec.target(),
                    unchanged());
        } catch (RuntimeException e) {
            abandon(opened);
            throw e;
        }
        this.transaction = opened;
    }

    /** Gives up a transaction that failed while opening (or only the connection, if it never opened). */
    private void abandon(SyncTransaction opened) {
        if (opened != null) {
            opened.close();
        } else {
            Connector.closeQuietly(connection);
        }
    }

    /** Locks the watermark; it must be at the plan's start version and the table must exist. */
    private Watermark requireAtStartVersion() throws SQLException {
        Watermark watermark = Watermarks.lock(connection, spec.target()).orElseThrow(() -> new LakesyncException(
                ErrorCode.NOT_SYNCED, spec.target() + " has never been synced (it has no lakesync watermark), so"
                + " there is nothing to apply changes to. Fix: take a snapshot first, lakesync sync --mode snapshot"
                + " --source " + spec.source() + " --target " + spec.target() + " ..."));
        long at = watermark.version().version();
        if (at != plan.fromVersion()) {
            throw new LakesyncException(ErrorCode.TARGET_CONFLICT, spec.target() + " is at version " + at
                    + ", not at version " + plan.fromVersion() + " where this apply of versions "
                    + (plan.fromVersion() + 1) + " to " + plan.toVersion().version() + " starts: another lakesync"
                    + " process (or a snapshot) moved it since this run read the watermark. Nothing was applied."
                    + " Fix: run the sync again; it continues from version " + at + ". Run one sync per table at a"
                    + " time to avoid this.");
        }
        if (!Relations.tableExists(connection, spec.target())) {
            throw new LakesyncException(ErrorCode.NOT_SYNCED, "The target table " + spec.target() + " does not exist,"
                    + " although the lakesync catalog says version " + at + " was synced into it (was it dropped?)."
                    + " Fix: run a full refresh, lakesync sync --mode snapshot --source " + spec.source()
                    + " --target " + spec.target() + " ..., which recreates it.");
        }
        return watermark;
    }

    @Override
    public void write(ChangeBatch batch) {
        transaction.requireOpen();
        if (batch.version() <= plan.fromVersion() || batch.version() > plan.toVersion().version()) {
            throw transaction.fail(new IllegalArgumentException("A change of version " + batch.version() + " does not belong to"
                    + " the apply of versions " + (plan.fromVersion() + 1) + " to " + plan.toVersion().version()
                    + " of " + spec.target()));
        }
        try {
            staging.write(batch);
            rowsStaged = staging.rowsStaged();
        } catch (CopyBuffer.CopyStreamException e) {
            throw transaction.fail(SqlErrors.translate(e.sqlException(), connector.url(), "staging changes for " + spec.target(),
                    unchanged()));
        } catch (RuntimeException e) {
            throw transaction.fail(e);
        }
    }

    @Override
    public long rowsStaged() {
        return rowsStaged;
    }

    @Override
    public ApplyResult commit() {
        transaction.requireOpen();
        try {
            long start = System.nanoTime();
            staging.finish();
            long staged = System.nanoTime();
            if (!schemaChanges.isEmpty()) {
                alterColumns();
            }
            long altered = System.nanoTime();
            ChangeCollapse collapse = new ChangeCollapse(spec, plan.schema());
            ChangeMerge.Counts counts = new ChangeMerge(spec, plan.schema(), collapse).apply(connection,
                    staging.oneVersion());
            if (counts.duplicateKeys() > 0) {
                throw collapse.duplicateKeyError(connection, served.version().version()); // the rollback undoes the merge
            }
            long merged = System.nanoTime();
            long rowCount = served.rowCount() + counts.inserted() - counts.deleted();
            Watermarks.write(connection, spec.target(), plan.toVersion(), rowCount, plan.runId());
            Lineage.commentIfUnlocked(connection, spec.target(), spec.source(), plan.toVersion().version(),
                    plan.runId());
            RunProgress.applied(connection, plan.runId(), plan.fromVersion(), plan.toVersion().version(),
                    counts.inserted(), counts.updated(), counts.deleted(), staging.rowsSkipped());
            transaction.commit();
            LOG.info("Applied versions {} to {} of {} to {}: {} change rows staged, {} inserted, {} updated, {}"
                    + " deleted, {} skipped; end of copy {} ms, schema {} ms, collapse and merge {} ms, commit {} ms",
                    plan.fromVersion() + 1, plan.toVersion().version(), spec.source(), spec.target(), rowsStaged,
                    counts.inserted(), counts.updated(), counts.deleted(), staging.rowsSkipped(),
                    millis(start, staged), millis(staged, altered), millis(altered, merged),
                    millis(merged, System.nanoTime()));
            return new ApplyResult(plan.toVersion(), counts.inserted(), counts.updated(), counts.deleted(),
                    staging.rowsSkipped());
        } catch (CopyBuffer.CopyStreamException e) {
            throw transaction.fail(SqlErrors.translate(e.sqlException(), connector.url(), "staging changes for " + spec.target(),
                    unchanged()));
        } catch (SQLException e) {
            throw transaction.fail(SqlErrors.translate(e, connector.url(), "applying changes to " + spec.target(), unchanged()));
        } catch (RuntimeException e) {
            throw transaction.fail(e);
        }
    }

    /**
     * Computes what {@link #commit} would do, by reading only ({@link ChangePreview}), then rolls
     * everything back: the target, its columns and the watermark stay as they were, and the run
     * history is not touched. Fails like commit would on a duplicated key.
     */
    @Override
    public PreviewResult preview(int sampleKeys) {
        transaction.requireOpen();
        if (sampleKeys < 0) {
            throw transaction.fail(new IllegalArgumentException("sampleKeys must not be negative: " + sampleKeys));
        }
        try {
            staging.finish();
            ChangeCollapse collapse = new ChangeCollapse(spec, plan.schema());
            ChangePreview.Counts counts = new ChangePreview(spec, plan.schema(), collapse).run(connection,
                    Relations.columnTypes(connection, Sql.qualified(spec.target())),
                    Relations.columnTypes(connection, ChangeStaging.qualifiedName()), sampleKeys);
            if (counts.duplicateKeys() > 0) {
                throw collapse.duplicateKeyError(connection, served.version().version());
            }
            transaction.rollBack();
            return new PreviewResult(false, plan.fromVersion(), plan.toVersion().version(), counts.inserts(),
                    counts.updates(), counts.deletes(), counts.insertKeys(), counts.updateKeys(), counts.deleteKeys());
        } catch (CopyBuffer.CopyStreamException e) {
            throw transaction.fail(SqlErrors.translate(e.sqlException(), connector.url(), "staging changes for "
                    + spec.target(), unchanged()));
        } catch (SQLException e) {
            throw transaction.fail(SqlErrors.translate(e, connector.url(), "previewing the changes to "
                    + spec.target(), unchanged()));
        } catch (RuntimeException e) {
            throw transaction.fail(e);
        }
    }

    /** Adds and widens columns; the ALTER waits for readers' locks without making other readers queue. */
    private void alterColumns() throws SQLException {
        String statement = schemaChanges.statement(Sql.qualified(spec.target()));
        new LockRetry(connection, options).run("schema change of " + spec.target(),
                () -> Relations.execute(connection, statement),
                attempts -> new LakesyncException(ErrorCode.LOCK_TIMEOUT, "Could not change the columns of "
                        + spec.target() + " to the new source schema within " + options.swapRetryBudget().toSeconds()
                        + " s (" + attempts + " attempts): other sessions kept the table locked (long-running"
                        + " queries or open transactions that read it). " + unchanged() + " Fix: end those"
                        + " sessions (see pg_stat_activity), then run the sync again."));
        LOG.info("Changed the columns of {} to follow its source: {}", spec.target(), schemaChanges.clauses());
    }

    private String unchanged() {
        return "Nothing was applied: " + spec.target() + " keeps serving version " + plan.fromVersion() + ".";
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** Rolls back an apply that was not committed; the connection is released either way. */
    @Override
    public void close() {
        transaction.close();
    }
}
