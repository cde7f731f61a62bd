package io.lakesync.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.server.LakesyncServer;
import io.lakesync.server.service.ServiceSettings;
import io.lakesync.testkit.TestPostgres;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser (headless Debian chromium through Playwright) against an
 * in-process server, a real PostgreSQL and a real Delta table: sign-in, the list, the table page
 * and its buttons, checked against what the SDK sees.
 */
class ConsoleIT {

    private static final String TABLE = "console.items";
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final String token = "console-it-" + UUID.randomUUID();
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private DeltaTableWriter source;
    private LakesyncServer server;
    private LakesyncClient client;
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private String baseUrl;

    @BeforeAll
    static void waitLongEnoughForRuns() {
        // Auto-waiting assertions poll until this limit; a sync of a few rows takes well under it.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @BeforeEach
    void start() {
        source = DeltaTableWriter.create(dir.resolve("items"), List.of(
                new Column("id", ColumnType.LONG, false),
                new Column("name", ColumnType.STRING, true)), List.of(), Map.of());
        source.append(rows(1, 3));

        server = LakesyncServer.start(new LakesyncServer.Options(TestPostgres.newDatabase(), "127.0.0.1", 0,
                Optional.of(token), 10, ServiceSettings.defaults(), Optional.empty()));
        baseUrl = "http://127.0.0.1:" + server.port();
        client = LakesyncClient.builder().baseUrl(baseUrl).token(token).build();
        client.createSyncedTable(SyncedTable.of(TABLE, TableSpec.builder(source.dir().toString(), "id")
                .schedulingPolicy(SchedulingPolicy.TRIGGERED).build()));

        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setArgs(List.of("--no-sandbox")).setHeadless(true));
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = context.newPage();
        page.onPageError(pageErrors::add);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsTheTablesAndDrivesOneThroughItsButtons() throws Exception {
        page.navigate(baseUrl + "/");

        // A wrong token is refused and the sign-in form comes back, saying why.
        signIn("not-the-token");
        assertThat(page.locator("#signin-error")).containsText("refused");
        assertThat(page.locator("#app")).isHidden();

        signIn(token);
        Locator row = page.locator("tr[data-name='" + TABLE + "']");
        assertThat(row.locator(".state")).hasText("ONLINE_NO_PENDING_UPDATE");
        assertThat(row.locator(".rows")).hasText("3");
        assertThat(row.locator(".last-version")).hasText("v1");
        assertThat(row.locator(".lag-versions")).hasText("0 versions");
        assertThat(row.locator(".paused-cell")).hasText("no");
        assertFalse(page.url().contains(token), "the token must never be part of a URL: " + page.url());
        screenshot("console-list.png");

        // A new source version; the table page's Sync now brings it over.
        long newVersion = source.append(rows(4, 5));
        assertEquals(2, newVersion);
        row.locator("a").click();
        assertThat(page).hasURL(Pattern.compile("/table\\.html\\?name=console\\.items$"));
        assertThat(page.locator("#table-name")).hasText(TABLE);
        assertThat(page.locator("#last-sync-version")).hasText("1");
        Locator runs = page.locator("#runs-body tr");
        assertThat(runs).hasCount(1);

        page.locator("#sync-now").click();
        assertThat(page.locator("#message")).containsText("A sync of " + TABLE + " starts within a moment");
        assertThat(page.locator("#last-sync-version")).hasText("2");
        assertThat(page.locator("#row-count")).hasText("5");
        assertThat(runs).hasCount(2);
        assertThat(runs.first().locator(".run-outcome")).hasText("SUCCEEDED");
        assertThat(runs.first().locator(".run-versions")).hasText("v1 → v2");
        assertThat(runs.first().locator(".run-rows")).hasText("2");
        assertThat(page.locator("#state-badge")).hasText("ONLINE_NO_PENDING_UPDATE");

        // Pause, seen on the page and through the SDK; then resume.
        assertThat(page.locator("#pause-toggle")).hasText("Pause");
        page.locator("#pause-toggle").click();
        assertThat(page.locator("#paused-badge")).hasText("paused");
        assertThat(page.locator("#pause-toggle")).hasText("Resume");
        assertThat(page.locator("#message")).containsText("Paused " + TABLE);
        assertThat(page.locator("#status-message")).containsText("Paused");
        assertTrue(client.getSyncedTable(TABLE).pausedOrFalse(), "the SDK sees the table paused");

        page.locator("#pause-toggle").click();
        assertThat(page.locator("#pause-toggle")).hasText("Pause");
        assertThat(page.locator("#paused-badge")).isEmpty();
        assertThat(page.locator("#message")).containsText("Resumed " + TABLE);
        assertFalse(client.getSyncedTable(TABLE).pausedOrFalse(), "the SDK sees the table resumed");

        // Full refresh asks first; accepted, it runs a third time.
        AtomicReference<String> question = new AtomicReference<>();
        page.onceDialog(dialog -> {
            question.set(dialog.type() + ": " + dialog.message());
            dialog.accept();
        });
        page.locator("#full-refresh").click();
        assertThat(page.locator("#message")).containsText("A full refresh of " + TABLE + " starts within a moment");
        assertTrue(question.get().startsWith("confirm: Full refresh of " + TABLE + "?"), question.get());
        assertThat(runs).hasCount(3);
        assertThat(runs.first().locator(".run-outcome")).hasText("SUCCEEDED");
        assertThat(page.locator("#row-count")).hasText("5");

        // The chart is drawn with the samples of these runs.
        assertThat(page.locator("#history-chart")).isVisible();
        page.waitForFunction("() => { const c = Chart.getChart('history-chart');"
                + " return c !== undefined && c.width > 0 && c.data.labels.length > 0"
                + " && c.data.datasets[1].data.some((rows) => rows > 0); }");
        assertThat(page.locator("#chart-caption")).containsText("samples");
        screenshot("console-table.png");

        // Run history in pages: one run per page, "Older runs" fetches the next.
        page.navigate(baseUrl + "/table.html?name=" + TABLE + "&runs_page_size=1");
        assertThat(runs).hasCount(1);
        page.locator("#older-runs").click();
        assertThat(runs).hasCount(2);
        page.locator("#older-runs").click();
        assertThat(runs).hasCount(3);
        assertThat(page.locator("#older-runs")).isHidden();
        assertThat(runs.last().locator(".run-versions")).hasText("v1"); // the first snapshot

        assertEquals(List.of(), pageErrors, "no script errors in the page");
    }

    @Test
    void aStoredTokenThatStopsWorkingBringsBackTheSignIn() {
        page.navigate(baseUrl + "/");
        signIn(token);
        assertThat(page.locator("tr[data-name='" + TABLE + "'] .name")).hasText(TABLE);

        // The stored token is kept across page loads: no sign-in on reload.
        page.reload();
        assertThat(page.locator("#app")).isVisible();
        assertThat(page.locator("#signin")).isHidden();

        // A stored token the server refuses (revoked, or another server's) asks for a new one.
        page.evaluate("() => localStorage.setItem('lakesync.apiToken', 'revoked-token')");
        page.navigate(baseUrl + "/table.html?name=" + TABLE);
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#signin-error")).containsText("refused");
        signIn(token);
        assertThat(page.locator("#table-name")).hasText(TABLE);
        assertThat(page.locator("#last-sync-version")).hasText("1");

        // Sign out forgets the token.
        page.locator("#signout").click();
        assertThat(page.locator("#signin")).isVisible();
        assertEquals(null, page.evaluate("() => localStorage.getItem('lakesync.apiToken')"));
        assertEquals(List.of(), pageErrors, "no script errors in the page");
    }

    private void signIn(String value) {
        assertThat(page.locator("#signin")).isVisible();
        page.locator("#token-input").fill(value);
        page.locator("#signin-form button[type=submit]").click();
    }

    private void screenshot(String file) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)).setFullPage(true));
    }

    private static List<Object[]> rows(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> new Object[] {id, "item " + id}).toList();
    }
}
