package io.lakesync.server.api;

import io.lakesync.client.model.ApiError;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.javalin.http.Context;

/** Maps failures to the API's error answer: an HTTP status and {@code {error_code, message}}. */
final class ApiErrors {

    static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
    static final String RESOURCE_CONFLICT = "RESOURCE_CONFLICT";
    static final String TEMPORARILY_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ApiErrors() {
    }

    static void write(Context ctx, LakesyncException e) {
        String code = apiCode(e.code());
        // the lakesync code stays visible in the message, so users can look it up in the README
        String message = e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.SYNCED_TABLE_NOT_FOUND
                || e.code() == ErrorCode.SYNCED_TABLE_EXISTS ? e.getMessage() : e.code() + ": " + e.getMessage();
        write(ctx, status(code), code, message);
    }

    static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiError(code, message));
    }

    static String apiCode(ErrorCode code) {
        switch (code) {
            case INVALID_ARGUMENT:
            case SOURCE_NOT_FOUND:
            case VERSION_NOT_FOUND:
            case UNSUPPORTED_DELTA_FEATURE:
            case COLUMN_NOT_FOUND:
            case UNSUPPORTED_KEY_TYPE:
                return INVALID_PARAMETER_VALUE;
            case SYNCED_TABLE_NOT_FOUND:
                return RESOURCE_DOES_NOT_EXIST;
            case SYNCED_TABLE_EXISTS:
                return RESOURCE_ALREADY_EXISTS;
            case TARGET_CONFLICT:
                return RESOURCE_CONFLICT;
            case TARGET_UNAVAILABLE:
            case TARGET_OUT_OF_RESOURCES:
            case TRANSACTION_CONFLICT:
            case LOCK_TIMEOUT:
                return TEMPORARILY_UNAVAILABLE;
            default:
                return INTERNAL_ERROR;
        }
    }

    static int status(String apiCode) {
        switch (apiCode) {
            case INVALID_PARAMETER_VALUE:
                return 400;
            case UNAUTHENTICATED:
                return 401;
            case RESOURCE_DOES_NOT_EXIST:
                return 404;
            case RESOURCE_ALREADY_EXISTS:
            case RESOURCE_CONFLICT:
                return 409;
            case TEMPORARILY_UNAVAILABLE:
                return 503;
            default:
                return 500;
        }
    }
}
