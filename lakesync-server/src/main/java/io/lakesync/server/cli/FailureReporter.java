package io.lakesync.server.cli;

import io.lakesync.core.error.LakesyncException;
import picocli.CommandLine;

/**
 * Turns a failure into one readable line on stderr: {@code lakesync: CODE: message}. The stack
 * trace is printed only with LAKESYNC_DEBUG=1, because users act on the message, not the trace.
 */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String line = e instanceof LakesyncException le ? le.describe() : "INTERNAL_ERROR: " + e;
        cli.getErr().println("lakesync: " + line);
        if ("1".equals(System.getenv("LAKESYNC_DEBUG"))) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return LakesyncCli.EXIT_FAILED;
    }
}
