package io.lakesync.postgres.roles;

import io.lakesync.core.model.TableName;
import java.util.List;

/**
 * A role just created for an application, with the password it logs in with. The password exists
 * only here: PostgreSQL keeps a SCRAM hash of it, so show it to the user once and do not log it
 * ({@link #toString} masks it).
 *
 * @param name the PostgreSQL role (the login user)
 * @param password the generated password
 * @param stateSchema the schema the role owns, for the application's own tables
 * @param readable the synced tables it may SELECT
 */
public record AppRole(String name, String password, String stateSchema, List<TableName> readable) {

    public AppRole {
        readable = List.copyOf(readable);
    }

    @Override
    public String toString() {
        return "AppRole[name=" + name + ", password=****, stateSchema=" + stateSchema + ", readable=" + readable + "]";
    }
}
