package io.lakesync.examples.simulator.incident;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Incident ids as support tools show them: INC-004217. */
public final class IncidentIds {

    private static final Pattern ID = Pattern.compile("INC-(\\d+)");

    private IncidentIds() {
    }

    public static String format(long number) {
        return String.format("INC-%06d", number);
    }

    /** The number of an id, or -1 when it is not one of ours. */
    public static long number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
