package io.lakesync.examples.simulator.incident;

import static io.lakesync.examples.simulator.incident.Priority.P1;
import static io.lakesync.examples.simulator.incident.Priority.P2;
import static io.lakesync.examples.simulator.incident.Priority.P3;
import static io.lakesync.examples.simulator.incident.Priority.P4;

import io.lakesync.examples.simulator.incident.Customer.Tier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The world the simulator draws from: the customers of a SaaS suite (Billing, Identity & SSO, Data
 * Pipelines, Mobile App, API Gateway, Reporting) and the requests they send to support. Company
 * names are invented.
 */
public final class SupportCatalog {

    public static final List<Customer> CUSTOMERS = List.of(
            new Customer("Northwind Logistics", Tier.STRATEGIC),
            new Customer("Tidewater Bank", Tier.STRATEGIC),
            new Customer("Meridian Freight", Tier.STRATEGIC),
            new Customer("Pinecrest Insurance", Tier.STRATEGIC),
            new Customer("Solara Energy", Tier.ENTERPRISE),
            new Customer("Redwood Mutual", Tier.ENTERPRISE),
            new Customer("Atlas Manufacturing", Tier.ENTERPRISE),
            new Customer("Kestrel Airways", Tier.ENTERPRISE),
            new Customer("Silverline Telecom", Tier.ENTERPRISE),
            new Customer("Beacon Credit Union", Tier.ENTERPRISE),
            new Customer("Polaris Pharmacy", Tier.ENTERPRISE),
            new Customer("Wavecrest Hotels", Tier.ENTERPRISE),
            new Customer("Harbor & Vine", Tier.GROWTH),
            new Customer("Bluefin Analytics", Tier.GROWTH),
            new Customer("Lumen Media Group", Tier.GROWTH),
            new Customer("Orchard Foods", Tier.GROWTH),
            new Customer("Vantage Realty", Tier.GROWTH),
            new Customer("Everpeak Outdoor", Tier.GROWTH),
            new Customer("Nimbus Travel", Tier.GROWTH),
            new Customer("Ridgeway Legal", Tier.GROWTH),
            new Customer("Trellis Agritech", Tier.GROWTH),
            new Customer("Zephyr Mobility", Tier.GROWTH),
            new Customer("Summit Dental Group", Tier.STARTER),
            new Customer("Granite City Schools", Tier.STARTER),
            new Customer("Copperleaf Studio", Tier.STARTER),
            new Customer("Fernhill Veterinary", Tier.STARTER),
            new Customer("Quill & Ledger", Tier.STARTER),
            new Customer("Juniper Fitness", Tier.STARTER));

    public static final List<IssueTemplate> TEMPLATES = List.of(
            // Billing
            new IssueTemplate("Billing", "Billing", List.of(P3, P2), 4,
                    "Customer charged twice for the {month} invoice",
                    "The finance team at {customer} reports that invoice {invoice} was charged twice to the card on"
                            + " file ({amount} each). They ask for a refund of the duplicate charge before their"
                            + " month-end close on {weekday}."),
            new IssueTemplate("Billing", "Bug", List.of(P3, P4), 3,
                    "Invoice PDF shows the wrong VAT number",
                    "The VAT number printed on invoice {invoice} does not match the one in the billing profile."
                            + " Accounts payable at {customer} cannot process the invoice until it is corrected."),
            new IssueTemplate("Billing", "How-to", List.of(P4), 4,
                    "How to add a second billing contact",
                    "An admin at {customer} wants invoices to go to both the finance mailbox and procurement, and"
                            + " asks whether billing contacts can be set per cost centre."),
            new IssueTemplate("Billing", "Billing", List.of(P2, P3), 2,
                    "Usage charges far above metered usage in {month}",
                    "The {month} invoice bills {n} thousand API calls, but the gateway logs of {customer} show"
                            + " about a third of that. Their controller wants an explanation this week and will"
                            + " escalate to their executive sponsor otherwise."),
            new IssueTemplate("Billing", "Billing", List.of(P3), 2,
                    "Renewal quote still missing, {days} days before renewal",
                    "Procurement at {customer} has no quote for the annual renewal due in {days} days. The account"
                            + " owner mentions they are evaluating other vendors."),
            new IssueTemplate("Billing", "Outage", List.of(P1), 1,
                    "Hosted checkout fails for every payment with {error}",
                    "Since {time} UTC every payment attempt through the hosted checkout of {customer} fails with"
                            + " {error}. Production orders are blocked."),
            new IssueTemplate("Billing", "Billing", List.of(P2), 1,
                    "Cancellation request after repeated outages",
                    "The VP of Operations at {customer} writes that after the third outage this quarter they want"
                            + " to cancel the contract unless a remediation plan is presented this week."),

            // Identity & SSO
            new IssueTemplate("Identity & SSO", "Access", List.of(P1), 1,
                    "All users locked out after SAML certificate rotation",
                    "{customer} rotated the SAML signing certificate in {idp} at {time} UTC. Since then all users get"
                            + " 'invalid signature' at login; production work is blocked for about {n} employees."),
            new IssueTemplate("Identity & SSO", "Access", List.of(P2, P3), 3,
                    "SCIM provisioning stopped creating new accounts",
                    "New hires added in {idp} since {weekday} are not provisioned. The SCIM sync log of {customer}"
                            + " shows {error} for each request."),
            new IssueTemplate("Identity & SSO", "Security", List.of(P1, P2), 1,
                    "Suspicious admin logins from unfamiliar countries",
                    "The security team at {customer} saw {small} successful admin logins from IP ranges in countries"
                            + " they do not operate in. They ask us to confirm whether this is unauthorized access and"
                            + " to help force a password reset."),
            new IssueTemplate("Identity & SSO", "Bug", List.of(P3), 3,
                    "MFA prompt loops in the mobile browser",
                    "Users of {customer} on {platform} are asked for their second factor again and again after"
                            + " approving it. Desktop logins work."),
            new IssueTemplate("Identity & SSO", "How-to", List.of(P4), 3,
                    "How to restrict sign-in to the office IP ranges",
                    "The IT lead at {customer} wants to allow sign-in only from their office networks and VPN, and"
                            + " asks how the IP allow list interacts with {idp} conditional access."),
            new IssueTemplate("Identity & SSO", "Security", List.of(P2), 1,
                    "Deprovisioned users can still use open sessions",
                    "Accounts disabled in {idp} at {customer} keep working in sessions that were already open, for"
                            + " up to {hours} hours. Their auditor flags this as unauthorized access risk."),
            new IssueTemplate("Identity & SSO", "Access", List.of(P3, P2), 2,
                    "Just-in-time provisioning assigns the wrong role",
                    "Users created on first login through {idp} get the Editor role instead of Viewer, although the"
                            + " group mapping of {customer} says Viewer."),

            // Data Pipelines
            new IssueTemplate("Data Pipelines", "Outage", List.of(P1, P2), 2,
                    "Nightly {source} ingestion failed, dashboards empty",
                    "The {pipeline} pipeline from {source} failed at {time} UTC with {error}; downstream dashboards"
                            + " of {customer} show no data for today. Their executive review is this afternoon."),
            new IssueTemplate("Data Pipelines", "Data quality", List.of(P2), 2,
                    "Rows missing after a schema change in {source}",
                    "After a column was added to the source table in {source}, the {pipeline} sync skipped about"
                            + " {pct}% of the rows. {customer} fears data loss in the warehouse copy."),
            new IssueTemplate("Data Pipelines", "Performance", List.of(P3), 3,
                    "{pipeline} runs take three times longer since last week",
                    "The {pipeline} job of {customer} used to finish in {minutes} minutes and now takes over"
                            + " {hours} hours, so the morning reports are late."),
            new IssueTemplate("Data Pipelines", "Data quality", List.of(P2, P3), 2,
                    "Duplicate records after a connector retry",
                    "A retry of the {source} connector at {time} UTC wrote {n} duplicate rows into the orders table"
                            + " of {customer}; their finance reports are now wrong."),
            new IssueTemplate("Data Pipelines", "Bug", List.of(P3), 3,
                    "Timestamps shifted by one hour after the DST change",
                    "Since the daylight saving change, event timestamps loaded by {pipeline} for {customer} are one"
                            + " hour ahead of the values in {source}."),
            new IssueTemplate("Data Pipelines", "How-to", List.of(P4), 3,
                    "How to backfill a single day of {pipeline}",
                    "{customer} wants to reload one day of {pipeline} from {source} without rerunning the whole"
                            + " history, and asks which option of the job does that."),
            new IssueTemplate("Data Pipelines", "Data quality", List.of(P1, P2), 1,
                    "Corrupt files in the export bucket",
                    "Parquet files written by the {pipeline} export since {weekday} cannot be opened; the readers of"
                            + " {customer} report corrupt footers. Yesterday's data may be lost."),

            // Mobile App
            new IssueTemplate("Mobile App", "Bug", List.of(P2, P1), 2,
                    "App crashes on launch after updating to {appVersion}",
                    "Since updating to {appVersion} on {platform}, the app crashes on launch for all users at"
                            + " {customer}. Field technicians cannot open their work orders."),
            new IssueTemplate("Mobile App", "Bug", List.of(P3), 3,
                    "Push notifications arrive hours late on {platform}",
                    "Assignment notifications for {customer} reach {platform} devices {hours} hours after they are"
                            + " sent; in-app the assignments show immediately."),
            new IssueTemplate("Mobile App", "Performance", List.of(P3, P4), 3,
                    "Offline sync takes minutes on large projects",
                    "Syncing a project with about {n} items takes {minutes} minutes on {platform} for {customer};"
                            + " small projects sync in seconds."),
            new IssueTemplate("Mobile App", "Access", List.of(P3), 2,
                    "Biometric login no longer offered after OS upgrade",
                    "After upgrading to {platform}, users of {customer} must type their password every time; the"
                            + " Face ID and fingerprint option is gone from the login screen."),
            new IssueTemplate("Mobile App", "How-to", List.of(P4), 3,
                    "Can the app be deployed through our MDM?",
                    "{customer} manages devices with an MDM and asks for the managed app configuration keys so"
                            + " that the tenant URL is preset."),
            new IssueTemplate("Mobile App", "Data quality", List.of(P2), 1,
                    "Photos attached offline are lost after sync",
                    "Technicians at {customer} attach photos to inspections while offline; after the sync {small}"
                            + " inspections are missing their photos. They fear the evidence is lost."),

            // API Gateway
            new IssueTemplate("API Gateway", "Outage", List.of(P1), 1,
                    "API returns 503 for all requests in {region}",
                    "Since {time} UTC every request to {endpoint} in {region} returns 503 Service Unavailable."
                            + " The production checkout of {customer} depends on it."),
            new IssueTemplate("API Gateway", "Performance", List.of(P2, P3), 2,
                    "p99 latency of {endpoint} above two seconds",
                    "{customer} measures a p99 of over two seconds on {endpoint} since {weekday}, against about"
                            + " {small}0 ms before. No change on their side."),
            new IssueTemplate("API Gateway", "Bug", List.of(P3), 3,
                    "Rate limit headers report the wrong remaining quota",
                    "X-RateLimit-Remaining on {endpoint} stays at the full quota while {customer} is being throttled"
                            + " with 429s."),
            new IssueTemplate("API Gateway", "Security", List.of(P2), 1,
                    "Webhook signing secret exposed in an error message",
                    "A 400 response from {endpoint} echoed the webhook signing secret of {customer} in its error"
                            + " body, which their logging platform stored. They consider the secret leaked."),
            new IssueTemplate("API Gateway", "How-to", List.of(P4), 3,
                    "Request for a higher rate limit in the sandbox",
                    "{customer} is load testing an integration and asks for {n} requests per minute in the sandbox"
                            + " tenant for two weeks."),
            new IssueTemplate("API Gateway", "Bug", List.of(P2, P3), 2,
                    "Intermittent 502s on {endpoint} at peak hours",
                    "Between 08:00 and 10:00 local time about {pct}% of the calls of {customer} to {endpoint} fail"
                            + " with 502 Bad Gateway; retries succeed."),

            // Reporting
            new IssueTemplate("Reporting", "Bug", List.of(P3), 3,
                    "Scheduled report emails stopped arriving",
                    "The weekly '{report}' email has not reached the subscribers at {customer} since {weekday}."
                            + " The schedule shows the runs as successful."),
            new IssueTemplate("Reporting", "Data quality", List.of(P2), 2,
                    "'{report}' totals differ from the CSV export",
                    "The '{report}' dashboard shows {amount} for last month while the CSV export sums to a"
                            + " different figure. The CFO of {customer} presents these numbers to the board on"
                            + " {weekday}."),
            new IssueTemplate("Reporting", "Performance", List.of(P3), 3,
                    "Report builder times out on a 12-month range",
                    "Building '{report}' for 12 months times out after {minutes} minutes for {customer}; 3 months"
                            + " work."),
            new IssueTemplate("Reporting", "How-to", List.of(P4), 3,
                    "How to share a dashboard with an external partner",
                    "{customer} wants to share the '{report}' dashboard read-only with a partner who has no"
                            + " account, and asks about public links and their expiry."),
            new IssueTemplate("Reporting", "Outage", List.of(P2, P1), 1,
                    "Reporting portal unavailable for EU tenants",
                    "The reporting portal answers with a blank page for {customer} and other tenants in {region}"
                            + " since {time} UTC; the API still works."),
            new IssueTemplate("Reporting", "Security", List.of(P2), 1,
                    "Viewer role can see confidential salary columns",
                    "A viewer at {customer} could open the '{report}' dataset including salary columns that are"
                            + " marked confidential. HR asks who else had unauthorized access."));

    private static final Map<String, Customer> BY_NAME = CUSTOMERS.stream()
            .collect(Collectors.toUnmodifiableMap(Customer::name, Function.identity()));

    private SupportCatalog() {
    }

    /** The customer of that name, if it is one of ours (a restarted table may hold others). */
    public static Optional<Customer> customer(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
