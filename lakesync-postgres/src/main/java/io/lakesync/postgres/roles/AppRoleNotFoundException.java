package io.lakesync.postgres.roles;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;

/** No app role of that name was created by this database's lakesync; the REST API answers 404. */
public final class AppRoleNotFoundException extends LakesyncException {

    public AppRoleNotFoundException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}
