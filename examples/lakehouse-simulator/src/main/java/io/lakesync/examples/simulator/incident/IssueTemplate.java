package io.lakesync.examples.simulator.incident;

import java.util.List;

/**
 * A kind of support request: product, category, the priorities it usually gets (the first one most
 * often), how common it is, and a title and description with {@code {slot}} placeholders that
 * {@link SlotFiller} fills.
 */
public record IssueTemplate(String product, String category, List<Priority> priorities, int weight, String title,
        String description) {

    public IssueTemplate {
        priorities = List.copyOf(priorities);
        if (priorities.isEmpty() || weight <= 0) {
            throw new IllegalArgumentException("a template needs a priority and a positive weight: " + title);
        }
    }
}
