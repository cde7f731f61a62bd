package io.lakesync.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lakesync} command line (DESIGN §4): one subcommand per task. */
@Command(name = "lakesync",
        mixinStandardHelpOptions = true,
        versionProvider = LakesyncCli.Version.class,
        description = "Keeps PostgreSQL tables in step with Delta Lake tables.",
        subcommands = {SyncCommand.class, VerifyCommand.class, ServerCommand.class, ApplyCommand.class, TablesCommand.class, RolesCommand.class, PostgresCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Without --jdbc-url (or LAKESYNC_JDBC_URL) commands use an embedded PostgreSQL whose data lives in",
                "$LAKESYNC_HOME/postgres (default ~/.lakesync/postgres), started on first use.",
                "Exit codes: 0 success, 1 sync failed (the message names the error code), 2 bad usage,",
                "3 verify found differences.",
                "", "The support-portal demo: ./lakesync demo (see ./lakesync demo --help)."})
public final class LakesyncCli {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DIFFERENT = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line with the process's stdout/stderr and returns the exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LakesyncCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureReporter());
        setUsageExitCode(cli);
        return cli.execute(args);
    }

    private static void setUsageExitCode(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        cli.getSubcommands().values().forEach(LakesyncCli::setUsageExitCode);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LakesyncCli.class.getPackage().getImplementationVersion();
            return new String[] {"lakesync " + (version == null ? "development build" : version)};
        }
    }
}
