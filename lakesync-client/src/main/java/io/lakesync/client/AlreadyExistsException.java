package io.lakesync.client;

/** RESOURCE_ALREADY_EXISTS (409): a synced table with this name exists already. */
public class AlreadyExistsException extends LakesyncApiException {

    public AlreadyExistsException(int status, String errorCode, String serverMessage) {
        super(status, errorCode, serverMessage);
    }
}
