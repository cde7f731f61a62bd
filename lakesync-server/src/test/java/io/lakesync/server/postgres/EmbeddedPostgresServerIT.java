package io.lakesync.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL of the default run: starts on demand, outlives its starter, keeps its data. */
class EmbeddedPostgresServerIT {

    @TempDir
    Path home;

    @Test
    void keepsItsDataAcrossAStopAndAStart() throws Exception {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, freePort());
        try {
            assertFalse(server.isRunning());
            String url = server.ensureRunning();
            assertTrue(server.isRunning());
            assertEquals(url, server.ensureRunning(), "a running server is reused, not started twice");
            execute(url, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

            assertTrue(server.stop());
            assertFalse(server.isRunning());
            assertFalse(server.stop(), "stopping a stopped server says so");

            String again = server.ensureRunning();
            assertEquals(42, queryInt(again, "SELECT id FROM kept"));
            assertTrue(home.resolve("postgres").resolve("PG_VERSION").toFile().isFile());
        } finally {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int queryInt(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
