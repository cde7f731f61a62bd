package io.lakesync.examples.simulator.incident;

/** A customer of the SaaS suite and the support tier its contract buys. */
public record Customer(String name, Tier tier) {

    public enum Tier {
        STRATEGIC("Strategic"), ENTERPRISE("Enterprise"), GROWTH("Growth"), STARTER("Starter");

        private final String label;

        Tier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
