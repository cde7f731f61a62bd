package io.lakesync.examples.portal.live;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * Without a lakesync server to ask, the table itself: its row count and latest scoring time change
 * whenever a sync lands new incidents, re-scores or retracts some.
 */
public final class TableScanSource implements VersionSource {

    private final DataSource pool;
    private final String table;
    private final String sql;

    /** @param table the synced table, quoted */
    public TableScanSource(DataSource pool, String table) {
        this.pool = pool;
        this.table = table;
        this.sql = "SELECT count(*), max(scored_at) FROM " + table;
    }

    @Override
    public DataVersion current() throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                OffsetDateTime latest = rs.getObject(2, OffsetDateTime.class);
                return DataVersion.table(rs.getLong(1), latest == null ? null : latest.toInstant());
            }
        }
    }

    @Override
    public String describe() {
        return "row count and latest scored_at of " + table;
    }
}
