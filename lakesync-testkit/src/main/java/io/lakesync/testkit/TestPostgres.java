package io.lakesync.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server tests run against: the one named by {@code LAKESYNC_TEST_JDBC_URL}
 * (a superuser URL with credentials) or else one embedded server per JVM (zonky, PG 17). Each
 * caller of {@link #newDatabase()} gets a database of its own, so tests never see each other's
 * tables.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile String adminUrl;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** A fresh, empty database; returns its JDBC URL with credentials. */
    public static String newDatabase() {
        String admin = adminUrl();
        String name = "lakesync_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " via " + admin, e);
        }
        return withDatabase(admin, name);
    }

    /** The superuser URL of the server (database postgres). */
    public static synchronized String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv("LAKESYNC_TEST_JDBC_URL");
            adminUrl = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return adminUrl;
    }

    /** Port of the embedded server, or -1 when an external server is used. */
    public static synchronized int embeddedPort() {
        adminUrl();
        return embedded == null ? -1 : embedded.getPort();
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL for tests", e);
        }
        EmbeddedPostgres started = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is exiting; the temporary data directory goes with it
            }
        }));
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    static String withDatabase(String url, String database) {
        // jdbc:postgresql://host:port/db?params -> replace db
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String rest = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database + rest;
    }
}
