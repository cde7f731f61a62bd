package io.lakesync.examples.simulator.incident;

/** One term of the model's logit: what it is, how it reads to an agent, and its weight. */
record Contribution(RiskDriver driver, String factor, double weight) {
}
