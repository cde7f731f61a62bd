package io.lakesync.examples.portal.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write numbers and times (all times in UTC, so every reader sees the same). */
public final class Fmt {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** "5 min ago", "in 3 h". */
    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return "—";
        }
        Duration d = Duration.between(now, at);
        boolean future = !d.isNegative();
        String span = span(d.abs());
        return future ? "in " + span : span + " ago";
    }

    /** "3 h", "12 min", "2 d". */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }

    /** The SLA cell: "breached 2 h ago" or "due in 3 h"; resolved incidents have none to watch. */
    public static String sla(Instant due, Instant now, boolean resolved) {
        if (due == null || resolved) {
            return "—";
        }
        return due.isBefore(now) ? "breached " + span(Duration.between(due, now)) + " ago"
                : "due in " + span(Duration.between(now, due));
    }

    /** 0.823 → "0.82". */
    public static String risk(Double risk) {
        return risk == null ? "—" : String.format(Locale.ROOT, "%.2f", risk);
    }

    /** 0.823 → "82%". */
    public static String percent(Double risk) {
        return risk == null ? "—" : Math.round(risk * 100) + "%";
    }

    /** The width of a risk bar, 0–100. */
    public static long barWidth(Double risk) {
        return risk == null ? 0 : Math.max(2, Math.min(100, Math.round(risk * 100)));
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** CSS class of a risk band: risk-high, risk-medium, risk-low. */
    public static String bandClass(String band) {
        return band == null ? "risk-none" : "risk-" + band.toLowerCase(Locale.ROOT);
    }

    public static String bandLabel(String band) {
        return band == null ? "unscored" : band.substring(0, 1).toUpperCase(Locale.ROOT) + band.substring(1);
    }

    /** CSS class of a priority: prio-p1 … prio-p4. */
    public static String priorityClass(String priority) {
        return priority == null ? "prio-none" : "prio-" + priority.toLowerCase(Locale.ROOT);
    }

    public static String statusClass(String status) {
        return "status-" + (status == null ? "open" : status.replace('_', '-'));
    }

    /** Initials for an owner's avatar: "Priya Raman" → "PR". */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.strip().split("\\s+")) {
            if (out.length() < 2 && !part.isEmpty()) {
                out.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
            }
        }
        return out.toString();
    }
}
