package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.Comparison;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.internal.copy.BinaryCopyWriter;
import io.lakesync.postgres.internal.copy.CopyBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Compares a target table with source rows exactly (DESIGN §5): the rows go through the same
 * encoder and key rules as a sync (null keys skipped, duplicates resolved by the timeseries key)
 * into a temporary table, then {@code EXCEPT} both ways against the target, in PostgreSQL, so
 * values compare with PostgreSQL's own equality (NaN equals NaN, jsonb by value). NUL bytes are
 * compared as the U+FFFD a replacing sync stores. Nothing is written: the transaction is rolled back.
 */
public final class TableComparer {

    private static final String SOURCE = "lakesync_compare_source";
    private static final String MISSING = "lakesync_compare_missing";
    private static final String EXTRA = "lakesync_compare_extra";

    private final Connector connector;
    private final PostgresSinkOptions options;

    public TableComparer(Connector connector, PostgresSinkOptions options) {
        this.connector = connector;
        this.options = options;
    }

    public Comparison compare(SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows, int maxKeys) {
        PlanCheck.requireLoadable(spec, schema);
        try (Connection connection = connector.open()) {
            connection.setAutoCommit(false);
            try {
                return compare(connection, spec, schema, rows, maxKeys);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, connector.url(), "comparing " + spec.target() + " with its source", "");
        } catch (CopyBuffer.CopyStreamException e) {
            throw SqlErrors.translate(e.sqlException(), connector.url(), "comparing " + spec.target()
                    + " with its source", "");
        }
    }

    private Comparison compare(Connection connection, SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows,
            int maxKeys) throws SQLException {
        if (!Relations.tableExists(connection, spec.target())) {
            throw new LakesyncException(ErrorCode.NOT_SYNCED, "The target table " + spec.target() + " does not"
                    + " exist, so there is nothing to compare. Run `lakesync sync --target " + spec.target()
                    + " ...` first, or check --target and --jdbc-url.");
        }
        Relations.execute(connection, "CREATE TEMP TABLE " + Sql.quote(SOURCE) + " ("
                + PgTypes.columnDefinitions(schema, spec.primaryKey()) + ") ON COMMIT DROP");
        requireSameColumns(connection, spec, schema);
        load(connection, spec, schema, rows);
        new PrimaryKeyBuilder(connection, schema, spec.primaryKey(), spec.timeseriesKey())
                .build(Sql.quote(SOURCE), SOURCE + "_pkey", "the compared source rows");
        Relations.execute(connection, "ANALYZE " + Sql.quote(SOURCE));

        String columns = Sql.columnList(schema.names());
        String target = Sql.qualified(spec.target());
        Relations.execute(connection, "CREATE TEMP TABLE " + Sql.quote(MISSING) + " ON COMMIT DROP AS SELECT "
                + columns + " FROM " + Sql.quote(SOURCE) + " EXCEPT SELECT " + columns + " FROM " + target);
        Relations.execute(connection, "CREATE TEMP TABLE " + Sql.quote(EXTRA) + " ON COMMIT DROP AS SELECT "
                + columns + " FROM " + target + " EXCEPT SELECT " + columns + " FROM " + Sql.quote(SOURCE));
        return new Comparison(Relations.count(connection, Sql.quote(SOURCE)), Relations.count(connection, target),
                Relations.count(connection, Sql.quote(MISSING)), Relations.count(connection, Sql.quote(EXTRA)),
                sampleKeys(connection, spec.primaryKey(), schema, maxKeys));
    }

    /** The target must have every compared column with the type a sync would give it. */
    private static void requireSameColumns(Connection connection, SyncedTableSpec spec, TableSchema schema)
            throws SQLException {
        Map<String, String> expected = Relations.columnTypes(connection, Sql.quote(SOURCE));
        Map<String, String> actual = Relations.columnTypes(connection, Sql.qualified(spec.target()));
        for (Column column : schema.columns()) {
            String have = actual.get(column.name());
            String want = expected.get(column.name());
            if (have == null || !have.equals(want)) {
                throw new LakesyncException(ErrorCode.SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, "The target table "
                        + spec.target() + (have == null ? " has no column \"" + column.name() + "\""
                        : " has column \"" + column.name() + "\" as " + have + ", not " + want)
                        + ", so it cannot equal the source (whose column is " + column.type() + "). Fix: sync"
                        + " the table again (a snapshot recreates it from the source schema).");
            }
        }
    }

    private void load(Connection connection, SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows)
            throws SQLException {
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + Sql.quote(SOURCE)
                + " (" + Sql.columnList(schema.names()) + ") FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter writer = new BinaryCopyWriter(schema, spec.primaryKey(), TextPolicy.REPLACE,
                    new CopyBuffer(options.copyBufferBytes(), copyIn::writeToCopy));
            writer.start();
            while (rows.hasNext()) {
                writer.write(rows.next());
            }
            writer.finish();
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static List<String> sampleKeys(Connection connection, List<String> keys, TableSchema schema, int maxKeys)
            throws SQLException {
        if (maxKeys <= 0) {
            return List.of();
        }
        String keyList = Sql.columnList(keys);
        String sql = "SELECT " + KeySql.textExpressions(schema, keys, "d") + " FROM (SELECT " + keyList + " FROM "
                + Sql.quote(MISSING) + " UNION SELECT " + keyList + " FROM " + Sql.quote(EXTRA) + ") d ORDER BY "
                + Sql.columnList("d", keys) + " LIMIT ?";
        List<String> sample = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, maxKeys);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sample.add(KeySql.render(keys, rs, 1));
                }
            }
        }
        return sample;
    }
}
