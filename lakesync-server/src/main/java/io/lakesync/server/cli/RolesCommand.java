package io.lakesync.server.cli;

import io.lakesync.client.Json;
import io.lakesync.core.model.TableName;
import io.lakesync.postgres.PostgresSink;
import io.lakesync.postgres.roles.AppRole;
import io.lakesync.postgres.roles.AppRoleInfo;
import io.lakesync.postgres.roles.AppRoles;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakesync roles ...}: login roles for applications, read-only on synced tables, each owning
 * a schema for its own tables. Talks to the database directly, like {@code sync}; every operation
 * is written to {@code lakesync.audit_log} as {@code cli:<os user>}.
 */
@Command(name = "roles", mixinStandardHelpOptions = true, versionProvider = LakesyncCli.Version.class,
        description = {"Manage the PostgreSQL login roles applications use (app roles).",
                "An app role may SELECT the synced tables it is given, nothing more: synced",
                "tables stay owned by lakesync's user, so the app can never insert, update,",
                "delete, truncate, alter or drop them. It owns a schema of its own (its state",
                "schema) for its own tables. Its grants survive full refreshes."},
        footer = {"", "Every subcommand takes --jdbc-url URL (default $LAKESYNC_JDBC_URL, else the",
                "embedded PostgreSQL); its user needs CREATEROLE (or to be a superuser) and",
                "CREATE on the database. Every operation is written to lakesync.audit_log.",
                "Example:",
                "  lakesync roles create-app support_portal --read support.incidents",
                "Exit codes: 0 success, 1 the operation failed (the message says why),",
                "2 bad usage."})
final class RolesCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    /** The {@code --jdbc-url} option of each subcommand. */
    static final class Database {
        @Option(names = "--jdbc-url", paramLabel = "URL", description = "jdbc:postgresql://host:port/db?user=..&password=.."
                + " (default: $LAKESYNC_JDBC_URL, else the embedded PostgreSQL).")
        String jdbcUrl;
    }

    @Command(name = "create-app", mixinStandardHelpOptions = true,
            description = {"Create a login role for an app; its generated password is shown once.",
                    "It may read the synced tables given with --read, and owns the schema",
                    "--state-schema (default: its name, where the default search_path puts",
                    "its unqualified tables)."})
    int createApp(@Mixin Database database,
            @Parameters(paramLabel = "NAME", description = "The role: a lowercase identifier, e.g. support_portal.")
            String name,
            @Option(names = "--read", required = true, split = ",", paramLabel = "SCHEMA.TABLE",
                    description = "Synced tables the app may read, comma-separated.") List<String> read,
            @Option(names = "--state-schema", paramLabel = "SCHEMA",
                    description = "The schema the app owns for its own tables (default: NAME).") String stateSchema,
            @Option(names = "--json", description = "Print the role as JSON (with its password) instead.") boolean json) {
        List<TableName> tables = read.stream().map(String::trim).filter(t -> !t.isEmpty()).map(TableName::parse)
                .toList();
        return withRoles(database, (roles, address) -> {
            AppRole role = roles.createApp(name, tables, Optional.ofNullable(stateSchema));
            PrintWriter out = out();
            if (json) {
                out.println(Json.writePretty(io.lakesync.client.model.AppRole.created(role.name(), role.password(),
                        role.stateSchema(), role.readable().stream().map(TableName::toString).toList())));
            } else {
                out.print(created(role, address));
            }
            out.flush();
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the app roles lakesync created.")
    int list(@Mixin Database database) {
        return withRoles(database, (roles, address) -> {
            PrintWriter out = out();
            out.print(table(roles.list()));
            out.flush();
            return 0;
        });
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = {"Drop an app role lakesync created.",
                    "Its state schema and tables stay, owned by lakesync's user from then on,",
                    "unless --drop-state-schema is given."})
    int drop(@Mixin Database database, @Parameters(paramLabel = "NAME", description = "The app role.") String name,
            @Option(names = "--drop-state-schema", description = "Drop the app's state schema with all its tables too.")
            boolean dropStateSchema) {
        return withRoles(database, (roles, address) -> {
            roles.dropApp(name, dropStateSchema);
            out().println("dropped the app role " + name + (dropStateSchema ? " and its state schema"
                    : " (its state schema stays, now owned by lakesync's user; --drop-state-schema drops it)"));
            out().flush();
            return 0;
        });
    }

    @Command(name = "grant-read", mixinStandardHelpOptions = true,
            description = "Let an app role read more synced tables.")
    int grantRead(@Mixin Database database, @Parameters(paramLabel = "NAME", description = "The app role.") String name,
            @Option(names = "--read", required = true, split = ",", paramLabel = "SCHEMA.TABLE",
                    description = "Synced tables the app may read too, comma-separated.") List<String> read) {
        return withRoles(database, (roles, address) -> {
            for (String table : read) {
                if (!table.isBlank()) {
                    roles.grantRead(name, TableName.parse(table.trim()));
                    out().println(name + " may read " + table.trim());
                }
            }
            out().flush();
            return 0;
        });
    }

    /** Work with the app roles of the resolved database, and its address (for connection hints). */
    private interface RolesWork {
        int run(AppRoles roles, String address);
    }

    private int withRoles(Database database, RolesWork work) {
        String url = TargetDatabase.resolve(database.jdbcUrl, System.err);
        try (PostgresSink sink = PostgresSink.connect(url)) {
            return work.run(sink.appRoles(actor(), null), sink.url().address());
        }
    }

    /** Who runs the command, for the audit log. */
    static String actor() {
        String user = System.getProperty("user.name");
        return "cli:" + (user == null || user.isBlank() ? "unknown" : user);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    static String created(AppRole role, String address) {
        String base = withoutQuery(address.startsWith("jdbc:") ? address.substring("jdbc:".length()) : address);
        String hostAndDatabase = base.substring(base.indexOf("://") + 3);
        StringBuilder text = new StringBuilder();
        text.append("created the app role ").append(role.name()).append('\n');
        text.append("  reads:        ").append(role.readable().isEmpty() ? "(no synced table yet)"
                : String.join(", ", role.readable().stream().map(TableName::toString).toList())).append('\n');
        text.append("  state schema: ").append(role.stateSchema()).append(" (owned by the app, for its own tables)\n");
        text.append("  password:     ").append(role.password()).append('\n');
        text.append("The password is shown this once: lakesync keeps only a hash. Connect with:\n");
        text.append("  psql \"postgresql://").append(role.name()).append(':').append(role.password()).append('@')
                .append(hostAndDatabase).append("\"\n");
        text.append("  jdbc:").append(base).append("?user=").append(role.name()).append("&password=")
                .append(role.password()).append('\n');
        return text.toString();
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    static String table(List<AppRoleInfo> roles) {
        if (roles.isEmpty()) {
            return "no app roles yet; create one with: lakesync roles create-app NAME --read SCHEMA.TABLE\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE SCHEMA", "READS", "CREATED", "BY"});
        for (AppRoleInfo role : roles) {
            rows.add(new String[] {role.name() + (role.roleExists() ? "" : " (role dropped outside lakesync)"),
                    role.stateSchema(), role.readable().isEmpty() ? "-"
                            : String.join(",", role.readable().stream().map(TableName::toString).toList()),
                    WHEN.format(role.createdAt()), role.createdBy()});
        }
        return columns(rows);
    }

    private static String columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
