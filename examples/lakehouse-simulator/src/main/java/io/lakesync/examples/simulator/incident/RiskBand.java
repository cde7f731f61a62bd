package io.lakesync.examples.simulator.incident;

import java.util.Locale;

/** The band a predicted escalation risk falls in; the portal filters and colours by it. */
public enum RiskBand {
    LOW, MEDIUM, HIGH;

    /** Risks from here up are medium. */
    public static final double MEDIUM_FROM = 0.4;
    /** Risks from here up are high. */
    public static final double HIGH_FROM = 0.7;

    public static RiskBand of(double risk) {
        if (risk >= HIGH_FROM) {
            return HIGH;
        }
        return risk >= MEDIUM_FROM ? MEDIUM : LOW;
    }

    /** The value stored in the table: low, medium or high. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
