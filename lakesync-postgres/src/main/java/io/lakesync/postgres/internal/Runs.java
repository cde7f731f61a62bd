package io.lakesync.postgres.internal;

import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.RunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code lakesync.runs} back as {@link RunRecord}s. */
final class Runs {

    private Runs() {
    }

    /** At most {@code limit} runs of a table older than {@code beforeRunId} (all when empty), newest first. */
    static List<RunRecord> page(Connection connection, TableName table, int limit, OptionalLong beforeRunId)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT run_id, table_name, mode, started_at, ended_at,"
                + " outcome, from_version, to_version, rows_written, rows_skipped, rows_inserted, rows_updated,"
                + " rows_deleted, snapshot_fallbacks, error_code, error_message FROM lakesync.runs"
                + " WHERE table_name = ? AND (?::bigint IS NULL OR run_id < ?::bigint)"
                + " ORDER BY run_id DESC LIMIT ?")) {
            s.setString(1, table.toString());
            if (beforeRunId.isPresent()) {
                s.setLong(2, beforeRunId.getAsLong());
                s.setLong(3, beforeRunId.getAsLong());
            } else {
                s.setNull(2, Types.BIGINT);
                s.setNull(3, Types.BIGINT);
            }
            s.setInt(4, limit);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
            return runs;
        }
    }

    private static RunRecord run(ResultSet rs) throws SQLException {
        OffsetDateTime ended = rs.getObject(5, OffsetDateTime.class);
        return new RunRecord(rs.getLong(1), rs.getString(2), SyncMode.valueOf(rs.getString(3)),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                ended == null ? Optional.empty() : Optional.of(ended.toInstant()), rs.getString(6),
                optionalLong(rs, 7), optionalLong(rs, 8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getLong(12), rs.getLong(13), rs.getInt(14), Optional.ofNullable(rs.getString(15)),
                Optional.ofNullable(rs.getString(16)));
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
