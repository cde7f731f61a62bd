package io.lakesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesync.examples.portal.PortalServer;
import io.lakesync.examples.portal.PortalSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run portal}: how fast the support portal serves its JSON API from the synced table.
 * The portal runs in this JVM as its app role against a database holding N incidents (plus the
 * team's state and comments); closed-loop clients send {@code GET /api/incidents/{id}} for random
 * ids and the dashboard's list query, at 8 and 32 clients. The raw limit is the same lookup SQL
 * straight through JDBC with a pool of the same size, measured in the same run, interleaved with
 * the portal's lookups so both see the same machine. Clients, portal and PostgreSQL share the
 * machine's cores: the CPU each used per request is printed with the figures.
 */
final class PortalBenchmark {

    private static final int[] CLIENTS = {8, 32};
    private static final String LIST = "/api/incidents";
    private static final String LIST_FILTERED = "/api/incidents?risk_band=high&status=open";
    private static final String JETTY_THREADS = "JettyServerThreadPool";
    private static final int MAX_JIT_WARM_UP_SECONDS = 240;
    /** The target for the lookups on this machine. */
    private static final double TARGET_P99_MS = 10;
    private static final int TARGET_RPS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PortalOptions options;

    PortalBenchmark(PortalOptions options) {
        this.options = options;
    }

    void run() throws Exception {
        ResultPrinter.line("portal: the support portal's JSON API against %,d incidents, pool size %d, %d s per"
                + " scenario after a %d s warm-up", options.incidents(), options.poolSize(), options.durationSeconds(),
                PortalOptions.WARM_UP_SECONDS);
        ResultPrinter.line("%s", MachineLoad.describe());
        BenchDatabase server = BenchDatabase.start();
        long postmaster = server.postmasterPid();
        long started = System.nanoTime();
        PortalDataset.Database db = PortalDataset.create(server.jdbcUrl(), options.incidents());
        try {
            // the portal makes its own tables (Flyway, as its app role); the team's work goes in after
            try (PortalServer portal = PortalServer.start(PortalSettings.of(db.appUrl()).withPort(0)
                    .withPoolSize(options.poolSize()));
                    RawLookups raw = new RawLookups(db.appUrl(), options.poolSize(), options.incidents());
                    ProcessUsage jvm = new ProcessUsage(ProcessHandle.current().pid())) {
                String work = PortalDataset.addWork(db);
                ResultPrinter.line("data: %s; %s; prepared in %.1f s", PortalDataset.describe(db), work,
                        (System.nanoTime() - started) / 1e9);
                ResultPrinter.line("portal: %s as app role %s, %d PostgreSQL connections (and %d for the raw limit)",
                        portal.url(), db.appRole(), options.poolSize(), options.poolSize());
                check(portal, db, raw);
                measure(portal, raw, new ClosedLoop(PortalOptions.WARM_UP_SECONDS, options.durationSeconds(),
                        postmaster, jvm));
            }
        } finally {
            PortalDataset.drop(server.jdbcUrl(), db);
        }
    }

    private void measure(PortalServer portal, RawLookups raw, ClosedLoop loop) throws Exception {
        PortalClients http = new PortalClients("127.0.0.1", portal.port());
        List<ServingResult> lookups = new ArrayList<>();
        List<ServingResult> rawLookups = new ArrayList<>();
        List<ServingResult> lists = new ArrayList<>();
        int scenarios = CLIENTS.length * 6 + 1;
        ResultPrinter.line("JIT warm-up (at most %d s), then %d scenarios of %d s each...", MAX_JIT_WARM_UP_SECONDS,
                scenarios, PortalOptions.WARM_UP_SECONDS + options.durationSeconds());
        warmUp(http, raw);
        for (int clients : CLIENTS) {
            // raw and portal back to back, so that both see the same load from the rest of the machine
            rawLookups.add(progress(loop.run("raw JDBC lookup", clients, raw.clients())));
            lookups.add(progress(loop.run("portal lookup", clients,
                    http.rawSocket(PortalClients.randomLookups(options.incidents())))));
        }
        ServingResult stock = progress(loop.run("portal lookup, java.net.http", CLIENTS[CLIENTS.length - 1],
                http.javaHttpClient(PortalClients.randomLookups(options.incidents()))));
        for (int clients : CLIENTS) {
            lists.add(progress(loop.run("portal list (default)", clients, http.rawSocket(PortalClients.fixed(LIST)))));
        }
        for (int clients : CLIENTS) {
            lists.add(progress(loop.run("portal list (high, open)", clients,
                    http.rawSocket(PortalClients.fixed(LIST_FILTERED)))));
        }
        print(lookups, rawLookups, stock, lists);
        if (options.profile()) {
            profile(http);
        }
        int best = better(lookups);
        ServingResult headline = lookups.get(best);
        ServingResult rawHeadline = rawLookups.get(best);
        ResultPrinter.line("");
        ResultPrinter.line("target: p99 < %.0f ms at >= %,d requests/s. The last line gives the %d-client lookups, the"
                + " better of %s (%s).", TARGET_P99_MS, TARGET_RPS, headline.clients(), clientCounts(),
                "within the p99 target and faster; or, if both or neither are within it, faster");
        ResultPrinter.summary(String.format(Locale.ROOT, "portal_lookup_rps=%.0f p99_ms=%.2f vs_raw=%.2f",
                headline.perSecond(), headline.p99Millis(), headline.perSecond() / rawHeadline.perSecond()));
    }

    /**
     * Of the lookup scenarios, the one within the p99 target when only one is; otherwise the one
     * with more requests per second. (At 32 closed-loop clients on two cores the p99 is mostly
     * queueing for a core: the raw limit's own p99 is far above 10 ms there.)
     */
    private static int better(List<ServingResult> lookups) {
        int best = 0;
        for (int i = 1; i < lookups.size(); i++) {
            boolean inTarget = lookups.get(i).p99Millis() < TARGET_P99_MS;
            boolean bestInTarget = lookups.get(best).p99Millis() < TARGET_P99_MS;
            if (inTarget != bestInTarget ? inTarget : lookups.get(i).perSecond() > lookups.get(best).perSecond()) {
                best = i;
            }
        }
        return best;
    }

    private static String clientCounts() {
        StringBuilder text = new StringBuilder();
        for (int clients : CLIENTS) {
            text.append(text.length() == 0 ? "" : " and ").append(clients);
        }
        return text.toString();
    }

    /** Every code path under load until the JIT compilers are done ({@link JitWarmUp}). */
    private void warmUp(PortalClients http, RawLookups raw) throws Exception {
        int clients = CLIENTS[CLIENTS.length - 1];
        try (ProcessUsage jvm = new ProcessUsage(ProcessHandle.current().pid())) {
            JitWarmUp.run(List.of(
                    new JitWarmUp.Path("warm-up lookup", clients,
                            http.rawSocket(PortalClients.randomLookups(options.incidents()))),
                    new JitWarmUp.Path("warm-up list", clients, http.rawSocket(PortalClients.fixed(LIST))),
                    new JitWarmUp.Path("warm-up list", clients, http.rawSocket(PortalClients.fixed(LIST_FILTERED))),
                    new JitWarmUp.Path("warm-up raw", clients, raw.clients())), MAX_JIT_WARM_UP_SECONDS, jvm);
        }
    }

    private static ServingResult progress(ServingResult r) {
        System.err.printf(Locale.ROOT, "  %-30s %3d clients: %,8.0f req/s  p50 %.2f ms  p99 %.2f ms%n",
                r.scenario(), r.clients(), r.perSecond(), r.p50Millis(), r.p99Millis());
        if (r.firstFailure() != null || r.errors() > 0) {
            System.err.println("    " + r.errors() + " failed requests; first failure: " + r.firstFailure());
        }
        return r;
    }

    private void print(List<ServingResult> lookups, List<ServingResult> rawLookups, ServingResult stock,
            List<ServingResult> lists) {
        ResultPrinter.line("");
        ResultPrinter.line("%-30s %7s %10s %8s %8s %8s %7s %12s", "scenario", "clients", "requests/s", "p50 ms",
                "p99 ms", "max ms", "errors", "portal/raw");
        for (int i = 0; i < lookups.size(); i++) {
            row(rawLookups.get(i), "");
            row(lookups.get(i), String.format(Locale.ROOT, "%.2f",
                    lookups.get(i).perSecond() / rawLookups.get(i).perSecond()));
        }
        ServingResult rawAtStock = rawLookups.get(rawLookups.size() - 1);
        row(stock, String.format(Locale.ROOT, "%.2f", stock.perSecond() / rawAtStock.perSecond()));
        for (ServingResult r : lists) {
            row(r, "");
        }
        ResultPrinter.line("");
        ResultPrinter.line("CPU per request in the measured span (µs), and the machine besides:");
        ResultPrinter.line("%-30s %7s %7s %8s %8s %5s %5s %6s %8s %7s %9s %7s %7s", "scenario", "clients",
                "client", "request", "of which", "JIT", "GC", "other", "Postgre-", "total", "switches", "other",
                "threads");
        ResultPrinter.line("%-30s %7s %7s %8s %8s %5s %5s %6s %8s %7s %9s %7s %7s", "", "", "", "threads", "kernel", "",
                "", "JVM", "SQL", "", "JVM/PG", "procs", "waiting");
        List<ServingResult> all = new ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
            all.add(rawLookups.get(i));
            all.add(lookups.get(i));
        }
        all.add(stock);
        all.addAll(lists);
        for (ServingResult r : all) {
            ClosedLoop.CpuSplit cpu = r.cpu();
            ResultPrinter.line("%-30s %7d %7.0f %8.0f %8.0f %5.0f %5.0f %6.0f %8.0f %7.0f %4.1f/%4.1f %7.2f %7.1f",
                    r.scenario(), r.clients(), cpu.clientMicros(), cpu.requestThreadMicros(),
                    cpu.requestThreadKernelMicros(), cpu.jitMicros(), cpu.gcMicros(), cpu.otherJvmMicros(),
                    cpu.postgresMicros(),
                    cpu.totalMicros(), cpu.jvmSwitches(), cpu.postgresSwitches(), cpu.otherCores(),
                    cpu.waitingThreads());
        }
        ResultPrinter.line("");
        ResultPrinter.line("notes: the clients, the portal and PostgreSQL share this machine's %d cores, with whatever else"
                + " runs on it ('other procs', in cores; 'threads waiting': this JVM's threads ready to run but"
                + " waiting for a core, on average; 'switches': context switches per request).",
                Runtime.getRuntime().availableProcessors());
        ResultPrinter.line("  The load generator is a raw-socket keep-alive HTTP/1.1 client (all its work on its own"
                + " threads); the java.net.http row shows what a stock HttpClient per thread costs instead.");
        ResultPrinter.line("  'request threads' are the portal's Jetty pool (Jetty, Javalin, Jackson, pgjdbc, HikariCP);"
                + " in the raw rows pgjdbc and HikariCP run on the client threads.");
        ResultPrinter.line("  The raw limit runs the portal's lookup SQL through JDBC (HikariCP, pool %d, same app role).",
                options.poolSize());
        ResultPrinter.line("%s", MachineLoad.describe());
    }

    private static void row(ServingResult r, String ratio) {
        ResultPrinter.line("%-30s %7d %,10.0f %8.2f %8.2f %8.1f %7d %12s", r.scenario(), r.clients(), r.perSecond(),
                r.p50Millis(), r.p99Millis(), r.maxMillis(), r.errors(), ratio);
    }

    /** An extra lookup pass at the highest client count, recorded by Java Flight Recorder. */
    private void profile(PortalClients http) throws Exception {
        long seconds = Math.min(15, options.durationSeconds());
        ResultPrinter.line("");
        ResultPrinter.line("profile: %d s of portal lookups at %d clients, Java Flight Recorder execution samples every"
                + " 2 ms (figures of this pass not reported)", seconds, CLIENTS[CLIENTS.length - 1]);
        try (ServingProfile profile = new ServingProfile(JETTY_THREADS);
                ProcessUsage jvm = new ProcessUsage(ProcessHandle.current().pid())) {
            new ClosedLoop(0, seconds, -1, jvm).run("profiled lookup", CLIENTS[CLIENTS.length - 1],
                    http.rawSocket(PortalClients.randomLookups(options.incidents())));
            profile.report(15);
        }
    }

    /**
     * Before measuring: the raw limit gives the same answer (incident, state and thread) as the
     * portal's lookup, and the lists answer with the filters applied.
     */
    private void check(PortalServer portal, PortalDataset.Database db, RawLookups raw) throws Exception {
        String id;
        try (Connection c = DriverManager.getConnection(db.superUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.incident_id FROM portal.incident_comments c JOIN"
                        + " portal.incident_state st USING (incident_id) GROUP BY 1 HAVING count(*) > 1 LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("The prepared data has no incident with a state and comments");
            }
            id = rs.getString(1);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode answer = get(client, portal.url() + "/api/incidents/" + id);
        String[] row = raw.lookup(id);
        JsonNode rawComments = row == null ? null : JSON.readTree(row[RawLookups.COLUMNS - 1]);
        boolean same = row != null && answer.path("incident").path("incident_id").asText().equals(row[0])
                && answer.path("incident").path("title").asText().equals(row[1])
                && answer.path("incident").path("created_at").asText().equals(row[8])
                && answer.path("state").path("status").asText().equals(row[16])
                && answer.path("state").path("owner").asText("").equals(row[17] == null ? "" : row[17])
                && answer.path("comments").equals(rawComments) && rawComments.size() >= 2;
        if (!same) {
            throw new IllegalStateException("The raw limit and the portal disagree on " + id + " (or the answer lacks"
                    + " its thread): portal " + answer + ", raw " + (row == null ? null : String.join(" | ", row)));
        }
        JsonNode list = get(client, portal.url() + LIST);
        JsonNode filtered = get(client, portal.url() + LIST_FILTERED);
        for (JsonNode item : filtered.path("items")) {
            if (!item.path("risk_band").asText().equals("high") || !item.path("status").asText().equals("open")) {
                throw new IllegalStateException("The filtered list " + LIST_FILTERED + " returned " + item);
            }
        }
        ResultPrinter.line("check: lookup of %s (%d comments) matches the raw SQL; list: %d items, filtered list: %d"
                + " items", id, rawComments.size(), list.path("items").size(), filtered.path("items").size());
        if (list.path("items").size() == 0 || filtered.path("items").size() == 0) {
            throw new IllegalStateException("A list came back empty: " + list + " / " + filtered);
        }
    }

    private static JsonNode get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
