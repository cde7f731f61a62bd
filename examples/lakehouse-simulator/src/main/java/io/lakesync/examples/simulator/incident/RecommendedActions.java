package io.lakesync.examples.simulator.incident;

/** The next step for an agent, following from the band and the strongest driver of the risk. */
final class RecommendedActions {

    private RecommendedActions() {
    }

    static String of(RiskBand band, RiskDriver driver, IncidentReport report) {
        String product = report.product();
        switch (band) {
            case HIGH:
                switch (driver) {
                    case SECURITY:
                        return "Engage the security response team now and call the customer's security contact"
                                + " within 1 hour";
                    case OUTAGE:
                        return "Open a major incident: page the " + product + " on-call engineer and post a status"
                                + " page update";
                    case SLA_BREACHED:
                        return "SLA breached: escalate to the duty manager and send the customer a proactive update"
                                + " now";
                    case DATA_LOSS:
                        return "Escalate to " + product + " engineering (tier 3) and confirm what can be restored"
                                + " before replying";
                    case CHURN:
                    case EXECUTIVE:
                        return "Alert the account manager and offer the customer a call with a support lead today";
                    case REPEAT_CONTACT:
                        return "Merge with the customer's related incidents and assign one senior owner";
                    default:
                        return "Assign a senior engineer now and update the customer every 30 minutes";
                }
            case MEDIUM:
                switch (driver) {
                    case SLA_NEAR:
                    case SLA_BREACHED:
                        return "Assign an owner and respond before the SLA is due";
                    case SECURITY:
                        return "Ask the security team to review within 4 hours";
                    case REPEAT_CONTACT:
                        return "Link the customer's related incidents and keep one owner";
                    case CHURN:
                    case EXECUTIVE:
                        return "Give the account manager a heads-up and respond within 4 hours";
                    default:
                        return "Route to a " + product + " specialist (tier 2) and respond within 4 hours";
                }
            default:
                if ("How-to".equals(report.category())) {
                    return "Reply with the matching knowledge-base article and close if it answers the question";
                }
                return "Handle in the standard " + product + " queue";
        }
    }
}
