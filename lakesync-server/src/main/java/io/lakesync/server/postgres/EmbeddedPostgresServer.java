package io.lakesync.server.postgres;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL that lakesync uses when no {@code --jdbc-url} is given: a local server from the
 * embedded binaries (zonky, PG 17) whose data lives under {@code $LAKESYNC_HOME/postgres}. It is
 * started on first use and left running after the command exits, like a local development
 * database, so that psql and applications can query the synced tables; {@code lakesync postgres
 * stop} stops it.
 */
public final class EmbeddedPostgresServer {

    public static final int DEFAULT_PORT = 54329;

    /**
     * Servers this JVM started, by data directory. zonky holds a file lock on the data directory
     * for as long as its handle lives, so a restart in the same JVM must go through that handle.
     */
    private static final Map<Path, EmbeddedPostgres> STARTED_HERE = new ConcurrentHashMap<>();

    private final Path dataDirectory;
    private final int port;

    public EmbeddedPostgresServer(Path home, int port) {
        this.dataDirectory = home.resolve("postgres");
        this.port = port;
    }

    /** The default instance: {@code $LAKESYNC_HOME} (else {@code ~/.lakesync}), {@code $LAKESYNC_EMBEDDED_PORT} (else 54329). */
    public static EmbeddedPostgresServer fromEnvironment() {
        String home = System.getenv("LAKESYNC_HOME");
        Path dir = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".lakesync");
        String port = System.getenv("LAKESYNC_EMBEDDED_PORT");
        return new EmbeddedPostgresServer(dir.toAbsolutePath(), port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port));
    }

    /** Starts the server unless it already runs; returns its JDBC URL. */
    public String ensureRunning() {
        if (isRunning()) {
            return jdbcUrl();
        }
        try {
            Files.createDirectories(dataDirectory);
            // Not closed on exit on purpose: the server outlives this process (pg_ctl start detaches it).
            EmbeddedPostgres started = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // zonky turns fsync off for throwaway test servers; this one keeps the user's data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            STARTED_HERE.put(dataDirectory, started);
        } catch (IOException | RuntimeException e) {
            throw new LakesyncException(ErrorCode.TARGET_UNAVAILABLE, "Could not start the embedded PostgreSQL in "
                    + dataDirectory + " on port " + port + ": " + e + ". If another program uses port "
                    + port + ", set LAKESYNC_EMBEDDED_PORT to a free port, or pass --jdbc-url to use your own"
                    + " PostgreSQL.", e);
        }
        return jdbcUrl();
    }

    /** Stops the server if it runs; returns whether it did. */
    public boolean stop() {
        EmbeddedPostgres startedHere = STARTED_HERE.remove(dataDirectory);
        if (startedHere != null) {
            try {
                startedHere.close();
                return true;
            } catch (IOException e) {
                // fall through to stopping it by its process id
            }
        }
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return false;
        }
        // SIGTERM is PostgreSQL's "smart" shutdown: it waits for sessions to end and loses nothing.
        postmaster.get().destroy();
        postmaster.get().onExit().join();
        return true;
    }

    public boolean isRunning() {
        return postmaster().isPresent() && acceptsConnections();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** The command a user types to look at the synced tables. */
    public String psqlCommand() {
        return "psql -h localhost -p " + port + " -U postgres postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
