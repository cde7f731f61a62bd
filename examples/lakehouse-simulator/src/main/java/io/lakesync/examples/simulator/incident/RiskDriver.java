package io.lakesync.examples.simulator.incident;

/**
 * The kinds of evidence the escalation model weighs. The strongest driver of a score picks the
 * recommended action, so that the action reads as a consequence of the listed risk factors.
 */
enum RiskDriver {
    PRIORITY, CUSTOMER_TIER, CHANNEL, SLA_BREACHED, SLA_NEAR, OUTAGE, SECURITY, DATA_LOSS, CHURN, EXECUTIVE,
    REPEAT_CONTACT
}
