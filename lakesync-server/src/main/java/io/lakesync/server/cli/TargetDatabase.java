package io.lakesync.server.cli;

import io.lakesync.server.postgres.EmbeddedPostgresServer;
import java.io.PrintStream;

/** Decides which PostgreSQL a command talks to: --jdbc-url, else LAKESYNC_JDBC_URL, else the embedded one. */
final class TargetDatabase {

    private TargetDatabase() {
    }

    static String resolve(String jdbcUrlFlag, PrintStream notices) {
        if (jdbcUrlFlag != null && !jdbcUrlFlag.isBlank()) {
            return jdbcUrlFlag;
        }
        String fromEnv = System.getenv("LAKESYNC_JDBC_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.fromEnvironment();
        boolean wasRunning = embedded.isRunning();
        String url = embedded.ensureRunning();
        notices.println("lakesync: using the embedded PostgreSQL " + (wasRunning ? "" : "(started now) ")
                + "on port " + embedded.port() + ", data in " + embedded.dataDirectory());
        notices.println("lakesync: connect with: " + embedded.psqlCommand()
                + "   (stop it with: lakesync postgres stop)");
        return url;
    }
}
