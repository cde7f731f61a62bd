package io.lakesync.client;

/**
 * Any failure of a {@link LakesyncClient} call. The message is written for people: what went
 * wrong and how to fix it. Subclasses: {@link LakesyncApiException} when the server answered with
 * an error, {@link ServerUnreachableException} when it could not be reached.
 */
public class LakesyncClientException extends RuntimeException {

    public LakesyncClientException(String message) {
        super(message);
    }

    public LakesyncClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
