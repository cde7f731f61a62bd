package io.lakesync.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.testkit.TestPostgres;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Connecting: the catalog is created once, failures say what to fix, the password never shows. */
class ConnectTest {

    @Test
    void connectCreatesTheCatalogSchemaAndReconnectingKeepsIt() {
        try (SinkFixture db = new SinkFixture()) {
            assertEquals("api_tokens,app_role_grants,app_roles,audit_log,flyway_schema_history,runs,synced_tables,"
                    + "watermarks", db.scalar("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                    + " WHERE schemaname = 'lakesync'"));
            assertEquals("lineage", db.scalar("SELECT string_agg(viewname, ',') FROM pg_views"
                    + " WHERE schemaname = 'lakesync'"));
            assertEquals(12, db.query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'lakesync'"
                    + " AND table_name = 'runs' AND column_name IN ('run_id', 'started_at', 'ended_at', 'outcome',"
                    + " 'from_version', 'to_version', 'rows_written', 'rows_skipped', 'rows_inserted',"
                    + " 'rows_updated', 'rows_deleted', 'snapshot_fallbacks')").size());
            PostgresSink.connect(db.url).close();
            assertEquals("1", db.scalar("SELECT count(*) FROM lakesync.flyway_schema_history WHERE version = '1'"));
        }
    }

    @Test
    void aRefusedConnectionIsTargetUnavailableWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        LakesyncException e = assertThrows(LakesyncException.class, () -> PostgresSink.connect(
                "jdbc:postgresql://127.0.0.1:" + port + "/db?user=me&password=s3cret-Pw&connectTimeout=2"));
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, e.code());
        assertFalse(e.getMessage().contains("s3cret-Pw"), e.getMessage());
        assertTrue(e.getMessage().contains("password=***"), e.getMessage());
        assertTrue(e.getMessage().contains("--jdbc-url") && e.getMessage().contains("running"), e.getMessage());
    }

    @Test
    void anUnknownUserIsPermissionDenied() {
        String url = TestPostgres.newDatabase();
        String other = url.replaceAll("user=[^&]*", "user=nobody_here").replaceAll("password=[^&]*", "password=hunter2");
        if (!other.contains("user=")) {
            other = other + (other.contains("?") ? "&" : "?") + "user=nobody_here&password=hunter2";
        }
        String attempt = other;
        LakesyncException e = assertThrows(LakesyncException.class, () -> PostgresSink.connect(attempt));
        assertEquals(ErrorCode.TARGET_PERMISSION_DENIED, e.code());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("user and password"), e.getMessage());
    }

    @Test
    void anUnknownDatabaseAndAForeignUrlAreInvalidArguments() {
        String url = TestPostgres.newDatabase().replaceFirst("/lakesync_test_[0-9_]+", "/no_such_db");
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LakesyncException.class, () -> PostgresSink.connect(url)).code());
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> PostgresSink.connect("jdbc:mysql://host/db?password=topsecret"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }
}
