package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.internal.copy.BinaryCopyWriter;
import io.lakesync.postgres.internal.copy.CopyBuffer;
import io.lakesync.postgres.internal.copy.RowSuffix;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The temporary table change rows are copied into before they are applied (dropped at the end of
 * the transaction): the source columns plus, per row, its version, its kind and its arrival
 * number, written by the same binary COPY encoder as a snapshot. UPSERT rows go whole; DELETE
 * rows carry only their key (their other columns are never read, so they are not encoded).
 */
final class ChangeStaging {

    static final String TABLE = "lakesync_apply_staging";
    static final String VERSION = "_ls_version";
    static final String KIND = "_ls_kind";
    static final String SEQUENCE = "_ls_seq";
    /** Kind codes; UPSERT sorts first because it wins over a DELETE of the same version. */
    static final int UPSERT = 0;
    static final int DELETE = 1;

    private static final Set<String> RESERVED = Set.of(VERSION, KIND, SEQUENCE);

    private final CopyIn copyIn;
    private final BinaryCopyWriter writer;
    private final Stamp stamp;
    private long firstVersion = -1;
    private boolean severalVersions;

    private ChangeStaging(CopyIn copyIn, BinaryCopyWriter writer, Stamp stamp) {
        this.copyIn = copyIn;
        this.writer = writer;
        this.stamp = stamp;
    }

    /** The table as SQL, in the session's temporary schema. */
    static String qualifiedName() {
        return Sql.qualified("pg_temp", TABLE);
    }

    /** Source columns named like the change columns would collide with them. */
    static void requireNoReservedNames(TableSchema schema, TableName target) {
        for (Column column : schema.columns()) {
            if (RESERVED.contains(column.name())) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Column \"" + column.name() + "\" of the"
                        + " source of " + target + " has a name lakesync reserves for its own bookkeeping ("
                        + String.join(", ", List.of(VERSION, KIND, SEQUENCE)) + "), so its changes cannot be"
                        + " staged. Fix: leave it out with --columns, or rename it in the source.");
            }
        }
    }

    /**
     * Creates the (empty) table; {@link #open} then starts the COPY into it. The change columns come
     * first in the table (COPY names its columns, so the rows still arrive with them last): the merge
     * filters every scan on the kind, and PostgreSQL reads a column by walking the ones before it.
     */
    static void create(Connection connection, TableSchema schema, List<String> keys) throws SQLException {
        Relations.execute(connection, "CREATE TEMP TABLE " + Sql.quote(TABLE) + " (" + Sql.quote(KIND)
                + " smallint NOT NULL, " + Sql.quote(VERSION) + " bigint NOT NULL, " + Sql.quote(SEQUENCE)
                + " bigint NOT NULL, " + PgTypes.columnDefinitions(schema, keys) + ") ON COMMIT DROP");
    }

    /** Starts the COPY into the table {@link #create} made in this transaction. */
    static ChangeStaging open(Connection connection, TableSchema schema, List<String> keys, TextPolicy policy,
            PostgresSinkOptions options) throws SQLException {
        // FREEZE: the table is new in this transaction, so its rows need no visibility work later
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + Sql.quote(TABLE) + " ("
                + Sql.columnList(schema.names()) + ", " + Sql.columnList(List.of(VERSION, KIND, SEQUENCE))
                + ") FROM STDIN (FORMAT binary, FREEZE)");
        Stamp stamp = new Stamp();
        BinaryCopyWriter writer = new BinaryCopyWriter(schema, keys, policy,
                new CopyBuffer(options.copyBufferBytes(), copyIn::writeToCopy), stamp);
        writer.start();
        return new ChangeStaging(copyIn, writer, stamp);
    }

    /** Stages the live rows of a batch (see {@link BinaryCopyWriter} for rows without a key). */
    void write(ChangeBatch batch) {
        stamp.version = batch.version();
        if (firstVersion < 0) {
            firstVersion = batch.version();
        } else if (batch.version() != firstVersion) {
            severalVersions = true;
        }
        if (batch.kind() == ChangeKind.UPSERT) {
            stamp.kind = UPSERT;
            writer.write(batch.rows());
        } else {
            stamp.kind = DELETE;
            writer.writeKeysOnly(batch.rows());
        }
    }

    /** Whether every change staged so far belongs to one version (also true when none was staged). */
    boolean oneVersion() {
        return !severalVersions;
    }

    long rowsStaged() {
        return writer.rowsWritten();
    }

    /** UPSERT rows skipped for a null key. */
    long rowsSkipped() {
        return writer.rowsSkipped();
    }

    /** Ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        writer.finish();
        return copyIn.endCopy();
    }

    /** Abandons a COPY still running; the rollback that follows discards what it sent. */
    void cancel() {
        if (copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException ignored) {
                // the rollback (or the disconnect) discards the COPY anyway
            }
        }
    }

    /** The change columns of each row: version and kind of the batch, then the arrival number. */
    private static final class Stamp implements RowSuffix {
        long version;
        int kind;
        long sequence;

        @Override
        public int fieldCount() {
            return 3;
        }

        @Override
        public void write(CopyBuffer out) {
            out.ensure(30);
            out.putInt(8);
            out.putLong(version);
            out.putInt(2);
            out.putShort(kind);
            out.putInt(8);
            out.putLong(sequence++);
        }
    }
}
