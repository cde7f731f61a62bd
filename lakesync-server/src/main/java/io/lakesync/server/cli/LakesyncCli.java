package io.lakesync.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lakesync} command line (DESIGN §4): one subcommand per task. */
@Command(name = "lakesync",
        mixinStandardHelpOptions = true,
        versionProvider = LakesyncCli.Version.class,
        description = "Keeps PostgreSQL tables in step with Delta Lake tables.",
        subcommands = {SyncCommand.class, VerifyCommand.class, PostgresCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Without --jdbc-url (or LAKESYNC_JDBC_URL) commands use an embedded PostgreSQL whose data lives in",
                "$LAKESYNC_HOME/postgres (default ~/.lakesync/postgres), started on first use.",
                "Exit codes: 0 success, 1 sync failed (the message names the error code), 2 bad usage,",
                "3 verify found differences."})
public final class LakesyncCli {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DIFFERENT = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LakesyncCli());
        cli.setExitCodeExceptionMapper(e -> EXIT_FAILED);
        cli.setExecutionExceptionHandler(new FailureReporter());
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LakesyncCli.class.getPackage().getImplementationVersion();
            return new String[] {"lakesync " + (version == null ? "development build" : version)};
        }
    }
}
