package io.lakesync.client;

/**
 * UNAUTHENTICATED (401): the request carried no API token, or one the server does not know. The
 * message says how to pass the token, because that is nearly always the fix.
 */
public class UnauthenticatedException extends LakesyncApiException {

    public UnauthenticatedException(int status, String errorCode, String serverMessage, boolean tokenSent) {
        super(status, errorCode, serverMessage, tokenSent
                ? "The server refused the API token that was sent. Pass the server's token: --token T or"
                        + " LAKESYNC_API_TOKEN on the command line, LakesyncClient.builder().token(T) in Java."
                : "No API token was sent. Pass the server's token: --token T or LAKESYNC_API_TOKEN on the"
                        + " command line, LakesyncClient.builder().token(T) in Java.");
    }
}
