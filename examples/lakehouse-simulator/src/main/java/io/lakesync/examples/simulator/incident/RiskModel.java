package io.lakesync.examples.simulator.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the gradient-boosted escalation model of a real lakehouse: a logistic score over
 * the features that drive escalations in support data (priority, customer tier, channel, time left
 * to the SLA, alarming phrases, repeated contacts), plus a little noise, so that bands, risk factors
 * and actions are consistent with each other and with the incident. Re-scoring later gives a higher
 * risk as the SLA comes closer.
 */
public final class RiskModel {

    /** Risk factors smaller than this are not worth showing to an agent. */
    private static final double SHOWN_FACTOR = 0.2;
    private static final int MAX_FACTORS = 3;
    private static final double BASE = -2.3;
    private static final double NOISE = 0.3;
    private static final Set<RiskDriver> SITUATIONAL = EnumSet.complementOf(
            EnumSet.of(RiskDriver.PRIORITY, RiskDriver.CUSTOMER_TIER, RiskDriver.CHANNEL));
    private static final Pattern VERSION = Pattern.compile("(.*\\.)(\\d+)");

    private final Random random;

    public RiskModel(Random random) {
        this.random = random;
    }

    /**
     * @param otherRecentFromCustomer how many other incidents the same customer opened about the same
     *     product in the 24 hours before this one
     */
    public RiskScore score(IncidentReport report, int otherRecentFromCustomer, Instant now, String modelVersion) {
        List<Contribution> terms = contributions(report, otherRecentFromCustomer, now);
        double logit = BASE + versionBias(modelVersion) + random.nextGaussian() * NOISE;
        for (Contribution c : terms) {
            logit += c.weight();
        }
        // a calibrated model is never certain: [0.01, 0.99]; four decimals, as a dashboard shows it
        double risk = Math.round(1e4 * (0.01 + 0.98 / (1 + Math.exp(-logit)))) / 1e4;
        RiskBand band = RiskBand.of(risk);
        List<Contribution> shown = terms.stream().filter(c -> c.weight() >= SHOWN_FACTOR)
                .sorted(Comparator.comparingDouble(Contribution::weight).reversed()).limit(MAX_FACTORS).toList();
        List<String> factors = shown.isEmpty() ? List.of("No escalation signals")
                : shown.stream().map(Contribution::factor).toList();
        return new RiskScore(risk, band, RecommendedActions.of(band, actionDriver(terms), report), factors,
                modelVersion, now);
    }

    /**
     * What the action should address: the strongest situational driver (an outage, a breach, a
     * security report...) rather than priority, tier or channel, which say how much but not what.
     */
    private static RiskDriver actionDriver(List<Contribution> terms) {
        return terms.stream().filter(c -> c.weight() >= SHOWN_FACTOR && SITUATIONAL.contains(c.driver()))
                .max(Comparator.comparingDouble(Contribution::weight)).map(Contribution::driver)
                .orElse(RiskDriver.PRIORITY);
    }

    /** The model version after a retraining: the last number goes up. */
    public static String nextVersion(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return version + ".1";
        }
        return m.group(1) + (Long.parseLong(m.group(2)) + 1);
    }

    private static List<Contribution> contributions(IncidentReport report, int otherRecent, Instant now) {
        List<Contribution> terms = new ArrayList<>();
        switch (report.priority()) {
            case P1 -> terms.add(new Contribution(RiskDriver.PRIORITY, "P1 priority", 2.1));
            case P2 -> terms.add(new Contribution(RiskDriver.PRIORITY, "P2 priority", 1.0));
            case P4 -> terms.add(new Contribution(RiskDriver.PRIORITY, "P4 priority", -0.9));
            default -> { }
        }
        Customer.Tier tier = SupportCatalog.customer(report.customer()).map(Customer::tier).orElse(Customer.Tier.GROWTH);
        switch (tier) {
            case STRATEGIC -> terms.add(new Contribution(RiskDriver.CUSTOMER_TIER, "Strategic-tier customer", 0.9));
            case ENTERPRISE -> terms.add(new Contribution(RiskDriver.CUSTOMER_TIER, "Enterprise-tier customer", 0.5));
            case STARTER -> terms.add(new Contribution(RiskDriver.CUSTOMER_TIER, "Starter-tier customer", -0.3));
            default -> { }
        }
        switch (report.channel()) {
            case "phone" -> terms.add(new Contribution(RiskDriver.CHANNEL, "Reported by phone", 0.5));
            case "chat" -> terms.add(new Contribution(RiskDriver.CHANNEL, "Reported in chat", 0.15));
            case "portal" -> terms.add(new Contribution(RiskDriver.CHANNEL, "Self-service portal", -0.2));
            default -> { }
        }
        sla(report, now, terms);
        terms.addAll(RiskSignals.in(report));
        if (otherRecent > 0) {
            terms.add(new Contribution(RiskDriver.REPEAT_CONTACT, otherRecent + " other incident"
                    + (otherRecent == 1 ? "" : "s") + " from this customer in 24 h", 0.4 * Math.min(otherRecent, 2)));
        }
        return terms;
    }

    private static void sla(IncidentReport report, Instant now, List<Contribution> terms) {
        Duration total = Duration.between(report.createdAt(), report.slaDueAt());
        Duration left = Duration.between(now, report.slaDueAt());
        if (left.isNegative() || left.isZero()) {
            terms.add(new Contribution(RiskDriver.SLA_BREACHED, "SLA breached " + human(left.negated()) + " ago", 1.9));
            return;
        }
        double elapsed = 1 - (double) left.toSeconds() / Math.max(1, total.toSeconds());
        if (elapsed >= 0.75) {
            terms.add(new Contribution(RiskDriver.SLA_NEAR, "SLA due in " + human(left), 1.1));
        } else if (elapsed >= 0.5) {
            terms.add(new Contribution(RiskDriver.SLA_NEAR, "SLA due in " + human(left), 0.45));
        }
    }

    private static String human(Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = d.toHours();
        return hours < 48 ? hours + " h" : d.toDays() + " days";
    }

    /** Each retrained model scores a little differently. */
    private static double versionBias(String version) {
        return (Math.floorMod(version.hashCode(), 21) - 10) / 70.0;
    }
}
