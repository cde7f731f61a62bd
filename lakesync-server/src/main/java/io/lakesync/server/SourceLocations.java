package io.lakesync.server;

import java.nio.file.Path;

/**
 * Source locations as they are stored: a relative local path means relative to where the command
 * or server runs, so it is stored absolute (it must stay right for a server started elsewhere, and
 * one table synced from the CLI and later managed by the server must look like the same source).
 */
public final class SourceLocations {

    private SourceLocations() {
    }

    /** The location with a relative local path made absolute; URIs (s3://, file:/...) stay as given. */
    public static String absolute(String source) {
        int colon = source.indexOf(':');
        // a scheme has at least two letters, so a Windows drive letter stays a path
        boolean uri = colon > 1 && source.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        return uri ? source : Path.of(source).toAbsolutePath().normalize().toString();
    }
}
