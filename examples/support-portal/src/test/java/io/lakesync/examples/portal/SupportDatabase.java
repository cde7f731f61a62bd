package io.lakesync.examples.portal;

import io.lakesync.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database as lakesync and {@code lakesync roles create-app} leave it, made with plain SQL so the
 * portal's tests need neither the simulator nor a running sync: {@code support.incidents} holding
 * scored incidents (owned by the superuser, as a synced table is owned by lakesync's writer), and an
 * app role that may only read it and owns schema {@code portal}.
 */
final class SupportDatabase {

    private static final AtomicInteger ROLES = new AtomicInteger();

    static final String[] PRODUCTS = {"Billing", "Identity & SSO", "Data Pipelines", "Mobile App", "API Gateway",
        "Reporting"};
    static final String[] CHANNELS = {"email", "phone", "chat", "portal"};
    static final String[] CUSTOMERS = {"Northwind Logistics", "Tidewater Bank", "Meridian Freight",
        "Pinecrest Insurance", "Solara Energy", "Redwood Mutual", "Atlas Manufacturing", "Kestrel Airways",
        "Silverline Telecom", "Beacon Credit Union", "Harbor & Vine", "Bluefin Analytics", "Orchard Foods",
        "Summit Dental Group"};

    /** Product, category, title and description of the kinds of requests support gets. */
    private record Issue(int product, String category, String title, String description) {
    }

    private static final List<Issue> ISSUES = List.of(
            new Issue(0, "Billing", "Customer charged twice for the March invoice",
                    "Finance reports that the March invoice was charged twice to the card on file and asks for a"
                            + " refund of the duplicate before their month-end close."),
            new Issue(0, "Billing", "Usage charges far above metered usage",
                    "The invoice bills about three times the API calls the customer's gateway logs show. Their"
                            + " controller wants an explanation this week."),
            new Issue(0, "Outage", "Hosted checkout fails for every payment",
                    "Since 09:40 UTC every payment attempt through the hosted checkout fails with a gateway"
                            + " timeout. Production orders are blocked."),
            new Issue(1, "Access", "SSO login loops back to the sign-in page",
                    "After the identity provider certificate rotation, users are sent back to the sign-in page"
                            + " after authenticating. About 400 users cannot work."),
            new Issue(1, "How-to", "How to map Okta groups to workspace roles",
                    "An admin wants new hires to get the Analyst role automatically from their Okta group."),
            new Issue(1, "Bug", "SCIM provisioning creates duplicate users",
                    "Users provisioned through SCIM appear twice when their e-mail address has upper-case"
                            + " letters."),
            new Issue(2, "Outage", "Nightly pipeline stuck in 'queued' since 02:00",
                    "The nightly ingestion pipeline has not started; downstream dashboards show yesterday's"
                            + " data and the morning executive report is due at 08:00."),
            new Issue(2, "Performance", "Warehouse sync takes 4 hours instead of 40 minutes",
                    "Since the upgrade last Tuesday the warehouse sync runs six times longer. No schema changed."),
            new Issue(2, "Bug", "CSV export drops rows with non-ASCII names",
                    "Exports skip every row whose customer name has an accent (for example Zoë, Müller)."),
            new Issue(3, "Bug", "iOS app crashes when opening attachments",
                    "The iOS app 5.2 crashes as soon as a PDF attachment is opened. Android is not affected."),
            new Issue(3, "How-to", "Enable push notifications for approvals",
                    "Managers want a push notification when an approval waits for them."),
            new Issue(4, "Performance", "p99 latency of the API gateway above 2 s",
                    "Since 14:00 UTC the p99 latency of the gateway is above 2 s for the EU region; the"
                            + " customer's mobile checkout times out."),
            new Issue(4, "Access", "API keys rejected after rotation",
                    "Keys rotated this morning are rejected with 401 by every endpoint; the old keys were"
                            + " already revoked."),
            new Issue(4, "Outage", "Webhook deliveries failing with 503",
                    "All webhook deliveries to the customer's endpoint fail with 503 from our side; retries"
                            + " pile up."),
            new Issue(5, "Bug", "Quarterly report totals do not match the ledger",
                    "The Q3 revenue report is 1.8% below the ledger total; the auditors arrive next week."),
            new Issue(5, "How-to", "Schedule a report to a shared mailbox",
                    "The customer wants the weekly KPI report e-mailed to their finance shared mailbox."));

    // quotes, backslashes, commas and braces as the model writes them (and as PostgreSQL arrays escape them)
    private static final String[] FACTORS = {"Strategic account", "P1 outage", "Repeat contact within 7 days",
        "Negative sentiment: \"unacceptable\"", "SLA due within 2 h", "Executive sponsor cc'd", "Renewal in 30 days",
        "Open incidents for this customer: 3, all {billing}", "Revenue-blocking", "Path C:\\exports\\failed"};

    final String superUrl;
    final String appUrl;
    final String appRole;

    private SupportDatabase(String superUrl, String appUrl, String appRole) {
        this.superUrl = superUrl;
        this.appUrl = appUrl;
        this.appRole = appRole;
    }

    /** A fresh database with {@code rows} incidents created over the last hours, and the portal's app role. */
    static SupportDatabase create(int rows) throws SQLException {
        String superUrl = TestPostgres.newDatabase();
        // roles belong to the whole server, which the test classes of one JVM share
        String role = "portal_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        String password = "pw-" + role;
        try (Connection c = DriverManager.getConnection(superUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA support");
            // the columns as lakesync creates them from the simulator's Delta table (arrays are jsonb)
            s.execute("CREATE TABLE support.incidents (incident_id text PRIMARY KEY, title text, description text,"
                    + " customer text, product text, category text, priority text, channel text,"
                    + " created_at timestamptz, sla_due_at timestamptz, predicted_escalation_risk double precision,"
                    + " risk_band text, recommended_action text, top_risk_factors jsonb, model_version text,"
                    + " scored_at timestamptz)");
            // the extra indexes the portal's list asks lakesync for (extra_index_definitions)
            s.execute("CREATE INDEX ON support.incidents (created_at)");
            s.execute("CREATE INDEX ON support.incidents (predicted_escalation_risk)");
            // what `lakesync roles create-app portal --read support.incidents --state-schema portal` does
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute("GRANT USAGE ON SCHEMA support TO " + role);
            s.execute("GRANT SELECT ON support.incidents TO " + role);
            s.execute("CREATE SCHEMA portal AUTHORIZATION " + role);
        }
        SupportDatabase db = new SupportDatabase(superUrl, withUser(superUrl, role, password), role);
        db.insertHistory(rows, new Random(42));
        return db;
    }

    /** The superuser URL with another login. */
    private static String withUser(String url, String user, String password) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base + "?user=" + user + "&password=" + password;
    }

    private void insertHistory(int rows, Random random) throws SQLException {
        Instant now = Instant.now();
        // arrivals at random over the last 8 hours (busier in the last two), numbered in order of arrival
        long[] ages = new long[rows];
        for (int n = 0; n < rows; n++) {
            ages[n] = 60 + (long) (random.nextDouble() < 0.4 ? random.nextDouble() * 2 * 3600
                    : random.nextDouble() * 8 * 3600);
        }
        ages[0] = 30; // the latest arrived just now
        Arrays.sort(ages);
        try (Connection c = DriverManager.getConnection(superUrl)) {
            for (int n = 1; n <= rows; n++) {
                Instant created = now.minusSeconds(ages[rows - n]);
                insert(c, id(n), ISSUES.get(random.nextInt(ISSUES.size())), CUSTOMERS[random.nextInt(CUSTOMERS.length)],
                        random, created, null);
            }
        }
    }

    /**
     * Risk as a model would score it: mostly low, higher for urgent priorities, strategic customers
     * and outages, with noise.
     */
    private static double risk(Random random, String priority, String customer) {
        double base = switch (priority) {
            case "P1" -> 0.45;
            case "P2" -> 0.25;
            case "P3" -> 0.1;
            default -> 0.0;
        };
        boolean strategic = List.of(CUSTOMERS).subList(0, 4).contains(customer);
        double r = base + (strategic ? 0.12 : 0) + Math.pow(random.nextDouble(), 1.8) * 0.55;
        return Math.min(0.99, Math.max(0.01, r));
    }

    static String id(int n) {
        return String.format("INC-%06d", 4000 + n);
    }

    /** Adds one incident as a sync would (as the superuser: the app role cannot write the synced table). */
    void insertIncident(String id, String product, String category, String title, String description,
            String customer, double risk) throws SQLException {
        try (Connection c = DriverManager.getConnection(superUrl)) {
            insert(c, id, new Issue(List.of(PRODUCTS).indexOf(product), category, title, description), customer,
                    new Random(id.hashCode()), Instant.now(), risk);
        }
    }

    /** Re-scores one incident as a sync of the model's new output would. */
    void rescore(String id, double risk) throws SQLException {
        try (Connection c = DriverManager.getConnection(superUrl);
                PreparedStatement s = c.prepareStatement("UPDATE support.incidents SET predicted_escalation_risk = ?,"
                        + " risk_band = ?, scored_at = now(), model_version = 'escalation-gbm-2026.11.2'"
                        + " WHERE incident_id = ?")) {
            s.setDouble(1, risk);
            s.setString(2, band(risk));
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    /** @param explicitRisk the risk to store, or null for one scored like {@link #risk} */
    private static void insert(Connection c, String id, Issue issue, String customer, Random random, Instant created,
            Double explicitRisk) throws SQLException {
        String priority = issue.category().equals("Outage") ? "P1" : issue.category().equals("How-to") ? "P4"
                : random.nextBoolean() ? "P2" : "P3";
        long slaHours = switch (priority) {
            case "P1" -> 4;
            case "P2" -> 12;
            case "P3" -> 48;
            default -> 120;
        };
        double risk = explicitRisk != null ? explicitRisk : risk(random, priority, customer);
        String band = band(risk);
        String[] factors = band.equals("low") ? new String[] {FACTORS[random.nextInt(FACTORS.length)]}
                : new String[] {FACTORS[random.nextInt(5)], FACTORS[5 + random.nextInt(5)],
                    FACTORS[random.nextInt(FACTORS.length)]};
        String action = band.equals("high") ? "Call the customer's technical contact within the hour and loop in the"
                + " account manager; open a bridge with engineering."
                : band.equals("medium") ? "Reply within 2 hours with a workaround and a time for the next update."
                        : "Answer with the knowledge-base article and close if the customer confirms.";
        try (PreparedStatement s = c.prepareStatement("INSERT INTO support.incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, to_jsonb(?::text[]), ?, ?)")) {
            s.setString(1, id);
            s.setString(2, issue.title());
            s.setString(3, issue.description());
            s.setString(4, customer);
            s.setString(5, PRODUCTS[issue.product()]);
            s.setString(6, issue.category());
            s.setString(7, priority);
            s.setString(8, CHANNELS[random.nextInt(CHANNELS.length)]);
            s.setObject(9, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
            s.setObject(10, OffsetDateTime.ofInstant(created.plus(Duration.ofHours(slaHours)), ZoneOffset.UTC));
            s.setDouble(11, Math.round(risk * 1000) / 1000.0);
            s.setString(12, band);
            s.setString(13, action);
            s.setArray(14, c.createArrayOf("text", distinct(factors)));
            s.setString(15, "escalation-gbm-2026.11.1");
            s.setObject(16, OffsetDateTime.ofInstant(created.plus(Duration.ofSeconds(5)), ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    private static String[] distinct(String[] values) {
        return Arrays.stream(values).distinct().toArray(String[]::new);
    }

    static String band(double risk) {
        return risk >= 0.7 ? "high" : risk >= 0.4 ? "medium" : "low";
    }

    String scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(superUrl); Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
