package io.lakesync.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakesync server} as a real process on a real PostgreSQL: killed with SIGKILL in the middle
 * of a CONTINUOUS table that a live writer keeps appending to, a new server process resumes from
 * the watermark and every version ends up applied exactly once; SIGTERM stops it cleanly. The JDBC
 * URL carries a password, which the process never prints.
 */
class ServerProcessIT {

    private static final String TABLE = "live.items";
    private static final String TOKEN = "process-it-" + UUID.randomUUID();
    /** Versions the writer commits after the second server is up, so that it resumes a stream still flowing. */
    private static final int VERSIONS_AFTER_RESTART = 10;

    @TempDir
    Path dir;

    @Test
    void aContinuousTableResumesAfterSigkillWithEveryVersionAppliedOnce() throws Exception {
        Pg.UrlWithPassword secret = Pg.withPassword(TestPostgres.newDatabase());
        String url = secret.url();
        String password = secret.password();
        Pg pg = new Pg(url);
        Items items = Items.create(dir.resolve("items"));
        items.append(20_000, 5_000);

        Writer writer = new Writer(items);
        try (ServerProcess first = start("first", url, Map.of(), List.of())) {
            SyncedTables tables = new SyncedTables(Http.to(first.awaitListening(), TOKEN));
            tables.create(TABLE, items.path(), "CONTINUOUS", Map.of());
            tables.awaitSynced(TABLE, 1, "ONLINE_CONTINUOUS_UPDATE");
            writer.start();
            Wait.until("the first server to follow a few versions", () -> pg.watermark(TABLE).orElse(-1) >= 5
                    || !first.isAlive(), first::output);
            assertTrue(first.isAlive(), first::output);
            // aim the kill at a run in flight; should none be caught, the kill still lands mid-stream
            Wait.until("a run in flight", () -> running(pg) || !first.isAlive(), first::output);
            first.kill();
            assertFalse(first.output().contains(password), "the first server printed the database password");
        }
        long atKill = pg.watermark(TABLE).getAsLong();
        long writtenAtKill = items.newest();
        List<Long> cutShort = pg.runs(TABLE).stream().filter(r -> "RUNNING".equals(r.outcome()))
                .map(Pg.RunRow::runId).toList();

        try (ServerProcess second = start("second", url, Map.of(), List.of())) {
            SyncedTables tables = new SyncedTables(Http.to(second.awaitListening(), TOKEN));
            long restartedAt = items.newest();
            Wait.until("the writer to go on after the restart", () -> items.newest() >= restartedAt + VERSIONS_AFTER_RESTART
                    || writer.failure() != null, () -> "newest " + items.newest());
            writer.stop();
            long newest = items.newest();
            JsonNode caughtUp = tables.awaitSynced(TABLE, newest, "ONLINE_CONTINUOUS_UPDATE");
            assertEquals(items.rows(), SyncedTables.status(caughtUp).path("row_count").asLong(), caughtUp::toString);
            assertTrue(newest > writtenAtKill && writtenAtKill >= atKill, () -> "kill at watermark " + atKill
                    + ", written " + writtenAtKill + ", newest " + newest);

            assertEquals(List.of(), pg.differences(items.expectedSql(), "SELECT " + Items.COLUMNS + " FROM " + TABLE));
            List<Pg.RunRow> runs = pg.runs(TABLE);
            assertEquals(List.of(), Pg.chainProblems(runs, newest), () -> "runs: " + runs);
            List<Long> crashed = runs.stream().filter(r -> !r.succeeded()).map(Pg.RunRow::runId).toList();
            assertEquals(cutShort, crashed, () -> "the only unsuccessful run is the one the kill cut short: " + runs);
            assertTrue(runs.stream().filter(r -> cutShort.contains(r.runId())).allMatch(r -> "CRASHED".equals(r.outcome())),
                    () -> "a run the kill cut short is CRASHED once the table runs again: " + runs);
            System.out.printf("ServerProcessIT: SIGKILL at watermark %d with %s in flight; %d versions written,"
                    + " %d runs of which %d CRASHED%n", atKill, cutShort.isEmpty() ? "no run" : "run " + cutShort,
                    newest, runs.size(), crashed.size());
            assertFalse(second.output().contains(password), "the second server printed the database password");
        } finally {
            writer.stop();
        }
    }

    @Test
    void sigtermStopsTheServerWithExitZeroAndPrintsNoPassword() {
        Pg.UrlWithPassword secret = Pg.withPassword(TestPostgres.newDatabase());
        String url = secret.url();
        String password = secret.password();
        Items items = Items.create(dir.resolve("items"));
        items.append(100);
        // INFO logs (the packaged logback.xml, not the test one) so that more of what the server says is checked
        try (ServerProcess server = start("sigterm", url, Map.of("LAKESYNC_LOG_LEVEL", "INFO"),
                List.of("-Dlogback.configurationFile=logback.xml"))) {
            Http http = Http.to(server.awaitListening(), TOKEN);
            SyncedTables tables = new SyncedTables(http);
            tables.create("term.items", items.path(), "TRIGGERED", Map.of());
            tables.awaitSynced("term.items", 1, "ONLINE_NO_PENDING_UPDATE");
            http.get("/health");
            http.post(SyncedTables.BASE, SyncedTables.body("term.bad", dir.resolve("nothing").toString(), "TRIGGERED",
                    Map.of()));

            int exit = server.terminate(Duration.ofSeconds(60));
            String output = server.output();
            assertEquals(0, exit, output);
            assertTrue(server.stdout().contains("lakesync: server stopped"), output);
            assertTrue(server.stderr().contains("lakesync: stopping"), output);
            assertTrue(server.stderr().contains(" INFO "), () -> "INFO logs were on: " + output);
            assertFalse(output.contains(password), () -> "the server printed the database password:\n" + output);
            for (String answer : http.answersSeen()) {
                assertFalse(answer.contains(password), () -> "an answer contains the password: " + answer);
            }
        }
    }

    private ServerProcess start(String name, String url, Map<String, String> environment, List<String> jvmOptions) {
        return ServerProcess.start(dir.resolve("logs"), name, List.of("--jdbc-url", url, "--api-token", TOKEN,
                "--poll-interval-ms", "50"), environment, jvmOptions);
    }

    private static boolean running(Pg pg) {
        return pg.runs(TABLE).stream().anyMatch(r -> "RUNNING".equals(r.outcome()));
    }

    /** A live writer: appends a version of new keys every 100 ms until stopped. */
    private static final class Writer {
        private final Items items;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private Thread thread;

        Writer(Items items) {
            this.items = items;
        }

        void start() {
            thread = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        items.append(1_000 + (i % 7) * 300L, 1_000);
                        Wait.sleep(100);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "live-writer");
            thread.setDaemon(true);
            thread.start();
        }

        Throwable failure() {
            return failure.get();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.join(60_000);
            }
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
        }
    }
}
