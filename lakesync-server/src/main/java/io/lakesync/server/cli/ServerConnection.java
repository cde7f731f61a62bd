package io.lakesync.server.cli;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.LakesyncClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --server} and {@code --token} options of the commands that talk to a running lakesync
 * server, and the one place that turns a client failure into the CLI's single error line.
 */
final class ServerConnection {

    static final String DEFAULT_SERVER = "http://localhost:8080";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:LAKESYNC_SERVER_URL:-" + DEFAULT_SERVER + "}",
            description = "The lakesync server (default: $LAKESYNC_SERVER_URL, else " + DEFAULT_SERVER + ").")
    String server;

    // No ${DEFAULT-VALUE} in the description: --help must not print the token.
    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LAKESYNC_API_TOKEN}",
            description = "The server's API token (default: $LAKESYNC_API_TOKEN).")
    String token;

    /** Where the command prints its results. */
    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Work done with a client; returns the exit code. */
    interface ClientWork {
        int run(LakesyncClient client);
    }

    /**
     * Runs {@code work} against the server. A client failure (server down, table not found, token
     * refused, ...) becomes one line on stderr, {@code lakesync: <message>}, and exit code 1; a
     * malformed --server URL is a usage error (exit 2).
     */
    int run(ClientWork work) {
        LakesyncClient client;
        try {
            client = LakesyncClient.builder().baseUrl(server).token(token).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "Invalid value for --server: " + e.getMessage());
        }
        try {
            return work.run(client);
        } catch (LakesyncClientException e) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("lakesync: " + e.getMessage());
            if ("1".equals(System.getenv("LAKESYNC_DEBUG"))) {
                e.printStackTrace(err);
            }
            err.flush();
            return LakesyncCli.EXIT_FAILED;
        }
    }
}
