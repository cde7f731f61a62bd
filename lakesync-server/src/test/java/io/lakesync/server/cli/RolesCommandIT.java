package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.server.service.Items;
import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakesync roles} against a real PostgreSQL and a real Delta table synced by {@code lakesync
 * sync}: the printed connection line logs in as the app, which reads the synced table and cannot
 * change it, also after a full refresh; list and drop; failures are one line naming the code.
 */
class RolesCommandIT {

    @TempDir
    Path dir;

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String sqlState(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    @Test
    void createAnAppLogInAsItListAndDrop() throws SQLException {
        String url = TestPostgres.newDatabase();
        Items items = Items.create(dir.resolve("incidents"));
        items.append(20, 10);
        CliRun sync = CliRun.of("sync", "--source", items.path(), "--target", "support.incidents", "--primary-key", "id",
                "--jdbc-url", url, "--no-progress");
        assertEquals(0, sync.exitCode(), sync::toString);

        String name = "portal_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
        CliRun create = CliRun.of("roles", "create-app", name, "--read", "support.incidents", "--jdbc-url", url);
        assertEquals(0, create.exitCode(), create::toString);
        assertTrue(create.out().contains("created the app role " + name), create::toString);
        assertTrue(create.out().contains("psql \"postgresql://" + name + ":"), create::toString);
        String jdbc = create.out().lines().map(String::trim).filter(l -> l.startsWith("jdbc:postgresql://"))
                .findFirst().orElseThrow();

        try (Connection app = DriverManager.getConnection(jdbc)) {
            assertEquals(name, scalar(app, "SELECT current_user"));
            assertEquals("20", scalar(app, "SELECT count(*) FROM support.incidents"));
            assertEquals("42501", sqlState(app, "DELETE FROM support.incidents"));
            assertEquals("42501", sqlState(app, "DROP TABLE support.incidents"));
        }
        items.append(5, 10);
        CliRun refresh = CliRun.of("sync", "--source", items.path(), "--target", "support.incidents", "--primary-key",
                "id", "--jdbc-url", url, "--no-progress");
        assertEquals(0, refresh.exitCode(), refresh::toString);
        try (Connection app = DriverManager.getConnection(jdbc)) {
            assertEquals("25", scalar(app, "SELECT count(*) FROM support.incidents"));
            assertTrue(scalar(app, "SELECT obj_description('support.incidents'::regclass, 'pg_class')")
                    .matches("lakesync: synced from Delta table .*incidents at version 2 \\(run \\d+\\)"));
        }

        CliRun list = CliRun.of("roles", "list", "--jdbc-url", url);
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains(name) && list.out().contains("support.incidents")
                && list.out().contains(RolesCommand.actor()), list::toString);

        CliRun notSynced = CliRun.of("roles", "create-app", name + "_b", "--read", "public.nothing", "--jdbc-url", url);
        assertEquals(1, notSynced.exitCode(), notSynced::toString);
        assertTrue(notSynced.err().contains("lakesync: INVALID_ARGUMENT: Not a synced table: public.nothing"),
                notSynced::toString);

        CliRun drop = CliRun.of("roles", "drop", name, "--drop-state-schema", "--jdbc-url", url);
        assertEquals(0, drop.exitCode(), drop::toString);
        CliRun again = CliRun.of("roles", "drop", name, "--jdbc-url", url);
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("No app role is named " + name), again::toString);

        try (Connection admin = DriverManager.getConnection(url)) {
            assertEquals("0", scalar(admin, "SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'"));
            assertEquals(RolesCommand.actor(), scalar(admin, "SELECT actor FROM lakesync.audit_log"
                    + " WHERE action = 'create-app-role' AND target = '" + name + "' ORDER BY id LIMIT 1"));
        }
    }
}
