package io.lakesync.postgres.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which column type changes keep every stored value exactly, so that {@code ALTER COLUMN TYPE} can
 * follow a source whose type widened (Delta type widening) instead of a full refresh. Types are
 * compared as PostgreSQL spells them ({@code format_type}): smallint → integer → bigint; smallint
 * and integer → double precision; real → double precision; an integer type → numeric with room for
 * all its digits; numeric(p,s) → numeric(p',s') with s' ≥ s and as many integer digits (p'-s' ≥
 * p-s); date → timestamp without time zone. Anything else, narrowing included, is not a widening.
 */
final class TypeWidening {

    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    /** Decimal digits an integer type needs; numeric(p,s) holds them all when p - s is at least this. */
    private static final Map<String, Integer> INTEGER_DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);

    private static final Map<String, Integer> INTEGER_RANK = Map.of("smallint", 1, "integer", 2, "bigint", 3);

    private TypeWidening() {
    }

    static boolean widens(String from, String to) {
        if (INTEGER_RANK.containsKey(from)) {
            return widensInteger(from, to);
        }
        if (from.equals("real")) {
            return to.equals("double precision");
        }
        if (from.equals("date")) {
            return to.equals("timestamp without time zone");
        }
        Matcher fromNumeric = NUMERIC.matcher(from);
        Matcher toNumeric = NUMERIC.matcher(to);
        if (fromNumeric.matches() && toNumeric.matches()) {
            int precision = Integer.parseInt(fromNumeric.group(1));
            int scale = Integer.parseInt(fromNumeric.group(2));
            int newPrecision = Integer.parseInt(toNumeric.group(1));
            int newScale = Integer.parseInt(toNumeric.group(2));
            return newScale >= scale && newPrecision - newScale >= precision - scale
                    && (newPrecision != precision || newScale != scale);
        }
        return false;
    }

    private static boolean widensInteger(String from, String to) {
        Integer toRank = INTEGER_RANK.get(to);
        if (toRank != null) {
            return toRank > INTEGER_RANK.get(from);
        }
        if (to.equals("double precision")) {
            return !from.equals("bigint"); // a double has 53 bits of mantissa: not every bigint fits
        }
        Matcher numeric = NUMERIC.matcher(to);
        return numeric.matches()
                && Integer.parseInt(numeric.group(1)) - Integer.parseInt(numeric.group(2)) >= INTEGER_DIGITS.get(from);
    }
}
