package io.lakesync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The support portal's database as {@code lakesync demo} leaves it, made with plain SQL (as the
 * portal's own tests do): {@code support.incidents} with N scored incidents, keyed and indexed like
 * the demo's synced table (primary key incident_id; extra_index_definitions risk_band and
 * created_at), owned by the superuser as a synced table is owned by lakesync's writer; and an app
 * role that may only read it and owns schema {@code portal}. The incidents are generated inside
 * PostgreSQL by one INSERT ... SELECT over generate_series (seeded: the same rows every run).
 */
final class PortalDataset {

    static final String TABLE = "support.incidents";

    /** Issue kinds support gets: product, category, title, description (as in the portal's tests). */
    private static final List<String[]> ISSUES = List.of(
            new String[] {"Billing", "Billing", "Customer charged twice for the March invoice",
                "Finance reports that the March invoice was charged twice to the card on file and asks for a refund"
                    + " of the duplicate before their month-end close."},
            new String[] {"Billing", "Billing", "Usage charges far above metered usage",
                "The invoice bills about three times the API calls the customer's gateway logs show. Their"
                    + " controller wants an explanation this week."},
            new String[] {"Billing", "Outage", "Hosted checkout fails for every payment",
                "Since 09:40 UTC every payment attempt through the hosted checkout fails with a gateway timeout."
                    + " Production orders are blocked."},
            new String[] {"Identity & SSO", "Access", "SSO login loops back to the sign-in page",
                "After the identity provider certificate rotation, users are sent back to the sign-in page after"
                    + " authenticating. About 400 users cannot work."},
            new String[] {"Identity & SSO", "How-to", "How to map Okta groups to workspace roles",
                "An admin wants new hires to get the Analyst role automatically from their Okta group."},
            new String[] {"Identity & SSO", "Bug", "SCIM provisioning creates duplicate users",
                "Users provisioned through SCIM appear twice when their e-mail address has upper-case letters."},
            new String[] {"Data Pipelines", "Outage", "Nightly pipeline stuck in 'queued' since 02:00",
                "The nightly ingestion pipeline has not started; downstream dashboards show yesterday's data and the"
                    + " morning executive report is due at 08:00."},
            new String[] {"Data Pipelines", "Performance", "Warehouse sync takes 4 hours instead of 40 minutes",
                "Since the upgrade last Tuesday the warehouse sync runs six times longer. No schema changed."},
            new String[] {"Data Pipelines", "Bug", "CSV export drops rows with non-ASCII names",
                "Exports skip every row whose customer name has an accent (for example Zoë, Müller)."},
            new String[] {"Mobile App", "Bug", "iOS app crashes when opening attachments",
                "The iOS app 5.2 crashes as soon as a PDF attachment is opened. Android is not affected."},
            new String[] {"Mobile App", "How-to", "Enable push notifications for approvals",
                "Managers want a push notification when an approval waits for them."},
            new String[] {"API Gateway", "Performance", "p99 latency of the API gateway above 2 s",
                "Since 14:00 UTC the p99 latency of the gateway is above 2 s for the EU region; the customer's"
                    + " mobile checkout times out."},
            new String[] {"API Gateway", "Access", "API keys rejected after rotation",
                "Keys rotated this morning are rejected with 401 by every endpoint; the old keys were already"
                    + " revoked."},
            new String[] {"API Gateway", "Outage", "Webhook deliveries failing with 503",
                "All webhook deliveries to the customer's endpoint fail with 503 from our side; retries pile up."},
            new String[] {"Reporting", "Bug", "Quarterly report totals do not match the ledger",
                "The Q3 revenue report is 1.8% below the ledger total; the auditors arrive next week."},
            new String[] {"Reporting", "How-to", "Schedule a report to a shared mailbox",
                "The customer wants the weekly KPI report e-mailed to their finance shared mailbox."});

    /** The first four are strategic accounts (a risk factor). */
    private static final String[] CUSTOMERS = {"Northwind Logistics", "Tidewater Bank", "Meridian Freight",
        "Pinecrest Insurance", "Solara Energy", "Redwood Mutual", "Atlas Manufacturing", "Kestrel Airways",
        "Silverline Telecom", "Beacon Credit Union", "Harbor & Vine", "Bluefin Analytics", "Orchard Foods",
        "Summit Dental Group"};
    private static final String[] CHANNELS = {"email", "phone", "chat", "portal"};
    /** Quotes, backslashes, commas and braces as the model writes them: the API turns them into JSON. */
    private static final String[] FACTORS = {"Strategic account", "P1 outage", "Repeat contact within 7 days",
        "Negative sentiment: \"unacceptable\"", "SLA due within 2 h", "Executive sponsor cc'd", "Renewal in 30 days",
        "Open incidents for this customer: 3, all {billing}", "Revenue-blocking", "Path C:\\exports\\failed"};
    private static final String[] TEAM = {"Alex Morgan", "Priya Raman", "Jonas Weber", "Mei Tanaka", "Sam Okafor",
        "Lucia Ferreira"};
    private static final String[] COMMENTS = {"Called the customer, they confirm the impact; collecting logs.",
        "Reproduced on staging. Engineering ticket opened, linked here.",
        "Workaround sent: retry with the backup endpoint until the fix ships.",
        "Customer asked for an update before 17:00 their time.",
        "Fix deployed to production; waiting for the customer to confirm.",
        "Escalated to the account manager: renewal talks this month.",
        "Duplicate of an earlier report from the same customer, merging the threads."};

    /**
     * Incidents arrive over the last 90 days, numbered in order of arrival; the rest follows the
     * portal tests' model: priority from the category, risk from priority, strategic account and noise.
     */
    private static final String INSERT_INCIDENTS = """
            INSERT INTO support.incidents
            SELECT id, title, description, customer, product, category, priority, channel, created_at,
                   created_at + make_interval(hours => sla_hours), risk, band,
                   CASE band
                     WHEN 'high' THEN 'Call the customer''s technical contact within the hour and loop in the account manager; open a bridge with engineering.'
                     WHEN 'medium' THEN 'Reply within 2 hours with a workaround and a time for the next update.'
                     ELSE 'Answer with the knowledge-base article and close if the customer confirms.' END,
                   to_jsonb(CASE WHEN band = 'low' THEN ARRAY[f3]
                        WHEN f3 IN (f1, f2) THEN ARRAY[f1, f2] ELSE ARRAY[f1, f2, f3] END),
                   'escalation-gbm-2026.11.1', created_at + interval '5 seconds'
            FROM (
              SELECT *, CASE WHEN risk >= 0.7 THEN 'high' WHEN risk >= 0.4 THEN 'medium' ELSE 'low' END AS band
              FROM (
                SELECT *, round(least(0.99, greatest(0.01,
                         CASE priority WHEN 'P1' THEN 0.45 WHEN 'P2' THEN 0.25 WHEN 'P3' THEN 0.1 ELSE 0 END
                         + CASE WHEN cust <= 4 THEN 0.12 ELSE 0 END + power(r_risk, 1.8) * 0.55))::numeric, 3)::float8 AS risk,
                       CASE priority WHEN 'P1' THEN 4 WHEN 'P2' THEN 12 WHEN 'P3' THEN 48 ELSE 120 END AS sla_hours
                FROM (
                  SELECT 'INC-' || lpad((4000 + n)::text, 6, '0') AS id, a.titles[k] AS title,
                         a.descriptions[k] AS description, a.products[k] AS product, a.categories[k] AS category,
                         a.customers[cust] AS customer, cust, a.channels[chan] AS channel,
                         CASE a.categories[k] WHEN 'Outage' THEN 'P1' WHEN 'How-to' THEN 'P4'
                              ELSE CASE WHEN r_p < 0.5 THEN 'P2' ELSE 'P3' END END AS priority,
                         now() - make_interval(secs => (g.total - n + r_t) * g.step) AS created_at,
                         r_risk, a.factors[1 + floor(r_f1 * 5)::int] AS f1, a.factors[6 + floor(r_f2 * 5)::int] AS f2,
                         a.factors[1 + floor(r_f3 * 10)::int] AS f3
                  FROM (SELECT n, CAST(? AS int) AS total, CAST(? AS float8) AS step,
                               1 + floor(random() * ?)::int AS k, 1 + floor(random() * ?)::int AS cust,
                               1 + floor(random() * ?)::int AS chan, random() AS r_p, random() AS r_risk,
                               random() AS r_t, random() AS r_f1, random() AS r_f2, random() AS r_f3
                        FROM generate_series(1, ?) n) g,
                       (SELECT CAST(? AS text[]) AS titles, CAST(? AS text[]) AS descriptions,
                               CAST(? AS text[]) AS products, CAST(? AS text[]) AS categories,
                               CAST(? AS text[]) AS customers, CAST(? AS text[]) AS channels,
                               CAST(? AS text[]) AS factors) a
                ) x
              ) y
            ) z
            """;

    /**
     * The team's work on about 30% of the incidents: older ones mostly resolved, recent ones spread
     * over the statuses; one in ten without an owner.
     */
    private static final String INSERT_STATE = """
            INSERT INTO portal.incident_state (incident_id, owner, status, updated_at, updated_by)
            SELECT incident_id,
                   CASE WHEN r_o < 0.1 THEN NULL ELSE team[1 + floor(r_w * 6)::int] END,
                   CASE WHEN created_at < now() - interval '7 days'
                        THEN CASE WHEN r_s < 0.85 THEN 'resolved' ELSE 'waiting' END
                        ELSE (ARRAY['open', 'in_progress', 'waiting', 'resolved'])[1 + floor(r_s * 4)::int] END,
                   created_at + interval '20 minutes', team[1 + floor(r_b * 6)::int]
            FROM (SELECT incident_id, created_at, random() AS r, random() AS r_o, random() AS r_w, random() AS r_s,
                         random() AS r_b, CAST(? AS text[]) AS team
                  FROM support.incidents) x
            WHERE r < 0.3
            """;

    /** Threads of one to three comments on about 10% of the incidents. */
    private static final String INSERT_COMMENTS = """
            INSERT INTO portal.incident_comments (incident_id, author, body, created_at)
            SELECT incident_id, team[1 + floor(random() * 6)::int], bodies[1 + floor(random() * ?)::int],
                   created_at + c * interval '35 minutes'
            FROM (SELECT incident_id, created_at, random() AS r, random() AS r_n, CAST(? AS text[]) AS team,
                         CAST(? AS text[]) AS bodies
                  FROM support.incidents) x,
                 generate_series(1, 1 + floor(x.r_n * 3)::int) c
            WHERE r < 0.1
            """;

    private PortalDataset() {
    }

    /** What {@link #create} made: the superuser's and the app role's URLs of the new database. */
    record Database(String name, String superUrl, String appUrl, String appRole) {
    }

    /**
     * A new database on the server of {@code serverUrl} (a superuser URL), with the incidents and the
     * portal's app role. The portal's own tables come later, from its migrations ({@link #addWork}).
     */
    static Database create(String serverUrl, int incidents) throws SQLException {
        String suffix = Long.toString(ProcessHandle.current().pid());
        String name = "lakesync_bench_portal_" + suffix;
        String role = "portal_bench_" + suffix;
        // letters and digits only: safe inside the quoted literal of CREATE ROLE
        String password = "bench" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + Sql.quote(name));
            s.execute("CREATE DATABASE " + Sql.quote(name));
        }
        String superUrl = withDatabase(serverUrl, name);
        try (Connection c = DriverManager.getConnection(superUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA support");
            // the columns as lakesync creates them from the simulator's Delta table (arrays are jsonb)
            s.execute("CREATE TABLE support.incidents (incident_id text PRIMARY KEY, title text, description text,"
                    + " customer text, product text, category text, priority text, channel text,"
                    + " created_at timestamptz, sla_due_at timestamptz, predicted_escalation_risk double precision,"
                    + " risk_band text, recommended_action text, top_risk_factors jsonb, model_version text,"
                    + " scored_at timestamptz)");
            s.execute("SELECT setseed(0.42)");
            insertIncidents(c, incidents);
            // the demo's extra_index_definitions: ["risk_band", "created_at"], one index each
            s.execute("CREATE INDEX incidents_risk_band ON support.incidents (risk_band)");
            s.execute("CREATE INDEX incidents_created_at ON support.incidents (created_at)");
            // what `lakesync roles create-app <role> --read support.incidents --state-schema portal` does
            s.execute("DROP ROLE IF EXISTS " + Sql.quote(role));
            s.execute("CREATE ROLE " + Sql.quote(role) + " LOGIN PASSWORD '" + password + "'");
            s.execute("GRANT USAGE ON SCHEMA support TO " + Sql.quote(role));
            s.execute("GRANT SELECT ON support.incidents TO " + Sql.quote(role));
            s.execute("CREATE SCHEMA portal AUTHORIZATION " + Sql.quote(role));
        }
        return new Database(name, superUrl, withUser(superUrl, role, password), role);
    }

    private static void insertIncidents(Connection c, int incidents) throws SQLException {
        String[] titles = ISSUES.stream().map(i -> i[2]).toArray(String[]::new);
        try (PreparedStatement s = c.prepareStatement(INSERT_INCIDENTS)) {
            int p = 1;
            s.setInt(p++, incidents);
            s.setDouble(p++, 90.0 * 86_400 / incidents);
            s.setInt(p++, ISSUES.size());
            s.setInt(p++, CUSTOMERS.length);
            s.setInt(p++, CHANNELS.length);
            s.setInt(p++, incidents);
            s.setArray(p++, c.createArrayOf("text", titles));
            s.setArray(p++, c.createArrayOf("text", ISSUES.stream().map(i -> i[3]).toArray()));
            s.setArray(p++, c.createArrayOf("text", ISSUES.stream().map(i -> i[0]).toArray()));
            s.setArray(p++, c.createArrayOf("text", ISSUES.stream().map(i -> i[1]).toArray()));
            s.setArray(p++, c.createArrayOf("text", CUSTOMERS));
            s.setArray(p++, c.createArrayOf("text", CHANNELS));
            s.setArray(p, c.createArrayOf("text", FACTORS));
            s.executeUpdate();
        }
    }

    /**
     * The team's owners, statuses and comments, written as the app role into the tables the portal's
     * migrations made; then every table vacuumed and analyzed, as autovacuum would have by now.
     *
     * @return "N state rows, M comments" for the report
     */
    static String addWork(Database db) throws SQLException {
        int states;
        int comments;
        try (Connection c = DriverManager.getConnection(db.appUrl()); Statement seed = c.createStatement()) {
            seed.execute("SELECT setseed(0.7)");
            try (PreparedStatement s = c.prepareStatement(INSERT_STATE)) {
                s.setArray(1, c.createArrayOf("text", TEAM));
                states = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(INSERT_COMMENTS)) {
                s.setInt(1, COMMENTS.length);
                s.setArray(2, c.createArrayOf("text", TEAM));
                s.setArray(3, c.createArrayOf("text", COMMENTS));
                comments = s.executeUpdate();
            }
        }
        try (Connection c = DriverManager.getConnection(db.superUrl()); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE support.incidents");
            s.execute("VACUUM ANALYZE portal.incident_state");
            s.execute("VACUUM ANALYZE portal.incident_comments");
        }
        return String.format("%,d state rows (owner/status), %,d comments", states, comments);
    }

    /** One line on the data for the report: rows per risk band. */
    static String describe(Database db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.superUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE risk_band = 'high'),"
                        + " count(*) FILTER (WHERE risk_band = 'medium'), pg_size_pretty(pg_total_relation_size("
                        + "'support.incidents')) FROM support.incidents")) {
            rs.next();
            return String.format("%,d incidents (%,d high risk, %,d medium), %s with indexes", rs.getLong(1),
                    rs.getLong(2), rs.getLong(3), rs.getString(4));
        }
    }

    /** Drops the database and the role (an external server keeps nothing of the run). */
    static void drop(String serverUrl, Database db) {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + Sql.quote(db.name()) + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + Sql.quote(db.appRole()));
        } catch (SQLException e) {
            System.err.println("portal: could not drop " + db.name() + " or role " + db.appRole() + ": "
                    + e.getMessage());
        }
    }

    /** Incident ids are INC-004001 up to INC-(4000 + N), as numbered by {@link #INSERT_INCIDENTS}. */
    static String id(int n) {
        return String.format("INC-%06d", 4000 + n);
    }

    /** The URL with another database: jdbc:postgresql://host:port/db?params. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** The URL with another login (other parameters dropped: the app role needs none). */
    static String withUser(String url, String user, String password) {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)) + "?user=" + user + "&password=" + password;
    }
}
