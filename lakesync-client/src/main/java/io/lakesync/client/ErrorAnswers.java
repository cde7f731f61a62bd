package io.lakesync.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.client.model.ApiError;
import java.io.IOException;

/** Turns an error answer of the server into the matching exception. */
final class ErrorAnswers {

    /** Enough of a non-JSON body (an HTML page from a proxy, say) to recognise it, not a page of markup. */
    static final int MAX_BODY_CHARS = 200;

    private ErrorAnswers() {
    }

    static LakesyncApiException toException(int status, String body, String request, boolean tokenSent) {
        ApiError error = parse(body);
        if (error == null) {
            return new LakesyncApiException(status, codeForStatus(status), "The server answered " + request
                    + " with HTTP " + status + " and no lakesync error body" + snippet(body)
                    + ". Check that --server / LAKESYNC_SERVER_URL points at a lakesync server.");
        }
        String code = error.errorCode();
        String message = error.message() == null || error.message().isBlank() ? "(no message)" : error.message();
        switch (code) {
            case "RESOURCE_DOES_NOT_EXIST":
                return new NotFoundException(status, code, message);
            case "RESOURCE_ALREADY_EXISTS":
                return new AlreadyExistsException(status, code, message);
            case "UNAUTHENTICATED":
                return new UnauthenticatedException(status, code, message, tokenSent);
            case "INVALID_PARAMETER_VALUE":
                return new InvalidRequestException(status, code, message);
            default:
                return new LakesyncApiException(status, code, message);
        }
    }

    /** The error body, or null when the body is not a JSON object with an error_code. */
    private static ApiError parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode tree = Json.mapper().readTree(body);
            if (tree == null || !tree.isObject() || !tree.path("error_code").isTextual()) {
                return null;
            }
            return Json.mapper().treeToValue(tree, ApiError.class);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The API's code for a status, used when the body does not name one. */
    static String codeForStatus(int status) {
        switch (status) {
            case 400:
                return "INVALID_PARAMETER_VALUE";
            case 401:
                return "UNAUTHENTICATED";
            case 404:
                return "RESOURCE_DOES_NOT_EXIST";
            case 409:
                return "RESOURCE_ALREADY_EXISTS";
            case 503:
                return "TEMPORARILY_UNAVAILABLE";
            default:
                return status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": \"" + (oneLine.length() > MAX_BODY_CHARS ? oneLine.substring(0, MAX_BODY_CHARS) + "..." : oneLine)
                + "\"";
    }
}
