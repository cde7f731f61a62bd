package io.lakesync.client;

/** No connection to the lakesync server could be made (nothing listens there, wrong host, connect timeout). */
public class ServerUnreachableException extends LakesyncClientException {

    private final String serverUrl;

    public ServerUnreachableException(String serverUrl, Throwable cause) {
        super("Cannot reach the lakesync server at " + serverUrl + ": " + reason(cause)
                + ". Start it with `lakesync server`, or point --server / LAKESYNC_SERVER_URL at it.", cause);
        this.serverUrl = serverUrl;
    }

    /** The base URL that could not be reached. */
    public String serverUrl() {
        return serverUrl;
    }

    /**
     * The innermost message of the cause chain. The JDK client reports a refused connection as
     * message-less ConnectExceptions around a ClosedChannelException, so that case is named here.
     */
    private static String reason(Throwable cause) {
        String reason = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason == null ? "connection refused" : reason;
    }
}
