package io.lakesync.examples.simulator.incident;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Phrases in an incident's text that raise its escalation risk, grouped by what they signal. */
final class RiskSignals {

    private record Signal(RiskDriver driver, String label, double weight, List<String> phrases,
            List<Pattern> patterns) {
        Signal(RiskDriver driver, String label, double weight, List<String> phrases) {
            // whole words only: "board" is a signal, "dashboard" is not
            this(driver, label, weight, phrases, phrases.stream()
                    .map(p -> Pattern.compile("\\b" + Pattern.quote(p) + "\\b")).toList());
        }

        Optional<String> firstMatch(String text) {
            for (int i = 0; i < phrases.size(); i++) {
                if (patterns.get(i).matcher(text).find()) {
                    return Optional.of(phrases.get(i));
                }
            }
            return Optional.empty();
        }
    }

    private static final List<Signal> SIGNALS = List.of(
            new Signal(RiskDriver.SECURITY, "Security language", 1.3,
                    List.of("unauthorized", "suspicious", "leak", "exposed", "confidential")),
            new Signal(RiskDriver.OUTAGE, "Outage language", 1.1,
                    List.of("all users", "all requests", "every request", "every payment", "unavailable", "blocked",
                            "crashes on launch", "blank page")),
            new Signal(RiskDriver.DATA_LOSS, "Possible data loss", 0.9,
                    List.of("data loss", "lost", "corrupt", "missing", "duplicate rows", "duplicate records")),
            new Signal(RiskDriver.CHURN, "Churn signal", 1.0,
                    List.of("cancel", "refund", "other vendors", "escalate", "renewal")),
            new Signal(RiskDriver.EXECUTIVE, "Executive visibility", 0.6,
                    List.of("executive", "cfo", "board", "vp of")));

    private RiskSignals() {
    }

    /** One contribution per kind of signal found, naming the first phrase that matched. */
    static List<Contribution> in(IncidentReport report) {
        String text = (report.title() + " " + report.description()).toLowerCase(Locale.ROOT);
        return SIGNALS.stream()
                .flatMap(s -> s.firstMatch(text)
                        .map(p -> new Contribution(s.driver(), s.label() + ": \"" + p + "\"", s.weight())).stream())
                .toList();
    }
}
