package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.catalog.AuditEntry;
import io.lakesync.postgres.roles.AppRole;
import io.lakesync.postgres.roles.AppRoleExistsException;
import io.lakesync.postgres.roles.AppRoleInfo;
import io.lakesync.postgres.roles.AppRoleNotFoundException;
import io.lakesync.postgres.roles.AppRoles;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * App roles against a real PostgreSQL: an application logs in as its role and can read synced
 * tables but never change them, keeps its own tables in its own schema, and keeps its read access
 * through a full refresh; every synced table says where its data came from.
 */
class AppRolesIT {

    private static final TableSchema INCIDENTS = schema(col("incident_id", ColumnType.LONG),
            col("title", ColumnType.STRING), col("risk", ColumnType.DOUBLE));
    private static final String ACTOR = "cli:tester";

    private static SinkFixture db;
    private static AppRoles roles;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
        roles = db.sink.appRoles(ACTOR, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Roles are shared by every database of the server: each test's names are its own. */
    private static String unique(String prefix) {
        return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    }

    private static SyncedTableSpec spec(String target) {
        return new SyncedTableSpec("/lake/" + target.replace('.', '/'), TableName.parse(target),
                List.of("incident_id"), Optional.empty(), SyncMode.TRIGGERED, List.of());
    }

    /** A snapshot of {@code rows} incidents at {@code version}, in a run recorded like the engine does it. */
    private static long snapshot(SinkFixture fixture, SyncedTableSpec spec, long version, int rows) {
        long run = fixture.sink.runHistory().start(spec, SyncMode.SNAPSHOT);
        TestBatch.Builder batch = TestBatch.of(INCIDENTS);
        for (int i = 1; i <= rows; i++) {
            batch.row((long) i, "incident " + i + " v" + version, i / 100.0);
        }
        fixture.snapshotInRun(run, spec, INCIDENTS, version, TextPolicy.FAIL, batch.build());
        return run;
    }

    private static long apply(SyncedTableSpec spec, long from, long to, Object... row) {
        long run = db.sink.runHistory().start(spec, SyncMode.TRIGGERED);
        try (IncrementalApply apply = db.sink.beginApply(new ApplyPlan(spec, INCIDENTS, from, version(to), run,
                TextPolicy.FAIL))) {
            apply.write(new ChangeBatch(to, ChangeKind.UPSERT, TestBatch.of(INCIDENTS).row(row).build()));
            apply.commit();
        }
        return run;
    }

    private static Connection loginAs(SinkFixture fixture, AppRole role) throws SQLException {
        String base = fixture.url.substring(0, fixture.url.indexOf('?') < 0 ? fixture.url.length()
                : fixture.url.indexOf('?'));
        return DriverManager.getConnection(base + "?user=" + role.name() + "&password=" + role.password());
    }

    private static SQLException refused(Connection app, String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Statement s = app.createStatement()) {
                s.execute(sql);
            }
        }, sql);
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String comment(SinkFixture fixture, String table) {
        return fixture.scalar("SELECT obj_description('" + table + "'::regclass, 'pg_class')");
    }

    @Test
    void anAppReadsSyncedTablesButCannotChangeThemAndWritesItsOwnSchema() throws SQLException {
        SyncedTableSpec spec = spec("support.incidents");
        snapshot(db, spec, 1, 50);
        String name = unique("portal");
        AppRole role = roles.createApp(name, List.of(spec.target()), Optional.empty());
        assertEquals(name, role.name());
        assertEquals(name, role.stateSchema());
        assertEquals(List.of(spec.target()), role.readable());
        assertTrue(role.password().length() >= 32, "a strong password");
        assertFalse(role.toString().contains(role.password()), "the password never lands in a log line");
        // PostgreSQL keeps only a SCRAM verifier: the password never reached the server
        assertTrue(db.scalar("SELECT rolpassword FROM pg_authid WHERE rolname = '" + name + "'")
                .startsWith("SCRAM-SHA-256$"));

        try (Connection app = loginAs(db, role)) {
            assertEquals(name, scalar(app, "SELECT current_user"));
            assertEquals("50", scalar(app, "SELECT count(*) FROM support.incidents"));
            for (String sql : List.of(
                    "INSERT INTO support.incidents VALUES (999, 'forged', 1.0)",
                    "UPDATE support.incidents SET risk = 0 WHERE incident_id = 1",
                    "DELETE FROM support.incidents WHERE incident_id = 1",
                    "TRUNCATE support.incidents",
                    "ALTER TABLE support.incidents ADD COLUMN note text",
                    "ALTER TABLE support.incidents RENAME TO gone",
                    "DROP TABLE support.incidents",
                    "CREATE TABLE support.sneaky (id int)",
                    "CREATE INDEX ON support.incidents (risk)",
                    "UPDATE lakesync.watermarks SET delta_version = 0",
                    "SELECT * FROM lakesync.synced_tables")) {
                assertEquals("42501", refused(app, sql).getSQLState(), sql);
            }
            // its own state, in its own schema (first on its search path: "$user")
            execute(app, "CREATE TABLE incident_state (incident_id bigint PRIMARY KEY, owner text, status text)");
            execute(app, "INSERT INTO incident_state VALUES (1, 'ana', 'in_progress'), (2, 'ben', 'waiting')");
            execute(app, "UPDATE incident_state SET status = 'resolved' WHERE incident_id = 2");
            assertEquals(name, scalar(app, "SELECT schemaname FROM pg_tables WHERE tablename = 'incident_state'"));
            assertEquals("incident 1 v1|ana|in_progress", scalar(app, "SELECT i.title || '|' || s.owner || '|'"
                    + " || s.status FROM support.incidents i JOIN incident_state s USING (incident_id)"
                    + " WHERE incident_id = 1"));
        }
        assertEquals("50", db.scalar("SELECT count(*) FROM support.incidents"), "nothing the app tried changed it");

        // a full refresh swaps in a new table: the app still reads it, and still cannot write it
        long run = snapshot(db, spec, 2, 70);
        try (Connection app = loginAs(db, role)) {
            assertEquals("70", scalar(app, "SELECT count(*) FROM support.incidents"));
            assertEquals("incident 3 v2", scalar(app, "SELECT title FROM support.incidents WHERE incident_id = 3"));
            assertEquals("42501", refused(app, "DELETE FROM support.incidents").getSQLState());
            assertEquals("42501", refused(app, "DROP TABLE support.incidents").getSQLState());
            assertEquals("2", scalar(app, "SELECT count(*) FROM incident_state"), "its own tables are untouched");
            // lineage is readable by the app too
            assertEquals("lakesync: synced from Delta table /lake/support/incidents at version 2 (run " + run + ")",
                    scalar(app, "SELECT obj_description('support.incidents'::regclass, 'pg_class')"));
        }
        assertEquals(db.scalar("SELECT current_user"), db.scalar("SELECT tableowner FROM pg_tables"
                + " WHERE schemaname = 'support' AND tablename = 'incidents'"), "the writer owns synced tables");
        assertEquals(List.of(List.of("support.incidents", "/lake/support/incidents", "2", "70", "TRIGGERED",
                "{incident_id}", Long.toString(run))), db.query("SELECT table_name, source, delta_version::text,"
                + " row_count::text, mode, primary_key::text, run_id::text FROM lakesync.lineage"
                + " WHERE table_name = 'support.incidents'"));
        assertEquals("1", db.scalar("SELECT count(*) FROM lakesync.lineage WHERE table_name = 'support.incidents'"
                + " AND commit_timestamp = '2024-05-01T10:00:02Z' AND synced_at IS NOT NULL"));

        // an incremental apply moves the comment with the watermark
        long applyRun = apply(spec, 2, 3, 71L, "incident 71 v3", 0.9);
        assertEquals("lakesync: synced from Delta table /lake/support/incidents at version 3 (run " + applyRun + ")",
                comment(db, "support.incidents"));
        assertEquals("3", db.scalar("SELECT delta_version FROM lakesync.lineage WHERE table_name = 'support.incidents'"));

        roles.dropApp(name);
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'"));
        // the app's data stays, now owned by the writer
        assertEquals(db.scalar("SELECT current_user"), db.scalar("SELECT tableowner FROM pg_tables"
                + " WHERE schemaname = '" + name + "' AND tablename = 'incident_state'"));
        assertEquals("2", db.scalar("SELECT count(*) FROM " + name + ".incident_state"));
        assertEquals("71", db.scalar("SELECT count(*) FROM support.incidents"));
        // the next full refresh does not trip over the dropped role
        snapshot(db, spec, 4, 10);
        assertEquals("10", db.scalar("SELECT count(*) FROM support.incidents"));
    }

    @Test
    void aTableGrantedBeforeItsFirstSnapshotIsReadableOnceItIsSwappedIn() throws SQLException {
        SyncedTableSpec spec = spec("later.scores");
        db.sink.catalog().create(new SyncedTableDefinition(spec, Optional.empty(), OptionalLong.empty(), false,
                Optional.empty(), Optional.empty()));
        assertEquals(List.of(List.of("later.scores", "/lake/later/scores", "")), db.query("SELECT table_name, source,"
                + " coalesce(delta_version::text, '') FROM lakesync.lineage WHERE table_name = 'later.scores'"));
        String name = unique("scorer");
        AppRole role = roles.createApp(name, List.of(spec.target()), Optional.of(name + "_state"));
        assertEquals(name + "_state", role.stateSchema());

        snapshot(db, spec, 7, 5);
        try (Connection app = loginAs(db, role)) {
            assertEquals("5", scalar(app, "SELECT count(*) FROM later.scores"));
            assertEquals("42501", refused(app, "TRUNCATE later.scores").getSQLState());
            execute(app, "CREATE TABLE " + name + "_state.notes (id int)");
            assertEquals("42501", refused(app, "CREATE TABLE later.notes (id int)").getSQLState());
        }
        roles.dropApp(name, true);
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + name + "_state'"));
    }

    @Test
    void grantReadAddsATableAndListShowsWhatLakesyncCreated() throws SQLException {
        SyncedTableSpec first = spec("crm.accounts");
        SyncedTableSpec second = spec("crm.contacts");
        snapshot(db, first, 1, 3);
        snapshot(db, second, 1, 4);
        String name = unique("crm_app");
        AppRole role = roles.createApp(name, List.of(first.target(), first.target()), Optional.empty());
        assertEquals(List.of(first.target()), role.readable(), "named twice, granted once");
        try (Connection app = loginAs(db, role)) {
            assertEquals("42501", refused(app, "SELECT count(*) FROM crm.contacts").getSQLState());
        }
        roles.grantRead(name, second.target());
        roles.grantRead(name, second.target());
        try (Connection app = loginAs(db, role)) {
            assertEquals("4", scalar(app, "SELECT count(*) FROM crm.contacts"));
        }
        AppRoleInfo info = roles.list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertEquals(List.of(first.target(), second.target()), info.readable());
        assertEquals(name, info.stateSchema());
        assertEquals(ACTOR, info.createdBy());
        assertTrue(info.roleExists());

        // a role someone else made is not listed, and lakesync will not drop it
        String foreign = unique("theirs");
        db.execute("CREATE ROLE " + foreign);
        assertTrue(roles.list().stream().noneMatch(r -> r.name().equals(foreign)));
        AppRoleNotFoundException notOurs = assertThrows(AppRoleNotFoundException.class, () -> roles.dropApp(foreign));
        assertTrue(notOurs.getMessage().contains("not created by lakesync"), notOurs.getMessage());
        assertEquals("1", db.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + foreign + "'"));

        roles.dropApp(name, true);
        assertTrue(roles.list().stream().noneMatch(r -> r.name().equals(name)));
    }

    @Test
    void mistakesAreRefusedWithTheFix() {
        SyncedTableSpec spec = spec("ops.tickets");
        snapshot(db, spec, 1, 2);
        String name = unique("ops_app");
        roles.createApp(name, List.of(spec.target()), Optional.empty());

        AppRoleExistsException twice = assertThrows(AppRoleExistsException.class,
                () -> roles.createApp(name, List.of(spec.target()), Optional.empty()));
        assertTrue(twice.getMessage().contains("lakesync roles drop " + name), twice.getMessage());

        String foreign = unique("dba");
        db.execute("CREATE ROLE " + foreign);
        AppRoleExistsException taken = assertThrows(AppRoleExistsException.class,
                () -> roles.createApp(foreign, List.of(spec.target()), Optional.empty()));
        assertTrue(taken.getMessage().contains("did not create it"), taken.getMessage());

        String other = unique("ops_other");
        AppRoleExistsException schemaTaken = assertThrows(AppRoleExistsException.class,
                () -> roles.createApp(other, List.of(spec.target()), Optional.of("ops")));
        assertTrue(schemaTaken.getMessage().contains("--state-schema"), schemaTaken.getMessage());

        db.execute("CREATE TABLE ops.handmade (id int)");
        LakesyncException notSynced = assertThrows(LakesyncException.class,
                () -> roles.createApp(other, List.of(spec.target(), TableName.parse("ops.handmade"),
                        TableName.parse("ops.nowhere")), Optional.empty()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, notSynced.code());
        assertTrue(notSynced.getMessage().contains("Not a synced table: ops.handmade, ops.nowhere"),
                notSynced.getMessage());
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + other + "'"),
                "a failed create leaves no role behind");

        for (String bad : List.of("Portal", "1app", "app-x", "pg_app", "public", "a".repeat(64), "")) {
            LakesyncException e = assertThrows(LakesyncException.class,
                    () -> roles.createApp(bad, List.of(spec.target()), Optional.empty()), bad);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), bad);
        }
        // a role dropped behind lakesync's back is listed as such, refused as a new name, and forgotten by drop
        String vanished = unique("vanished");
        roles.createApp(vanished, List.of(), Optional.empty());
        db.execute("REASSIGN OWNED BY " + vanished + " TO CURRENT_USER; DROP OWNED BY " + vanished + "; DROP ROLE "
                + vanished);
        assertFalse(roles.list().stream().filter(r -> r.name().equals(vanished)).findFirst().orElseThrow()
                .roleExists());
        AppRoleExistsException stale = assertThrows(AppRoleExistsException.class,
                () -> roles.createApp(vanished, List.of(), Optional.of(vanished + "_2")));
        assertTrue(stale.getMessage().contains("dropped outside lakesync"), stale.getMessage());
        roles.dropApp(vanished);
        assertTrue(roles.list().stream().noneMatch(r -> r.name().equals(vanished)));

        assertThrows(AppRoleNotFoundException.class, () -> roles.dropApp(unique("nobody")));
        assertThrows(AppRoleNotFoundException.class, () -> roles.grantRead(unique("nobody"), spec.target()));

        // every attempt is audited, failures included, and no password is ever written there
        List<AuditEntry> entries = db.sink.catalog().auditLog().page(1000, OptionalLong.empty()).entries();
        List<String> mine = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (name.equals(entry.target()) || other.equals(entry.target())) {
                mine.add(entry.action() + " " + entry.actor() + " " + entry.requestJson());
            }
        }
        assertTrue(mine.stream().anyMatch(e -> e.startsWith("create-app-role cli:tester ")
                && e.contains("\"outcome\": \"SUCCEEDED\"")), mine.toString());
        assertTrue(mine.stream().anyMatch(e -> e.contains("\"error_code\": \"INVALID_ARGUMENT\"")), mine.toString());
        assertTrue(entries.stream().noneMatch(e -> e.requestJson() != null && e.requestJson().contains("password")));
        roles.dropApp(name);
    }

    @Test
    void aWriterThatIsNotASuperuserManagesAppRolesWithCreateRole() throws SQLException {
        String writer = unique("writer");
        String password = "w" + unique("pw");
        db.execute("CREATE ROLE " + writer + " LOGIN CREATEROLE PASSWORD '" + password + "'");
        db.execute("GRANT CREATE ON DATABASE " + db.scalar("SELECT current_database()") + " TO " + writer);
        String base = db.url.substring(0, db.url.indexOf('?') < 0 ? db.url.length() : db.url.indexOf('?'));
        String powerless = unique("powerless");
        db.execute("CREATE ROLE " + powerless + " LOGIN PASSWORD 'x'");
        db.execute("GRANT CREATE ON DATABASE " + db.scalar("SELECT current_database()") + " TO " + powerless);
        db.execute("GRANT ALL ON SCHEMA lakesync TO " + writer + ", " + powerless);
        db.execute("GRANT ALL ON ALL TABLES IN SCHEMA lakesync TO " + writer + ", " + powerless);
        db.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA lakesync TO " + writer + ", " + powerless);

        try (PostgresSink sink = PostgresSink.connect(base + "?user=" + writer + "&password=" + password)) {
            SyncedTableSpec spec = spec(writer + "_schema.orders");
            long run = sink.runHistory().start(spec, SyncMode.SNAPSHOT);
            try (var load = sink.beginSnapshot(new io.lakesync.core.spi.SnapshotPlan(spec, INCIDENTS, version(1), run,
                    TextPolicy.FAIL))) {
                load.write(TestBatch.of(INCIDENTS).row(1L, "one", 0.5).row(2L, "two", 0.7).build());
                load.commit();
            }
            AppRoles asWriter = sink.appRoles("cli:writer", null);
            String name = unique("shop");
            AppRole role = asWriter.createApp(name, List.of(spec.target()), Optional.empty());
            try (Connection app = loginAs(db, role)) {
                assertEquals("2", scalar(app, "SELECT count(*) FROM " + spec.target()));
                assertEquals("42501", refused(app, "DELETE FROM " + spec.target()).getSQLState());
                execute(app, "CREATE TABLE carts (id int)");
            }
            assertEquals(name, db.scalar("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '"
                    + name + "'"));
            // the membership borrowed to create the schema was given back
            assertEquals("f", db.scalar("SELECT pg_has_role('" + writer + "', '" + name + "', 'USAGE')"));
            asWriter.dropApp(name);
            assertEquals("0", db.scalar("SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'"));
            assertEquals(writer, db.scalar("SELECT tableowner FROM pg_tables WHERE schemaname = '" + name + "'"));

            String second = unique("shop");
            asWriter.createApp(second, List.of(spec.target()), Optional.empty());
            asWriter.dropApp(second, true);
            assertEquals("0", db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = '" + second + "'"));
        }

        try (PostgresSink sink = PostgresSink.connect(base + "?user=" + powerless + "&password=x")) {
            LakesyncException e = assertThrows(LakesyncException.class, () -> sink.appRoles("cli:someone", null)
                    .createApp(unique("nope"), List.of(), Optional.empty()));
            assertEquals(ErrorCode.TARGET_PERMISSION_DENIED, e.code());
            assertTrue(e.getMessage().contains("CREATEROLE") && e.getMessage().contains(powerless), e.getMessage());
        }
    }

    @Test
    void theLineageCommentKeepsAnySourceTextExactly() {
        String source = "/lake/o'brien\\new\\table \"x\" $$ ; DROP TABLE y; --";
        SyncedTableSpec spec = new SyncedTableSpec(source, TableName.parse("odd.names"), List.of("incident_id"),
                Optional.empty(), SyncMode.SNAPSHOT, List.of());
        long run = snapshot(db, spec, 1, 1);
        assertEquals("lakesync: synced from Delta table " + source + " at version 1 (run " + run + ")",
                comment(db, "odd.names"));
        assertEquals(source, db.scalar("SELECT source FROM lakesync.lineage WHERE table_name = 'odd.names'"));
    }

    @Test
    void theLineageCommentDoesNotWaitForAVacuumAndCatchesUpOnTheNextApply() throws SQLException {
        SyncedTableSpec spec = spec("busy.events");
        long snapshotRun = snapshot(db, spec, 1, 3);
        String before = comment(db, "busy.events");
        assertEquals("lakesync: synced from Delta table /lake/busy/events at version 1 (run " + snapshotRun + ")",
                before);
        try (Connection vacuumLike = db.connect()) {
            vacuumLike.setAutoCommit(false);
            // what (auto)vacuum, ANALYZE and CREATE INDEX CONCURRENTLY hold: it blocks COMMENT, not writes
            execute(vacuumLike, "LOCK TABLE busy.events IN SHARE UPDATE EXCLUSIVE MODE");
            apply(spec, 1, 2, 4L, "four", 0.4);
            vacuumLike.rollback();
        }
        assertEquals("4", db.scalar("SELECT count(*) FROM busy.events"), "the data moved");
        assertEquals("2", db.scalar("SELECT delta_version FROM lakesync.lineage WHERE table_name = 'busy.events'"));
        assertEquals(before, comment(db, "busy.events"), "the comment waits for the next apply");
        long run = apply(spec, 2, 3, 5L, "five", 0.5);
        assertNotEquals(before, comment(db, "busy.events"));
        assertEquals("lakesync: synced from Delta table /lake/busy/events at version 3 (run " + run + ")",
                comment(db, "busy.events"));
    }
    @Test
    void aGrantWaitsBoundedlyBehindABusyTableAndTriesAgain() throws Exception {
        SyncedTableSpec spec = spec("queue.jobs");
        snapshot(db, spec, 1, 2);
        String name = unique("queue_app");
        roles.createApp(name, List.of(), Optional.empty());
        try (Connection swapLike = db.connect()) {
            swapLike.setAutoCommit(false);
            // what a snapshot swap holds until it commits: the table's lock and its pg_class row
            execute(swapLike, "LOCK TABLE queue.jobs IN ACCESS EXCLUSIVE MODE");
            execute(swapLike, "ALTER TABLE queue.jobs ADD COLUMN held int");
            LakesyncException busy = assertThrows(LakesyncException.class,
                    () -> roles.grantRead(name, spec.target()));
            assertEquals(ErrorCode.LOCK_TIMEOUT, busy.code());
            assertTrue(busy.getMessage().contains("Nothing was changed"), busy.getMessage());
            assertEquals(List.of(), roles.list().stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow().readable(), "the refused grant is not recorded");

            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> roles.grantRead(name, spec.target()));
            Thread.sleep(2_500);
            assertFalse(later.isDone(), "the grant waits while the table is busy");
            swapLike.rollback();
            later.get(30, TimeUnit.SECONDS);
        }
        assertEquals("t", db.scalar("SELECT has_table_privilege('" + name + "', 'queue.jobs', 'SELECT')"));
        assertEquals(List.of(spec.target()), roles.list().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow().readable());
        roles.dropApp(name, true);
    }
}
