package io.lakesync.delta.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where a Delta table lives: a local directory (given as a path or a {@code file:} URI) or a URI
 * of another scheme that is handed to Hadoop as is.
 *
 * @param userInput the location exactly as the user gave it (for messages)
 * @param kernelPath the path string Kernel resolves
 * @param localDir the local directory, when the table is local (null otherwise)
 */
public record TableLocation(String userInput, String kernelPath, Path localDir) {

    public static TableLocation parse(String pathOrUri) {
        if (pathOrUri == null || pathOrUri.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "No Delta table location given. Pass the directory of the Delta table (the one holding _delta_log).");
        }
        Path local = localPath(pathOrUri);
        if (local == null) {
            return new TableLocation(pathOrUri, pathOrUri, null);
        }
        Path dir = local.toAbsolutePath().normalize();
        return new TableLocation(pathOrUri, dir.toString(), dir);
    }

    /** Fails with SOURCE_NOT_FOUND unless a local table directory holds a {@code _delta_log}. */
    public void requireDeltaLog() {
        if (localDir == null) {
            return; // remote stores are checked by Kernel when the log is listed
        }
        if (!Files.isDirectory(localDir)) {
            throw new LakesyncException(ErrorCode.SOURCE_NOT_FOUND, "No Delta table at " + userInput + ": "
                    + localDir + " is not a directory. Check the path; it must name the table's directory.");
        }
        if (!Files.isDirectory(localDir.resolve("_delta_log"))) {
            throw new LakesyncException(ErrorCode.SOURCE_NOT_FOUND, "No Delta table at " + userInput + ": the directory "
                    + "has no _delta_log folder, so it is not a Delta table (or not its root). Point to the directory "
                    + "that holds _delta_log.");
        }
    }

    private static Path localPath(String input) {
        int colon = input.indexOf(':');
        // A scheme needs at least two letters, so Windows drive letters ("C:\...") stay paths.
        boolean hasScheme = colon > 1 && input.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        if (!hasScheme) {
            return Paths.get(input);
        }
        if (!input.regionMatches(true, 0, "file:", 0, 5)) {
            return null;
        }
        try {
            return Paths.get(new URI(input));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // file:/path with characters a URI must escape (spaces): take the path part literally
            String rest = input.substring(5);
            while (rest.startsWith("//")) {
                rest = rest.substring(1);
            }
            return Paths.get(rest);
        }
    }
}
