package io.lakesync.client;

/** RESOURCE_DOES_NOT_EXIST (404): no synced table has the name asked for. */
public class NotFoundException extends LakesyncApiException {

    public NotFoundException(int status, String errorCode, String serverMessage) {
        super(status, errorCode, serverMessage);
    }
}
