package io.lakesync.examples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesync.core.engine.IncrementalSync;
import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.examples.simulator.delta.IncidentSchema;
import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.postgres.PostgresSink;
import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The use case end to end: lakesync keeps a PostgreSQL table in step with the simulator's table
 * while it streams inserts, re-scores and retractions; after every sync the PostgreSQL table
 * equals the simulator's incidents (EXCEPT both ways).
 */
class PostgresSyncIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aTriggeredSyncFollowsInsertsUpdatesAndDeletes() throws Exception {
        Path table = tmp.resolve("incidents");
        Simulation simulation = Simulation.open(new SimulatorOptions(table, 11, 40, Duration.ofMillis(100), 3,
                Duration.ofMillis(500), 0.25, 0.5, Duration.ZERO, 0, 20, SimulatorOptions.FIRST_MODEL_VERSION),
                Clock.systemUTC(), e -> { });
        String url = TestPostgres.newDatabase();
        SyncedTableSpec spec = new SyncedTableSpec(table.toString(), TableName.parse("support.incidents"),
                List.of(IncidentSchema.KEY), Optional.empty(), SyncMode.TRIGGERED, List.of());
        DeltaTableSource source = DeltaTableSource.open(table.toString()).withKeyColumns(List.of(IncidentSchema.KEY));
        try (PostgresSink sink = PostgresSink.connect(url); Connection db = DriverManager.getConnection(url)) {
            IncrementalSync sync = new IncrementalSync(source, sink, TextPolicy.FAIL, ProgressListener.NONE,
                    IncrementalSync.DEFAULT_MAX_ROWS_PER_TRANSACTION);
            sync.run(spec); // the first run is a snapshot
            assertSame(db, simulation.incidents().values());
            for (int round = 0; round < 3; round++) {
                simulation.newIncidents();
                simulation.newIncidents();
                simulation.rescore();
                simulation.retractDuplicates();
                sync.run(spec); // the changes since the last run, from the Change Data Feed
                assertSame(db, simulation.incidents().values());
            }
        }
    }

    private static void assertSame(Connection db, Collection<Incident> incidents) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS expected");
            s.execute("CREATE TEMP TABLE expected (LIKE support.incidents)");
        }
        String columns = String.join(", ", IncidentSchema.SCHEMA.fieldNames());
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO expected (" + columns + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            for (Incident incident : incidents) {
                Object[] row = IncidentSchema.row(incident);
                for (int c = 0; c < row.length; c++) {
                    insert.setObject(c + 1, jdbc(row[c]));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        assertEquals(0, count(db, "SELECT * FROM support.incidents EXCEPT ALL SELECT * FROM expected"),
                "rows in PostgreSQL that the simulator does not have");
        assertEquals(0, count(db, "SELECT * FROM expected EXCEPT ALL SELECT * FROM support.incidents"),
                "rows of the simulator missing in PostgreSQL");
        assertEquals(incidents.size(), count(db, "SELECT * FROM support.incidents"));
    }

    private static Object jdbc(Object value) throws Exception {
        if (value instanceof Instant i) {
            return Timestamp.from(i);
        } else if (value instanceof List<?> list) {
            return JSON.writeValueAsString(list);
        }
        return value;
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + query + ") q")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
