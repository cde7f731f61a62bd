package io.lakesync.examples.simulator.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Writes {@code _delta_log/NNNNNNNNNNNNNNNNNNNN.json} so that a reader sees the whole commit or
 * none of it, and so that of two writers of one version exactly one wins (the Delta protocol's
 * mutual exclusion). The lines go to a hidden temp file first (readers ignore names that are not
 * versions), which is then published with a hard link: unlike a rename, which replaces a file that
 * is already there, creating a link fails when the name exists.
 */
final class CommitFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CommitFile() {
    }

    static Path path(Path table, long version) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    }

    static void write(Path table, long version, List<ObjectNode> lines) {
        Path target = path(table, version);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            writeDurably(temp, text(lines));
            publish(temp, target, table, version);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write version " + version + " of the Delta table " + table
                    + ": " + e.getMessage() + ". Check that the folder is writable and the disk not full.", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover hidden temp file is ignored by every reader; nothing to undo
            }
        }
    }

    private static void publish(Path temp, Path target, Path table, long version) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw conflict(table, version);
        } catch (UnsupportedOperationException e) {
            // A file system without hard links: a rename after a look is atomic for readers but
            // leaves a small window for a second writer, which the look narrows.
            if (Files.exists(target)) {
                throw conflict(table, version);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static ConcurrentCommitException conflict(Path table, long version) {
        return new ConcurrentCommitException("Version " + version + " of the Delta table " + table
                + " was committed by another writer while the simulator was writing it. The simulator must be the"
                + " table's only writer: stop the other writer (or the other simulator), or give this one its own"
                + " --table.");
    }

    private static String text(List<ObjectNode> lines) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        for (ObjectNode line : lines) {
            out.append(MAPPER.writeValueAsString(line)).append('\n');
        }
        return out.toString();
    }

    /** Flushed to disk before it is published: a crash must not leave a visible, empty commit. */
    private static void writeDurably(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }
}
