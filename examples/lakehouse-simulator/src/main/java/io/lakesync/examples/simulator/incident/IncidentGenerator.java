package io.lakesync.examples.simulator.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Draws new incidents: a customer (bigger customers open more tickets), a kind of request, its
 * priority, the channel it came in by (urgent ones more often by phone) and its SLA. All randomness
 * comes from one seeded {@link Random}, so a seed gives the same stream of reports.
 */
public final class IncidentGenerator {

    private static final List<String> CHANNELS = List.of("phone", "chat", "email", "portal");

    private final Random random;
    private final SlotFiller slots;
    private final int customerWeights;
    private final int templateWeights;

    public IncidentGenerator(Random random) {
        this.random = random;
        this.slots = new SlotFiller(random);
        this.customerWeights = SupportCatalog.CUSTOMERS.stream().mapToInt(IncidentGenerator::weight).sum();
        this.templateWeights = SupportCatalog.TEMPLATES.stream().mapToInt(IssueTemplate::weight).sum();
    }

    public IncidentReport next(String id, Instant createdAt) {
        Customer customer = customer();
        IssueTemplate template = template();
        String[] text = slots.fill(template, customer);
        Priority priority = priority(template);
        return new IncidentReport(id, text[0], text[1], customer.name(), template.product(), template.category(),
                priority, channel(priority), createdAt, createdAt.plus(priority.sla(customer.tier())));
    }

    /**
     * The same request sent again a little later through another channel (the customer did not see
     * the first one acknowledged): same customer, product, title and description.
     */
    public IncidentReport duplicateOf(IncidentReport original, String id, Instant createdAt) {
        String channel = original.channel();
        while (channel.equals(original.channel())) {
            channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        }
        Duration sla = Duration.between(original.createdAt(), original.slaDueAt());
        return new IncidentReport(id, original.title(), original.description(), original.customer(),
                original.product(), original.category(), original.priority(), channel, createdAt, createdAt.plus(sla));
    }

    private Customer customer() {
        int r = random.nextInt(customerWeights);
        for (Customer c : SupportCatalog.CUSTOMERS) {
            r -= weight(c);
            if (r < 0) {
                return c;
            }
        }
        throw new IllegalStateException("customer weights do not add up");
    }

    private IssueTemplate template() {
        int r = random.nextInt(templateWeights);
        for (IssueTemplate t : SupportCatalog.TEMPLATES) {
            r -= t.weight();
            if (r < 0) {
                return t;
            }
        }
        throw new IllegalStateException("template weights do not add up");
    }

    /** The template's usual priority seven times in ten, else one of its others. */
    private Priority priority(IssueTemplate template) {
        List<Priority> ps = template.priorities();
        if (ps.size() == 1 || random.nextInt(10) < 7) {
            return ps.get(0);
        }
        return ps.get(1 + random.nextInt(ps.size() - 1));
    }

    /** Percentages for phone, chat, email, portal: urgent problems are phoned in. */
    private String channel(Priority priority) {
        int[] shares = switch (priority) {
            case P1 -> new int[] {50, 25, 15, 10};
            case P2 -> new int[] {20, 35, 25, 20};
            default -> new int[] {5, 25, 35, 35};
        };
        int r = random.nextInt(100);
        for (int i = 0; i < shares.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return CHANNELS.get(i);
            }
        }
        return CHANNELS.get(CHANNELS.size() - 1);
    }

    private static int weight(Customer c) {
        return switch (c.tier()) {
            case STRATEGIC -> 6;
            case ENTERPRISE -> 4;
            case GROWTH -> 3;
            case STARTER -> 2;
        };
    }
}
