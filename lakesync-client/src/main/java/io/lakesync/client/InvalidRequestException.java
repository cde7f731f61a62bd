package io.lakesync.client;

/** INVALID_PARAMETER_VALUE (400): the request names a bad value; the message says which and why. */
public class InvalidRequestException extends LakesyncApiException {

    public InvalidRequestException(int status, String errorCode, String serverMessage) {
        super(status, errorCode, serverMessage);
    }
}
