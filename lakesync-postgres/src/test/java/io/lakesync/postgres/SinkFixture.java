package io.lakesync.postgres;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A fresh database with a connected sink, and shortcuts to run snapshots and read tables back. */
final class SinkFixture implements AutoCloseable {

    final String url;
    final PostgresSink sink;

    SinkFixture() {
        this(PostgresSinkOptions.defaults());
    }

    SinkFixture(PostgresSinkOptions options) {
        this.url = TestPostgres.newDatabase();
        this.sink = PostgresSink.connect(url, options);
    }

    static TableSchema schema(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    static Column col(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    static SyncedTableSpec spec(String target, String... keys) {
        return new SyncedTableSpec("/data/" + target, TableName.parse(target), List.of(keys), Optional.empty(),
                SyncMode.SNAPSHOT, List.of());
    }

    static SyncedTableSpec specWithTimeseries(String target, String timeseries, String... keys) {
        return new SyncedTableSpec("/data/" + target, TableName.parse(target), List.of(keys), Optional.of(timeseries),
                SyncMode.SNAPSHOT, List.of());
    }

    SnapshotResult snapshot(SyncedTableSpec spec, TableSchema schema, long version, RowBatch... batches) {
        return snapshot(spec, schema, version, TextPolicy.FAIL, batches);
    }

    SnapshotResult snapshot(SyncedTableSpec spec, TableSchema schema, long version, TextPolicy policy,
            RowBatch... batches) {
        return snapshotInRun(1L, spec, schema, version, policy, batches);
    }

    /** A snapshot recorded on run {@code runId} (which must exist for its counters to be kept). */
    SnapshotResult snapshotInRun(long runId, SyncedTableSpec spec, TableSchema schema, long version, TextPolicy policy,
            RowBatch... batches) {
        try (SnapshotLoad load = sink.beginSnapshot(new SnapshotPlan(spec, schema,
                new SourceVersion(version, Instant.parse("2024-05-01T10:00:00Z").plusSeconds(version)), runId, policy))) {
            for (RowBatch batch : batches) {
                load.write(batch);
            }
            return load.commit();
        }
    }

    static SourceVersion version(long version) {
        return new SourceVersion(version, Instant.parse("2024-05-01T10:00:00Z").plusSeconds(version));
    }

    static ApplyPlan applyPlan(SyncedTableSpec spec, TableSchema schema, long from, long to) {
        return new ApplyPlan(spec, schema, from, version(to), 1L, TextPolicy.FAIL);
    }

    /** Applies the changes of versions {@code from+1..to} and commits. */
    ApplyResult apply(SyncedTableSpec spec, TableSchema schema, long from, long to, ChangeBatch... batches) {
        try (IncrementalApply apply = sink.beginApply(applyPlan(spec, schema, from, to))) {
            for (ChangeBatch batch : batches) {
                apply.write(batch);
            }
            return apply.commit();
        }
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
        }
        return c;
    }

    /** Every row of a query, each as the list of its columns' text (getString). */
    List<List<String>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String scalar(String sql) {
        return query(sql).get(0).get(0);
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
