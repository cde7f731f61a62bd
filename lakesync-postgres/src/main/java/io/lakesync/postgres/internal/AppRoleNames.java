package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of app roles and their state schemas: lowercase identifiers, so that they read the same
 * quoted or not (an application writes {@code user=portal} and {@code portal.incident_state}
 * without quotes) and cannot surprise anyone in a connection string.
 */
final class AppRoleNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Role names PostgreSQL reserves or gives a meaning of its own. */
    private static final Set<String> RESERVED = Set.of("public", "none", "current_user", "current_role",
            "session_user", "user");

    private AppRoleNames() {
    }

    /** @param what "role" or "state schema", for the message */
    static String require(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches() || Sql.utf8Length(name) > Sql.MAX_IDENTIFIER_BYTES) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "'" + name + "' cannot be the " + what + " name"
                    + " of an app: use a lowercase identifier of at most 63 characters (letters a-z, digits and _,"
                    + " not starting with a digit), for example support_portal.");
        }
        if (name.startsWith("pg_") || RESERVED.contains(name)) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "'" + name + "' cannot be the " + what + " name"
                    + " of an app: PostgreSQL reserves it (names starting with pg_, and " + String.join(", ",
                    RESERVED.stream().sorted().toList()) + "). Choose another name.");
        }
        return name;
    }
}
