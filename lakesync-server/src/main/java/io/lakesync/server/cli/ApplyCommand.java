package io.lakesync.server.cli;

import io.lakesync.client.LakesyncApiException;
import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.server.cli.TableDefinitionsDiff.Conflict;
import io.lakesync.server.cli.TableDefinitionsDiff.Create;
import io.lakesync.server.cli.TableDefinitionsDiff.FieldChange;
import io.lakesync.server.cli.TableDefinitionsDiff.Plan;
import io.lakesync.server.cli.TableDefinitionsDiff.Update;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lakesync apply -f FILE}: make the server's synced tables match a YAML file of definitions. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = LakesyncCli.Version.class,
        description = {"Create or update synced tables so the server matches a YAML file.",
                "Absent tables are created; tables that differ in a changeable field",
                "(scheduling_policy, schedule, freshness_sla_seconds, extra_index_definitions,",
                "paused) are updated; equal ones are left alone. If source_table,",
                "primary_key_columns, timeseries_key or columns differ, nothing is changed at",
                "all: delete that table and apply again. Tables the file does not list are left",
                "alone, and paused is enforced only when the file sets it. Prints one line per",
                "table: created, updated (with the changes) or unchanged."},
        footer = {"", "File format (a relative source_table is relative to the file's folder):",
                "  synced_tables:",
                "    - name: gold.churn_predictions",
                "      spec:",
                "        source_table: samples/churn_predictions",
                "        primary_key_columns: [customer_id]",
                "        scheduling_policy: TRIGGERED        # or SNAPSHOT, CONTINUOUS",
                "        schedule: {interval_seconds: 300}",
                "        freshness_sla_seconds: 600",
                "      paused: false",
                "scheduling_policy defaults to TRIGGERED. schedule (TRIGGERED only) is one of",
                "{interval_seconds: N}, {cron: \"*/5 * * * *\"} (UTC) or {on_source_change: true}.",
                "Optional spec fields: timeseries_key, columns, extra_index_definitions.",
                "Exit codes: 0 success, 1 the file is invalid or a request failed, 2 bad usage."})
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    ServerConnection server;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "YAML file of synced table definitions.")
    Path file;

    @Option(names = "--dry-run", description = "Print what would change, and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        // The file is checked completely before the server is asked anything.
        List<SyncedTable> desired = TableDefinitionsFile.read(file);
        return server.run(client -> apply(client, desired, server.out(), server.mixee.commandLine().getErr()));
    }

    private int apply(LakesyncClient client, List<SyncedTable> desired, PrintWriter out, PrintWriter err) {
        List<Plan> plans = new ArrayList<>();
        for (SyncedTable table : desired) {
            plans.add(TableDefinitionsDiff.plan(table, client.findSyncedTable(table.name())));
        }
        List<Conflict> conflicts = plans.stream().filter(p -> p instanceof Conflict).map(p -> (Conflict) p)
                .collect(Collectors.toList());
        if (!conflicts.isEmpty()) {
            conflicts.forEach(conflict -> err.println("lakesync: " + describe(conflict)));
            err.println("lakesync: nothing was changed.");
            err.flush();
            return LakesyncCli.EXIT_FAILED;
        }
        int failures = 0;
        for (Plan plan : plans) {
            try {
                out.println(execute(plan, dryRun ? null : client));
            } catch (LakesyncApiException e) {
                // One bad table does not hold back the others; the exit code still reports it.
                err.println("lakesync: " + plan.name() + ": " + e.getMessage());
                failures++;
            }
        }
        if (dryRun) {
            out.println("(dry run: nothing was changed)");
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : LakesyncCli.EXIT_FAILED;
    }

    /** Carries out {@code plan}, or only describes it when {@code client} is null (dry run); returns the line to print. */
    private static String execute(Plan plan, LakesyncClient client) {
        boolean dry = client == null;
        if (plan instanceof Create) {
            if (!dry) {
                client.createSyncedTable(((Create) plan).table());
            }
            return (dry ? "would create " : "created ") + plan.name();
        }
        if (plan instanceof Update) {
            Update update = (Update) plan;
            if (!dry) {
                client.updateSyncedTable(update.name(), update.update());
            }
            return (dry ? "would update " : "updated ") + plan.name() + ": " + update.changes().stream()
                    .map(FieldChange::toString).collect(Collectors.joining(", "));
        }
        return "unchanged " + plan.name();
    }

    static String describe(Conflict conflict) {
        String fields = conflict.immutableChanges().stream().map(c -> "spec." + c.field() + " (on the server: "
                + c.current() + "; in the file: " + c.desired() + ")").collect(Collectors.joining(", "));
        return conflict.name() + ": " + fields + " cannot change in place: it defines what the PostgreSQL table"
                + " holds. Delete the synced table (`lakesync tables delete " + conflict.name() + "`, with"
                + " --purge-data to drop its PostgreSQL table) and run apply again, or put the server's value back"
                + " in the file.";
    }
}
