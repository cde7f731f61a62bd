package io.lakesync.server.incremental;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Test instrumentation: a trigger on {@code lakesync.watermarks} that records every committed move
 * of a watermark (old version, new version, run) in a table of the test. It fires inside the
 * transaction that moves the watermark, so it records exactly the moves that committed, the
 * ground truth for "each version applied exactly once" even when runs are killed halfway.
 */
final class WatermarkLog {

    /** One committed move of a table's watermark. */
    record Move(long seq, Long fromVersion, long toVersion, Long runId) {
    }

    private final TargetDb db;
    private boolean installed;

    WatermarkLog(TargetDb db) {
        this.db = db;
    }

    boolean installed() {
        return installed;
    }

    /** Installs the trigger once the catalog exists (it exists after the first run connected); true when it is in place. */
    boolean installIfPossible() {
        if (installed) {
            return true;
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('lakesync.watermarks') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            s.execute("CREATE TABLE public.test_watermark_moves (seq bigserial PRIMARY KEY, table_name text NOT NULL,"
                    + " from_version bigint, to_version bigint NOT NULL, run_id bigint,"
                    + " logged_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("CREATE FUNCTION public.test_log_watermark_move() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN INSERT INTO public.test_watermark_moves (table_name, from_version, to_version, run_id)"
                    + " VALUES (NEW.table_name, CASE WHEN TG_OP = 'UPDATE' THEN OLD.delta_version END,"
                    + " NEW.delta_version, NEW.run_id); RETURN NEW; END $$");
            s.execute("CREATE TRIGGER test_log_watermark_move AFTER INSERT OR UPDATE ON lakesync.watermarks"
                    + " FOR EACH ROW EXECUTE FUNCTION public.test_log_watermark_move()");
            installed = true;
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Move> moves(String target) {
        List<Move> moves = new ArrayList<>();
        if (!installed) {
            return moves;
        }
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT seq, from_version,"
                + " to_version, run_id FROM public.test_watermark_moves WHERE table_name = ? ORDER BY seq")) {
            s.setString(1, target);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    moves.add(new Move(rs.getLong(1), rs.getObject(2, Long.class), rs.getLong(3),
                            rs.getObject(4, Long.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return moves;
    }

    /**
     * Problems with the chain of incremental moves since {@code start} (the watermark when the
     * trigger was installed): each move must start where the previous one ended and go forward,
     * so no version is applied twice and none is skipped. Moves by runs in {@code snapshotRuns}
     * are snapshots, which may jump.
     */
    List<String> chainProblems(String target, OptionalLong start, java.util.Set<Long> snapshotRuns) {
        List<String> problems = new ArrayList<>();
        Long at = start.isPresent() ? start.getAsLong() : null;
        for (Move move : moves(target)) {
            boolean snapshot = move.runId() != null && snapshotRuns.contains(move.runId());
            if (!snapshot) {
                if (at == null || move.fromVersion() == null || move.fromVersion().longValue() != at) {
                    problems.add("watermark move " + move + " does not start where the previous one ended ("
                            + at + ")");
                } else if (move.toVersion() <= move.fromVersion()) {
                    problems.add("watermark move " + move + " does not go forward");
                }
            }
            at = move.toVersion();
        }
        return problems;
    }
}
