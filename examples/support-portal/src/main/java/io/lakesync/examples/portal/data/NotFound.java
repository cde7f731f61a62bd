package io.lakesync.examples.portal.data;

/** No incident of that id in the synced table (never synced, or retracted by the lakehouse); answered with 404. */
public final class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }

    public static NotFound incident(String id) {
        return new NotFound("No incident " + id + " in the synced table: it was never synced, or the lakehouse"
                + " retracted it. Check the id, or find the incident on the dashboard.");
    }
}
