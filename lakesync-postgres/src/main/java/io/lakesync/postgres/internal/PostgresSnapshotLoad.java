package io.lakesync.postgres.internal;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.internal.copy.BinaryCopyWriter;
import io.lakesync.postgres.internal.copy.CopyBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One snapshot load, on ONE connection in ONE transaction from the first row to the swap: the
 * shadow table is created in that transaction (so COPY FREEZE applies and nobody else ever sees
 * it), filled by binary COPY, keyed, given its extra indexes, analyzed, and swapped in with the
 * watermark. Anything that
 * goes wrong before the commit rolls all of it back: the target stays as it was and no shadow is
 * left behind, even if the process dies (the server rolls back on disconnect).
 */
public final class PostgresSnapshotLoad implements SnapshotLoad {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSnapshotLoad.class);
    private static final String UNCHANGED = "The target table is unchanged.";

    private final Connector connector;
    private final PostgresSinkOptions options;
    private final SnapshotPlan plan;
    private final TargetNames names;
    private final List<ExtraIndexes.Index> extraIndexes;
    private final Connection connection;
    private final SyncTransaction transaction;
    private CopyIn copyIn;
    private BinaryCopyWriter writer;
    private volatile long rowsWritten;

    public PostgresSnapshotLoad(Connector connector, PostgresSinkOptions options, SnapshotPlan plan) {
        this.connector = connector;
        this.options = options;
        this.plan = plan;
        SyncedTableSpec spec = plan.spec();
        PlanCheck.requireLoadable(spec, plan.schema());
        this.names = TargetNames.forLoad(spec.target());
        // checked before any row moves: a misspelt index column fails now, not after the load
        this.extraIndexes = ExtraIndexes.parse(spec.extraIndexes(), plan.schema().names(), spec.target());
        this.connection = connector.open();
        SyncTransaction opened = null;
        try {
            opened = new SyncTransaction(connection, "load of " + spec.target());
            opened.onAbandonCancel(this::cancelCopy);
            TargetGuard.requireOwnedOrAbsent(connection, spec.target());
            Relations.ensureSchema(connection, spec.target().schema());
            Relations.execute(connection, "CREATE TABLE " + names.qualifiedShadow() + " ("
                    + PgTypes.columnDefinitions(plan.schema(), spec.primaryKey()) + ")");
            copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + names.qualifiedShadow()
                    + " (" + Sql.columnList(plan.schema().names()) + ") FROM STDIN (FORMAT binary, FREEZE)");
            CopyBuffer buffer = new CopyBuffer(options.copyBufferBytes(), copyIn::writeToCopy);
            writer = new BinaryCopyWriter(plan.schema(), spec.primaryKey(), plan.textPolicy(), buffer);
            writer.start();
        } catch (SQLException e) {
            abandon(opened);
            throw SqlErrors.translate(e, connector.url(), "preparing the load of " + spec.target(), UNCHANGED);
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

    @Override
    public void write(RowBatch batch) {
        transaction.requireOpen();
        try {
            writer.write(batch);
            rowsWritten = writer.rowsWritten();
        } catch (CopyBuffer.CopyStreamException e) {
            throw transaction.fail(SqlErrors.translate(e.sqlException(), connector.url(), "loading " + plan.spec().target(),
                    UNCHANGED));
        } catch (RuntimeException e) {
            throw transaction.fail(e);
        }
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public SnapshotResult commit() {
        transaction.requireOpen();
        SyncedTableSpec spec = plan.spec();
        try {
            long start = System.nanoTime();
            writer.finish();
            long copied = copyIn.endCopy();
            copyIn = null;
            long copyEnd = System.nanoTime();
            long duplicates = new PrimaryKeyBuilder(connection, plan.schema(), spec.primaryKey(), spec.timeseriesKey())
                    .build(names.qualifiedShadow(), names.shadowKey(), "version " + plan.version().version()
                            + " of " + spec.source());
            long rows = copied - duplicates;
            for (ExtraIndexes.Index index : extraIndexes) {
                Relations.execute(connection, ExtraIndexes.createStatement(spec.target().schema(), names.shadow(),
                        index));
            }
            long keyEnd = System.nanoTime();
            Relations.execute(connection, "ANALYZE " + names.qualifiedShadow());
            long analyzeEnd = System.nanoTime();
            int attempts = new TableSwap(connection, options).swap(names, () -> {
                renameExtraIndexes();
                Watermarks.write(connection, spec.target(), plan.version(), rows, plan.runId());
                Lineage.comment(connection, spec.target(), spec.source(), plan.version().version(), plan.runId());
                AppGrants.restore(connection, spec.target());
                RunProgress.swapped(connection, plan.runId(), plan.version().version(), rows, writer.rowsSkipped());
            });
            transaction.commit();
            rowsWritten = rows;
            LOG.info("Swapped version {} of {} into {}: {} rows; end of copy {} ms, keys {} ms, analyze {} ms,"
                    + " swap and commit {} ms ({} attempts)", plan.version().version(), spec.source(), spec.target(),
                    rows, millis(start, copyEnd), millis(copyEnd, keyEnd), millis(keyEnd, analyzeEnd),
                    millis(analyzeEnd, System.nanoTime()), attempts);
            return new SnapshotResult(plan.version(), rows, writer.rowsSkipped(), duplicates,
                    writer.textValuesReplaced());
        } catch (CopyBuffer.CopyStreamException e) {
            throw transaction.fail(SqlErrors.translate(e.sqlException(), connector.url(), "loading " + spec.target(), UNCHANGED));
        } catch (SQLException e) {
            throw transaction.fail(SqlErrors.translate(e, connector.url(), "building and swapping in " + spec.target(),
                    UNCHANGED));
        } catch (RuntimeException e) {
            throw transaction.fail(e);
        }
    }

    /** The shadow's extra indexes take the live table's names, free now that the old table is dropped. */
    private void renameExtraIndexes() throws SQLException {
        String schema = plan.spec().target().schema();
        for (ExtraIndexes.Index index : extraIndexes) {
            Relations.execute(connection, "ALTER INDEX " + Sql.qualified(schema,
                    ExtraIndexes.name(names.shadow(), index.columns())) + " RENAME TO "
                    + Sql.quote(ExtraIndexes.name(names.live().table(), index.columns())));
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @Override
    public void close() {
        transaction.close();
    }

    private void cancelCopy() {
        if (copyIn != null && copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException ignored) {
                // the rollback (or the disconnect) discards the COPY anyway
            }
        }
    }

    /** Exposed for tests and diagnostics: the shadow table's name. */
    public TargetNames names() {
        return names;
    }
}
