package io.lakesync.server.cli;

import io.lakesync.client.Json;
import io.lakesync.client.model.Run;
import io.lakesync.client.model.RunPage;
import io.lakesync.client.model.SyncRequestAnswer;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.SyncedTablePage;
import io.lakesync.client.model.TableUpdate;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lakesync tables ...}: look at and operate the synced tables of a running server over its REST API. */
@Command(name = "tables", mixinStandardHelpOptions = true, versionProvider = LakesyncCli.Version.class,
        description = {"List, inspect and operate the synced tables of a running server.",
                "Create and change them with `lakesync apply -f FILE`; start a server with",
                "`lakesync server`."},
        footer = {"", "Every subcommand takes --server URL (default $LAKESYNC_SERVER_URL, else",
                "http://localhost:8080) and --token TOKEN (default $LAKESYNC_API_TOKEN).",
                "Exit codes: 0 success, 1 the request failed (the message says why), 2 usage."})
final class TablesCommand {

    static final String NAME_HELP = "The synced table: its PostgreSQL target SCHEMA.TABLE.";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the synced tables: state, version, lag, rows, SLA, last sync.")
    int list(@Mixin ServerConnection server,
            @Option(names = "--json", description = "Print the JSON of the API instead of a table.") boolean json) {
        return server.run(client -> {
            List<SyncedTable> tables = client.listSyncedTables();
            print(server.out(), json ? Json.writePretty(new SyncedTablePage(tables, null)) + "\n"
                    : TableFormat.list(tables, Instant.now()));
            return 0;
        });
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one synced table: its definition and status.")
    int get(@Mixin ServerConnection server,
            @Parameters(paramLabel = "NAME", description = NAME_HELP) String name,
            @Option(names = "--json", description = "Print the JSON of the API instead.") boolean json) {
        return server.run(client -> {
            SyncedTable table = client.getSyncedTable(name);
            print(server.out(), json ? Json.writePretty(table) + "\n" : TableFormat.details(table, Instant.now()));
            return 0;
        });
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Start a sync now (not twice: a running sync is left to finish).")
    int sync(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return server.run(client -> answer(server.out(), client.syncNow(name)));
    }

    @Command(name = "full-refresh", mixinStandardHelpOptions = true,
            description = {"Copy the whole source again and swap it in when complete.",
                    "Readers keep the current data until then."})
    int fullRefresh(@Mixin ServerConnection server,
            @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return server.run(client -> answer(server.out(), client.fullRefresh(name)));
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Stop syncing the table and forget its definition.",
                    "The PostgreSQL table stays with its last data unless --purge-data is given."})
    int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name,
            @Option(names = "--purge-data", description = "Drop the PostgreSQL table too.") boolean purgeData) {
        return server.run(client -> {
            client.deleteSyncedTable(name, purgeData);
            print(server.out(), "deleted " + name + (purgeData ? " and dropped its PostgreSQL table"
                    : " (its PostgreSQL table stays; --purge-data drops it)") + "\n");
            return 0;
        });
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Show the table's latest runs, newest first.")
    int runs(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                    description = "How many runs to show (default ${DEFAULT-VALUE}).") int limit,
            @Option(names = "--json", description = "Print the JSON of the API instead of a table.") boolean json) {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(server.mixee.commandLine(),
                    "--limit must be at least 1 (got " + limit + ").");
        }
        return server.run(client -> {
            List<Run> runs = new ArrayList<>();
            String token = null;
            do {
                RunPage page = client.runs(name, limit - runs.size(), token);
                runs.addAll(page.runs().subList(0, Math.min(page.runs().size(), limit - runs.size())));
                token = page.runs().isEmpty() ? null : page.nextPageToken();
            } while (token != null && runs.size() < limit);
            print(server.out(), json ? Json.writePretty(new RunPage(runs, token)) + "\n"
                    : TableFormat.runs(runs, Instant.now()));
            return 0;
        });
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = {"Show what the next sync would insert, update and delete.", "Nothing is applied."})
    int preview(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name,
            @Option(names = "--json", description = "Print the JSON of the API instead.") boolean json) {
        return server.run(client -> {
            io.lakesync.client.model.Preview preview = client.preview(name);
            print(server.out(), json ? Json.writePretty(preview) + "\n" : TableFormat.preview(name, preview));
            return 0;
        });
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause the table: no scheduled or continuous runs until resumed.")
    int pause(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return server.run(client -> {
            client.updateSyncedTable(name, TableUpdate.pause());
            print(server.out(), "paused " + name + "\n");
            return 0;
        });
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused table.")
    int resume(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME", description = NAME_HELP) String name) {
        return server.run(client -> {
            client.updateSyncedTable(name, TableUpdate.resume());
            print(server.out(), "resumed " + name + "\n");
            return 0;
        });
    }

    private static int answer(PrintWriter out, SyncRequestAnswer answer) {
        print(out, (answer.message() == null ? (answer.accepted() ? "started" : "not started") : answer.message()) + "\n");
        return 0;
    }

    private static void print(PrintWriter out, String text) {
        out.print(text);
        out.flush();
    }
}
