package io.lakesync.testkit.samples;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the sample table the README's first command syncs: churn predictions per customer, as a
 * data team would publish them from the lakehouse (a "gold" table of ML scores). Deterministic
 * (fixed seed), so the committed table can be written again byte for byte in content.
 *
 * <p>Usage: {@code ChurnPredictionsSample OUTPUT_DIR [ROWS]} (default 2,000 customers).
 */
public final class ChurnPredictionsSample {

    private static final String[] FIRST = {"Ada", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana",
        "Ines", "Jonas", "Kavya", "Liam", "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomoko"};
    private static final String[] LAST = {"Okafor", "Silva", "Nguyen", "Müller", "Kowalski", "Haddad", "Ivanova",
        "Tanaka", "García", "Johansson", "Rossi", "Patel", "Dubois", "Kim", "O'Brien", "Novak"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "BR", "JP", "IN", "NG", "SE", "PL", "CA"};
    private static final String[] PLANS = {"starter", "team", "business", "enterprise"};
    private static final String[] REASONS = {"support tickets up", "usage down 30d", "failed payment",
        "seats removed", "competitor mentioned", "champion left", "low feature adoption", "contract ends soon"};
    private static final String[] ACTIONS = {"schedule success call", "offer annual discount", "fix billing",
        "run onboarding session", "executive outreach", "no action"};

    private ChurnPredictionsSample() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        if (Files.exists(out)) {
            throw new IllegalStateException(out + " exists; remove it first");
        }
        DeltaTableWriter writer = DeltaTableWriter.create(out, columns(), List.of(), Map.of());
        writer.append(rows(rows, new Random(20261126L)));
        System.out.println("wrote " + rows + " rows to " + out);
    }

    static List<Column> columns() {
        return List.of(
                new Column("customer_id", ColumnType.LONG, false),
                new Column("customer_name", ColumnType.STRING, true),
                new Column("country", ColumnType.STRING, true),
                new Column("plan", ColumnType.STRING, true),
                new Column("monthly_revenue", new ColumnType.Decimal(10, 2), true),
                new Column("churn_risk", ColumnType.DOUBLE, true),
                new Column("risk_band", ColumnType.STRING, true),
                new Column("top_reasons", new ColumnType.Array(ColumnType.STRING, true), true),
                new Column("next_best_action", ColumnType.STRING, true),
                new Column("model_version", ColumnType.STRING, true),
                new Column("scored_at", ColumnType.TIMESTAMP, true),
                new Column("customer_since", ColumnType.DATE, true));
    }

    static List<Object[]> rows(int count, Random random) {
        List<Object[]> rows = new ArrayList<>(count);
        Instant scoredAt = Instant.parse("2026-11-25T03:00:00Z");
        for (int i = 0; i < count; i++) {
            double risk = Math.round(Math.pow(random.nextDouble(), 2.2) * 10_000) / 10_000.0;
            String band = risk >= 0.6 ? "high" : risk >= 0.3 ? "medium" : "low";
            List<String> reasons = new ArrayList<>();
            int reasonCount = band.equals("low") ? random.nextInt(2) : 1 + random.nextInt(3);
            for (int r = 0; r < reasonCount; r++) {
                String reason = REASONS[random.nextInt(REASONS.length)];
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
            String plan = PLANS[random.nextInt(PLANS.length)];
            BigDecimal revenue = BigDecimal.valueOf(49 + random.nextInt(40) * 25L * (1 + List.of(PLANS).indexOf(plan)))
                    .add(BigDecimal.valueOf(random.nextInt(100), 2)).setScale(2, RoundingMode.UNNECESSARY);
            rows.add(new Object[] {
                10_000L + i,
                FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)],
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                plan,
                revenue,
                risk,
                band,
                reasons,
                band.equals("low") ? "no action" : ACTIONS[random.nextInt(ACTIONS.length - 1)],
                "churn-gbm-2026.11.2",
                scoredAt.plusMillis(random.nextInt(3_600_000)).plusNanos(random.nextInt(1000) * 1000L),
                LocalDate.of(2016, 1, 1).plusDays(random.nextInt(3_600))});
        }
        return rows;
    }
}
