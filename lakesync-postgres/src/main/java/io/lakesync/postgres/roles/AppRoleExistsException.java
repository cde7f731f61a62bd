package io.lakesync.postgres.roles;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;

/** A role (or the state schema) of that name exists already; the REST API answers 409. */
public final class AppRoleExistsException extends LakesyncException {

    public AppRoleExistsException(String message) {
        super(ErrorCode.TARGET_CONFLICT, message);
    }
}
