package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches, from a connection of its own every 10 ms, which Delta version a synced table holds, and
 * records when each version was first visible. The watermark is written in the transaction that
 * applies the version's rows, so it becomes visible exactly when they do.
 */
final class WatermarkWatcher implements AutoCloseable {

    private static final long POLL_MILLIS = 10;
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    private final PreparedStatement query;
    private final Map<Long, Long> firstSeenMillis = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long latest = -1;
    private volatile SQLException failure;

    WatermarkWatcher(BenchDatabase database, TableName target) throws SQLException {
        this.connection = database.connect();
        this.query = connection.prepareStatement("SELECT delta_version FROM lakesync.watermarks WHERE table_name = ?");
        query.setString(1, target.toString());
        this.thread = new Thread(this::watch, "watermark-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (!stopped) {
                OptionalLong version = read();
                long seenAt = System.currentTimeMillis();
                if (version.isPresent() && version.getAsLong() > latest) {
                    // a jump over several versions (one apply of several commits) makes them all visible now
                    for (long v = latest + 1; v <= version.getAsLong(); v++) {
                        firstSeenMillis.putIfAbsent(v, seenAt);
                    }
                    latest = version.getAsLong();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OptionalLong read() throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return OptionalLong.empty(); // lakesync creates its catalog on its first sync
            }
            throw e;
        }
    }

    /** The newest version seen so far, -1 before the first. */
    long latest() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        return latest;
    }

    /** When {@code version} was first seen (epoch millis), or empty if not yet. */
    OptionalLong firstSeen(long version) {
        Long at = firstSeenMillis.get(version);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        thread.join(1000);
        connection.close();
    }
}
