package io.lakesync.examples.simulator.incident;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code {slot}} placeholders of a template. A slot is drawn once per incident, so that a
 * title and its description name the same source, endpoint or time.
 */
final class SlotFiller {

    private static final Pattern SLOT = Pattern.compile("\\{([a-zA-Z]+)}");

    private static final List<String> IDPS = List.of("Okta", "Microsoft Entra ID", "Google Workspace",
            "Ping Identity", "OneLogin", "JumpCloud");
    private static final List<String> SOURCES = List.of("Salesforce", "PostgreSQL", "SAP S/4HANA", "Shopify",
            "NetSuite", "HubSpot", "MySQL", "Zendesk");
    private static final List<String> PIPELINES = List.of("orders_daily", "crm_accounts", "inventory_snapshots",
            "marketing_events", "invoices_hourly", "shipments_cdc");
    private static final List<String> ERRORS = List.of("ERR_CONN_TIMEOUT", "HTTP 401 Unauthorized",
            "SSL handshake failure", "E-4031 upstream closed connection", "HTTP 429 Too Many Requests",
            "ERR_SCHEMA_MISMATCH", "PAY-502 processor unavailable");
    private static final List<String> ENDPOINTS = List.of("/v2/orders", "/v2/payments", "/v1/customers/search",
            "/v2/shipments", "/v1/invoices", "/v2/webhooks/deliveries");
    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2",
            "ap-southeast-2");
    private static final List<String> PLATFORMS = List.of("iOS 19", "Android 16", "iPadOS 19", "Android 15");
    private static final List<String> APP_VERSIONS = List.of("5.12.0", "5.12.1", "5.13.0", "5.13.2");
    private static final List<String> REPORTS = List.of("Revenue overview", "Churn cohorts", "Pipeline health",
            "Support SLA", "Regional sales", "Inventory turnover");

    private final Random random;
    private final Map<String, Supplier<String>> slots;

    SlotFiller(Random random) {
        this.random = random;
        this.slots = slots();
    }

    /** Title and description with their slots filled alike. */
    String[] fill(IssueTemplate template, Customer customer) {
        Map<String, String> drawn = new HashMap<>();
        drawn.put("customer", customer.name());
        return new String[] {fill(template.title(), drawn), fill(template.description(), drawn)};
    }

    private String fill(String text, Map<String, String> drawn) {
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = drawn.computeIfAbsent(m.group(1), this::draw);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, Supplier<String>> slots() {
        return Map.ofEntries(
                Map.entry("idp", () -> pick(IDPS)),
                Map.entry("source", () -> pick(SOURCES)),
                Map.entry("pipeline", () -> pick(PIPELINES)),
                Map.entry("error", () -> pick(ERRORS)),
                Map.entry("endpoint", () -> pick(ENDPOINTS)),
                Map.entry("region", () -> pick(REGIONS)),
                Map.entry("platform", () -> pick(PLATFORMS)),
                Map.entry("appVersion", () -> pick(APP_VERSIONS)),
                Map.entry("report", () -> pick(REPORTS)),
                Map.entry("invoice", () -> String.format("INV-2026-%05d", random.nextInt(100_000))),
                Map.entry("amount", () -> String.format(Locale.ROOT, "$%,d.%02d", 800 + random.nextInt(90_000),
                        random.nextInt(100))),
                Map.entry("month", () -> Month.of(1 + random.nextInt(12)).getDisplayName(TextStyle.FULL, Locale.ENGLISH)),
                Map.entry("weekday", () -> DayOfWeek.of(1 + random.nextInt(5)).getDisplayName(TextStyle.FULL,
                        Locale.ENGLISH)),
                Map.entry("time", () -> String.format("%02d:%02d", random.nextInt(24), random.nextInt(60))),
                Map.entry("n", () -> Integer.toString(40 + random.nextInt(2_400))),
                Map.entry("small", () -> Integer.toString(2 + random.nextInt(9))),
                Map.entry("pct", () -> Integer.toString(2 + random.nextInt(28))),
                Map.entry("days", () -> Integer.toString(3 + random.nextInt(19))),
                Map.entry("hours", () -> Integer.toString(2 + random.nextInt(7))),
                Map.entry("minutes", () -> Integer.toString(5 + random.nextInt(40))));
    }

    private String draw(String slot) {
        Supplier<String> supplier = slots.get(slot);
        if (supplier == null) {
            throw new IllegalArgumentException("the template slot {" + slot + "} has no values; add it to "
                    + SlotFiller.class.getSimpleName());
        }
        return supplier.get();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
