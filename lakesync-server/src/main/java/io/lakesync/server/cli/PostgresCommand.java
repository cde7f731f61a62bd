package io.lakesync.server.cli;

import io.lakesync.server.postgres.EmbeddedPostgresServer;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakesync postgres start|status|stop}: the embedded PostgreSQL used when no --jdbc-url is given. */
@Command(name = "postgres", mixinStandardHelpOptions = true, versionProvider = LakesyncCli.Version.class,
        description = {"Manage the embedded PostgreSQL (data in $LAKESYNC_HOME/postgres, default ~/.lakesync/postgres;",
                "port $LAKESYNC_EMBEDDED_PORT, default 54329). Commands start it on first use and leave it running."})
final class PostgresCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "start", description = "Start the embedded PostgreSQL (if not running) and print how to connect.")
    int start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.fromEnvironment();
        String url = server.ensureRunning();
        PrintWriter out = spec.commandLine().getOut();
        out.println("running on port " + server.port() + ", data in " + server.dataDirectory());
        out.println("JDBC URL: " + url);
        out.println("psql:     " + server.psqlCommand());
        out.flush();
        return 0;
    }

    @Command(name = "status", description = "Say whether the embedded PostgreSQL runs (exit 0 when it does, 1 when not).")
    int status() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.fromEnvironment();
        PrintWriter out = spec.commandLine().getOut();
        boolean running = server.isRunning();
        out.println(running ? "running on port " + server.port() + ", data in " + server.dataDirectory()
                + "\npsql: " + server.psqlCommand() : "not running (data in " + server.dataDirectory() + ")");
        out.flush();
        return running ? 0 : 1;
    }

    @Command(name = "stop", description = "Stop the embedded PostgreSQL; its data stays for the next start.")
    int stop() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.fromEnvironment();
        boolean stopped = server.stop();
        PrintWriter out = spec.commandLine().getOut();
        out.println(stopped ? "stopped" : "was not running");
        out.flush();
        return 0;
    }
}
