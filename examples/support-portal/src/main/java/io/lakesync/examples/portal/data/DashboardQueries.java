package io.lakesync.examples.portal.data;

import io.lakesync.examples.portal.data.DashboardStats.CategoryRisk;
import io.lakesync.examples.portal.data.DashboardStats.Count;
import io.lakesync.examples.portal.data.DashboardStats.Kpis;
import io.lakesync.examples.portal.data.DashboardStats.Point;
import io.lakesync.examples.portal.data.DashboardStats.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Computes {@link DashboardStats}. Each figure is an aggregate over the whole synced table, so the
 * web layer caches the result per data version rather than running these for every page view.
 */
public final class DashboardQueries {

    /**
     * The spans the "new incidents" chart may show, ending at the newest incident, shortest first.
     * It shows the shortest one holding enough incidents to have a shape: a live demo's last hour,
     * a quiet desk's last day or week.
     */
    record Window(long seconds, long bucketSeconds, String label) {
    }

    static final List<Window> WINDOWS = List.of(
            new Window(3600, 120, "last hour, per 2 min"),
            new Window(6 * 3600, 900, "last 6 hours, per 15 min"),
            new Window(24 * 3600, 3600, "last 24 hours, per hour"),
            new Window(7 * 86400, 6 * 3600, "last 7 days, per 6 hours"),
            new Window(30 * 86400, 86400, "last 30 days, per day"));
    static final long ENOUGH = 30;
    private static final int HISTOGRAM_BINS = 10;

    private final DataSource pool;
    private final String totalsSql;
    private final String histogramSql;
    private final String categoriesSql;
    private final String timelineSql;
    private final String windowsSql;
    private final String categoryOptionsSql;
    private final String ownerOptionsSql;

    public DashboardQueries(DataSource pool, String table) {
        this.pool = pool;
        String joined = " FROM " + table + " i LEFT JOIN " + Incidents.STATE + " s ON s.incident_id = i.incident_id";
        String active = "s.status IS DISTINCT FROM 'resolved'";
        this.totalsSql = "SELECT count(*),"
                + " count(*) FILTER (WHERE " + active + "),"
                + " count(*) FILTER (WHERE " + active + " AND i.risk_band = 'high'),"
                + " count(*) FILTER (WHERE " + active + " AND s.owner IS NULL),"
                + " count(*) FILTER (WHERE " + active + " AND i.sla_due_at < now()),"
                + " count(*) FILTER (WHERE s.status IS NULL OR s.status = 'open'),"
                + " count(*) FILTER (WHERE s.status = 'in_progress'),"
                + " count(*) FILTER (WHERE s.status = 'waiting'),"
                + " count(*) FILTER (WHERE s.status = 'resolved'),"
                + " max(i.created_at)" + joined;
        this.histogramSql = "SELECT least(greatest(width_bucket(i.predicted_escalation_risk, 0, 1, " + HISTOGRAM_BINS
                + "), 1), " + HISTOGRAM_BINS + ") AS bin, count(*)" + joined + " WHERE " + active
                + " AND i.predicted_escalation_risk IS NOT NULL GROUP BY bin";
        this.categoriesSql = "SELECT coalesce(i.category, 'Other'), i.risk_band, count(*)" + joined + " WHERE " + active
                + " GROUP BY 1, 2";
        this.timelineSql = "SELECT floor(extract(epoch FROM i.created_at) / ?)::bigint AS bucket, count(*) FROM " + table
                + " i WHERE i.created_at >= ? AND i.created_at <= ? GROUP BY bucket";
        StringBuilder windows = new StringBuilder("SELECT ");
        for (int w = 0; w < WINDOWS.size(); w++) {
            windows.append(w == 0 ? "" : ", ").append("count(*) FILTER (WHERE i.created_at > ?)");
        }
        this.windowsSql = windows + " FROM " + table + " i WHERE i.created_at > ? AND i.created_at <= ?";
        this.categoryOptionsSql = "SELECT DISTINCT category FROM " + table + " WHERE category IS NOT NULL ORDER BY 1"
                + " LIMIT 200";
        this.ownerOptionsSql = "SELECT DISTINCT owner FROM " + Incidents.STATE + " WHERE owner IS NOT NULL ORDER BY 1"
                + " LIMIT 500";
    }

    public DashboardStats compute() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            Kpis kpis;
            List<Count> byStatus;
            Instant last;
            try (ResultSet rs = s.executeQuery(totalsSql)) {
                rs.next();
                kpis = new Kpis(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                byStatus = List.of(
                        new Count(Status.OPEN.value(), Status.OPEN.label(), rs.getLong(6)),
                        new Count(Status.IN_PROGRESS.value(), Status.IN_PROGRESS.label(), rs.getLong(7)),
                        new Count(Status.WAITING.value(), Status.WAITING.label(), rs.getLong(8)),
                        new Count(Status.RESOLVED.value(), Status.RESOLVED.label(), rs.getLong(9)));
                last = Incidents.instant(rs, 10);
            }
            Long[] histogram = new Long[HISTOGRAM_BINS];
            Arrays.fill(histogram, 0L);
            try (ResultSet rs = s.executeQuery(histogramSql)) {
                while (rs.next()) {
                    histogram[rs.getInt(1) - 1] = rs.getLong(2);
                }
            }
            return new DashboardStats(kpis, byStatus, List.of(histogram), timeline(c, last), categories(s),
                    strings(s, categoryOptionsSql), strings(s, ownerOptionsSql), Instant.now());
        }
    }

    private List<CategoryRisk> categories(Statement s) throws SQLException {
        Map<String, long[]> bands = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(categoriesSql)) {
            while (rs.next()) {
                long[] counts = bands.computeIfAbsent(rs.getString(1), k -> new long[3]);
                String band = rs.getString(2);
                int index = "high".equals(band) ? 0 : "medium".equals(band) ? 1 : 2;
                counts[index] += rs.getLong(3);
            }
        }
        List<CategoryRisk> categories = new ArrayList<>();
        bands.forEach((category, c) -> categories.add(new CategoryRisk(category, c[0], c[1], c[2])));
        categories.sort((a, b) -> a.total() != b.total() ? Long.compare(b.total(), a.total())
                : a.category().compareTo(b.category()));
        return categories.size() > 8 ? List.copyOf(categories.subList(0, 8)) : List.copyOf(categories);
    }

    private Timeline timeline(Connection c, Instant last) throws SQLException {
        if (last == null) {
            Window w = WINDOWS.get(0);
            return new Timeline(w.label(), w.bucketSeconds(), List.of());
        }
        long[] counts = new long[WINDOWS.size()];
        try (PreparedStatement s = c.prepareStatement(windowsSql)) {
            int p = 1;
            for (Window w : WINDOWS) {
                s.setObject(p++, utc(last.minusSeconds(w.seconds())));
            }
            s.setObject(p++, utc(last.minusSeconds(WINDOWS.get(WINDOWS.size() - 1).seconds())));
            s.setObject(p, utc(last));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                for (int w = 0; w < counts.length; w++) {
                    counts[w] = rs.getLong(w + 1);
                }
            }
        }
        Window window = WINDOWS.get(pickWindow(counts));
        long bucket = window.bucketSeconds();
        long lastBucket = Math.floorDiv(last.getEpochSecond(), bucket);
        long firstBucket = lastBucket - window.seconds() / bucket + 1;
        Map<Long, Long> perBucket = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(timelineSql)) {
            s.setLong(1, bucket);
            s.setObject(2, utc(Instant.ofEpochSecond(firstBucket * bucket)));
            s.setObject(3, utc(last));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    perBucket.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        List<Point> points = new ArrayList<>();
        for (long b = firstBucket; b <= lastBucket; b++) {
            points.add(new Point(Instant.ofEpochSecond(b * bucket), perBucket.getOrDefault(b, 0L)));
        }
        return new Timeline(window.label(), bucket, points);
    }

    /**
     * The first window holding {@link #ENOUGH} incidents, or, when even the longest holds fewer, the
     * first holding all of those.
     *
     * @param counts incidents per window of {@link #WINDOWS}, in its order
     */
    static int pickWindow(long[] counts) {
        long wanted = Math.min(ENOUGH, counts[counts.length - 1]);
        for (int w = 0; w < counts.length; w++) {
            if (counts[w] >= wanted) {
                return w;
            }
        }
        return counts.length - 1;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
