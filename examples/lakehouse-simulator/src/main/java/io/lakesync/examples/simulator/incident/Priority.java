package io.lakesync.examples.simulator.incident;

import java.time.Duration;

/** Support priority with its response SLA (the time to resolution the contract promises). */
public enum Priority {
    P1(Duration.ofHours(4)),
    P2(Duration.ofHours(12)),
    P3(Duration.ofHours(48)),
    P4(Duration.ofHours(120));

    private final Duration sla;

    Priority(Duration sla) {
        this.sla = sla;
    }

    /** The SLA; strategic customers pay for half of it. */
    public Duration sla(Customer.Tier tier) {
        return tier == Customer.Tier.STRATEGIC ? sla.dividedBy(2) : sla;
    }
}
