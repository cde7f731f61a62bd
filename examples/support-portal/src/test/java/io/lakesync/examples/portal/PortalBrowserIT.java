package io.lakesync.examples.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal in a real browser (headless Debian chromium through Playwright), logged in to a real
 * PostgreSQL as its app role: the team works an incident through the pages, and incidents that a
 * sync lands show up in pages already open. No lakesync server runs here: the portal watches the
 * synced table itself, and the test plays the sync by writing that table as the superuser.
 */
class PortalBrowserIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static SupportDatabase db;
    private static PortalServer portal;
    /** The high-risk incident the story works on; the seeded work leaves it alone. */
    private static String riskiest;
    private static Playwright playwright;
    private static Browser browser;

    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void start() throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        db = SupportDatabase.create(120);
        portal = PortalServer.start(PortalSettings.of(db.appUrl).withPort(0)
                .withPollInterval(Duration.ofMillis(300)));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setArgs(List.of("--no-sandbox")).setHeadless(true));
        Files.createDirectories(SCREENSHOTS);
        riskiest = db.scalar("SELECT incident_id FROM support.incidents WHERE risk_band = 'high'"
                + " ORDER BY predicted_escalation_risk DESC, incident_id DESC LIMIT 1");
        seedTeamWork();
    }

    /** A queue the team has been working for a while: a third of the incidents owned, in every status. */
    private static void seedTeamWork() throws Exception {
        List<String> owners = List.of("Alex Morgan", "Jonas Weber", "Mei Tanaka", "Sam Okafor", "Lucia Ferreira");
        List<String> statuses = List.of("in_progress", "waiting", "resolved", "in_progress", "open", "resolved");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int n = 2, k = 0; n <= 120; n += 3, k++) {
            String id = SupportDatabase.id(n);
            if (id.equals(riskiest)) {
                continue;
            }
            String owner = owners.get(k % owners.size());
            String cookie = "portal_user=" + URLEncoder.encode(owner, StandardCharsets.UTF_8).replace("+", "%20");
            for (String form : List.of("owner=" + URLEncoder.encode(owner, StandardCharsets.UTF_8),
                    "status=" + statuses.get(k % statuses.size()))) {
                String what = form.startsWith("owner") ? "owner" : "status";
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(portal.url() + "/incidents/" + id + "/" + what))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(303, answer.statusCode(), answer.body());
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000));
        page = context.newPage();
        page.onPageError(pageErrors::add);
    }

    @AfterEach
    void closeBrowser() {
        context.close();
        assertEquals(List.of(), pageErrors, "JavaScript errors on the page");
    }

    @Test
    void theTeamFiltersAssignsWorksAndCommentsAnIncident() throws Exception {
        page.navigate(portal.url() + "/");
        assertThat(page.locator("#kpi-active")).hasText(db.scalar("SELECT count(*) FROM support.incidents i"
                + " LEFT JOIN portal.incident_state s USING (incident_id) WHERE s.status IS DISTINCT FROM 'resolved'"));
        assertThat(page.locator("#incident-list tbody tr[data-id]")).hasCount(25);
        assertThat(page.locator("#freshness .text")).containsText("data as of the latest scoring");
        assertThat(page.locator("body")).hasAttribute("data-charts-ready", "true");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));

        // filter to high risk: every row is high risk, the URL says so (a reload keeps the filter)
        page.selectOption("#filter-risk", "high");
        assertThat(page).hasURL(Pattern.compile("risk_band=high"));
        String highCount = db.scalar("SELECT count(*) FROM support.incidents WHERE risk_band = 'high'");
        assertThat(page.locator("#list-count")).containsText("of " + highCount);
        Locator rows = page.locator("#incident-list tbody tr[data-id]");
        assertEquals(Math.min(25, Integer.parseInt(highCount)), rows.count());
        assertEquals(rows.count(), page.locator("#incident-list tbody tr[data-id] .risk.risk-high").count());

        // sort by risk, highest first, and open the riskiest incident
        page.click("#incident-list th a:has-text('Escalation risk')");
        assertThat(page).hasURL(Pattern.compile("sort=risk"));
        assertThat(rows.first()).hasAttribute("data-id", riskiest);
        rows.first().locator("a.title").click();
        assertThat(page).hasURL(Pattern.compile("/incidents/" + riskiest + "$"));
        assertThat(page.locator("#incident-title")).hasText(db.scalar(
                "SELECT title FROM support.incidents WHERE incident_id = '" + riskiest + "'"));
        assertThat(page.locator(".factor-list li").first()).isVisible();
        assertThat(page.locator("#recommended-action")).containsText("Call the customer");
        assertThat(page.locator("#current-owner")).hasText("Unassigned");

        // act as a team member, assign, change the status, comment
        page.selectOption("#actor-name", "Mei Tanaka"); // submits itself; the page comes back
        assertThat(page.locator("#comment-form label")).containsText("as Mei Tanaka");
        page.fill("#owner-input", "Priya Raman");
        page.click("#assign");
        assertThat(page.locator("#current-owner")).hasText(Pattern.compile("Priya Raman"));
        assertThat(page.locator("#work-panel .notice.ok")).hasText("Assigned to Priya Raman.");
        page.click("#work-panel button[data-status='in_progress']");
        assertThat(page.locator("#current-status")).hasText("In progress");
        page.fill("#comment-body", "Called their CTO: the gateway timeouts started after their firewall change.");
        page.click("#post-comment");
        assertThat(page.locator("#comment-thread .comment")).hasCount(1);
        assertThat(page.locator("#comment-thread")).containsText("firewall change");
        assertThat(page.locator("#comment-body")).hasValue("");

        // everything is stored: a reload shows it, and so does the database
        page.reload();
        assertThat(page.locator("#current-owner")).hasText(Pattern.compile("Priya Raman"));
        assertThat(page.locator("#current-status")).hasText("In progress");
        assertThat(page.locator("#comment-thread .comment strong")).hasText("Mei Tanaka");
        assertThat(page.locator("#work-panel")).containsText("Last changed by Mei Tanaka");
        assertEquals("Priya Raman|in_progress|Mei Tanaka", db.scalar("SELECT owner || '|' || status || '|'"
                + " || updated_by FROM portal.incident_state WHERE incident_id = '" + riskiest + "'"));
        page.fill("#comment-body", "Waiting for their network team to roll the firewall rule back.");
        page.click("#post-comment");
        assertThat(page.locator("#comment-thread .comment")).hasCount(2);
        page.click("#work-panel button[data-status='waiting']");
        assertThat(page.locator("#current-status")).hasText("Waiting");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("incident.png")).setFullPage(true));

        // the dashboard shows the work: filter by owner
        page.navigate(portal.url() + "/?owner=" + "Priya%20Raman");
        Locator mine = page.locator("#incident-list tbody tr[data-id]");
        assertThat(mine).hasCount(1);
        assertThat(mine.first().locator(".status")).hasText("Waiting");
        assertThat(mine.first().locator(".owner")).containsText("Priya Raman");
    }

    @Test
    void aSyncShowsUpInOpenPagesWithoutAReload() throws Exception {
        page.navigate(portal.url() + "/");
        assertThat(page.locator("#incident-list tbody tr[data-id]")).hasCount(25);
        String totalBefore = page.locator(".kpi-active .kpi-note").textContent();
        // a marker that a reload would wipe
        page.evaluate("window.__noReload = true");

        db.insertIncident("INC-990001", "API Gateway", "Outage", "Payment webhooks rejected with invalid signature",
                "Since the key rotation at 11:05 UTC every payment webhook is rejected by the customer's endpoint"
                        + " with 'invalid signature'; settlements are not being confirmed.", "Tidewater Bank", 0.91);

        Locator arrived = page.locator("#incident-list tr[data-id='INC-990001']");
        assertThat(arrived).isVisible();
        assertThat(arrived.locator(".title")).hasText("Payment webhooks rejected with invalid signature");
        assertThat(arrived.locator(".risk")).hasClass(Pattern.compile("risk-high"));
        assertThat(page.locator(".kpi-active .kpi-note")).not().hasText(totalBefore);
        assertTrue((Boolean) page.evaluate("window.__noReload === true"), "the page was reloaded");

        // an open incident page follows a re-scoring of its incident
        page.navigate(portal.url() + "/incidents/INC-990001");
        assertThat(page.locator("#risk-value")).hasText("91%");
        page.evaluate("window.__noReload = true");
        db.rescore("INC-990001", 0.35);
        assertThat(page.locator("#risk-value")).hasText("35%");
        assertThat(page.locator(".prediction")).hasClass(Pattern.compile("risk-low"));
        assertThat(page.locator(".prediction .model")).containsText("escalation-gbm-2026.11.2");
        assertTrue((Boolean) page.evaluate("window.__noReload === true"), "the page was reloaded");
    }
}
