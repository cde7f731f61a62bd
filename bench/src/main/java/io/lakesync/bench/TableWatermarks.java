package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watches the watermarks of many synced tables at once, from outside the server: one query for
 * all of them every 20 ms on a connection of its own, recording when each version of each table
 * was first visible. The watermark commits in the transaction that applies a version's rows, so
 * it becomes visible exactly when they do.
 */
final class TableWatermarks implements AutoCloseable {

    private static final long POLL_MILLIS = 20;
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    private final PreparedStatement query;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final AtomicLongArray latest;
    private final List<Map<Long, Long>> firstSeenMillis;
    private final Thread thread;
    private final long startedNanos = System.nanoTime();
    private volatile long polls;
    private volatile boolean stopped;
    private volatile SQLException failure;

    TableWatermarks(BenchDatabase database, List<TableName> tables) throws SQLException {
        String[] names = new String[tables.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = tables.get(i).toString();
            indexByName.put(names[i], i);
        }
        this.latest = new AtomicLongArray(names.length);
        for (int i = 0; i < names.length; i++) {
            latest.set(i, -1);
        }
        this.firstSeenMillis = java.util.stream.IntStream.range(0, names.length)
                .mapToObj(i -> (Map<Long, Long>) new ConcurrentHashMap<Long, Long>()).toList();
        this.connection = database.connect();
        this.query = connection.prepareStatement(
                "SELECT table_name, delta_version FROM lakesync.watermarks WHERE table_name = ANY (?)");
        Array array = connection.createArrayOf("text", names);
        query.setArray(1, array);
        this.thread = new Thread(this::watch, "watermarks-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (!stopped) {
                readAll();
                polls++;
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            long seenAt = System.currentTimeMillis();
            while (rs.next()) {
                int table = indexByName.get(rs.getString(1));
                long version = rs.getLong(2);
                long before = latest.get(table);
                // a jump over several versions (one apply of several commits) makes them all visible now
                for (long v = before + 1; v <= version; v++) {
                    firstSeenMillis.get(table).putIfAbsent(v, seenAt);
                }
                if (version > before) {
                    latest.set(table, version);
                }
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e; // else: the server has not created its catalog yet
            }
        }
    }

    /** The version table {@code index} holds, -1 before its first sync. */
    long latest(int index) throws SQLException {
        if (failure != null) {
            throw failure;
        }
        return latest.get(index);
    }

    /** The smallest version held over all tables, -1 while one has none. */
    long lowest() throws SQLException {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < latest.length(); i++) {
            lowest = Math.min(lowest, latest(i));
        }
        return lowest;
    }

    /** When {@code version} of table {@code index} was first seen (epoch millis), or empty if not yet. */
    OptionalLong firstSeen(int index, long version) {
        Long at = firstSeenMillis.get(index).get(version);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** How often the watcher really looked, in ms (its own floor on the measured lag). */
    double meanPollMillis() {
        return polls == 0 ? 0 : (System.nanoTime() - startedNanos) / 1e6 / polls;
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        thread.join(1000);
        connection.close();
    }
}
