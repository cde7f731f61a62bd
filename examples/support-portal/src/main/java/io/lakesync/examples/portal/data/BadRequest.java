package io.lakesync.examples.portal.data;

/** A request the portal cannot serve as asked (unknown filter value, empty comment); answered with 400. */
public final class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }
}
