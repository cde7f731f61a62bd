package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Reads incidents: the synced table (read-only) joined with the team's state and comments (the
 * portal's own tables). Every statement is prepared with bind parameters; identifiers are fixed or
 * quoted.
 */
public final class Incidents {

    static final String STATE = SqlNames.portalTable("incident_state");
    static final String COMMENTS = SqlNames.portalTable("incident_comments");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private static final List<String> LIST_COLUMNS = List.of("incident_id", "title", "customer", "product",
            "category", "priority", "channel", "created_at", "sla_due_at", "predicted_escalation_risk", "risk_band");
    private static final String DETAIL_COLUMNS = "i.incident_id, i.title, i.description, i.customer, i.product,"
            + " i.category, i.priority, i.channel, i.created_at, i.sla_due_at, i.predicted_escalation_risk,"
            + " i.risk_band, i.recommended_action, to_json(i.top_risk_factors)::text AS top_risk_factors,"
            + " i.model_version, i.scored_at,"
            + " s.status, s.owner, s.updated_at, s.updated_by";

    private final DataSource pool;
    private final String table;
    private final String detailSql;
    private final String commentsSql;
    private final String existsSql;

    /** @param table the synced table, quoted ({@link SqlNames#qualifiedTable}) */
    public Incidents(DataSource pool, String table) {
        this.pool = pool;
        this.table = table;
        String from = " FROM " + table + " i LEFT JOIN " + STATE + " s ON s.incident_id = i.incident_id"
                + " WHERE i.incident_id = ?";
        this.detailSql = "SELECT " + DETAIL_COLUMNS + from;
        this.commentsSql = "SELECT id, author, body, created_at FROM " + COMMENTS
                + " WHERE incident_id = ? ORDER BY created_at, id";
        this.existsSql = "SELECT 1 FROM " + table + " WHERE incident_id = ?";
    }

    /** An incident with the team's state of it. */
    public record Detail(Incident incident, WorkState state) {
    }

    public Optional<Detail> find(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(detailSql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Detail(incident(rs), state(rs))) : Optional.empty();
            }
        }
    }

    public boolean exists(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(existsSql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The thread of an incident, oldest first. */
    public List<Comment> comments(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(commentsSql)) {
            s.setString(1, id);
            List<Comment> comments = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    comments.add(new Comment(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
                }
            }
            return comments;
        }
    }

    /**
     * One page of the list. When neither a filter nor the order involves the team's state, the page
     * is cut from the synced table first (an index on the sort column serves it) and only its rows
     * are joined with the state; otherwise the state is joined first. One row more than the page is
     * read to tell whether a next page exists.
     *
     * @param count whether to count all matching incidents too (a second, full query)
     */
    public IncidentPage list(IncidentFilter filter, boolean count) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(filter, "i", params);
        String order = " ORDER BY %s";
        String sql;
        if (filter.needsState()) {
            sql = "SELECT " + columns("i") + ", s.owner, coalesce(s.status, 'open') AS status FROM " + table
                    + " i LEFT JOIN " + STATE + " s ON s.incident_id = i.incident_id" + where
                    + String.format(order, orderBy(filter, "i")) + " LIMIT ? OFFSET ?";
        } else {
            // LATERAL ... LIMIT 1 keeps the state lookups per row (primary key): a plain join here lets
            // the planner hash the whole state table for the page's 25 rows
            sql = "SELECT " + columns("p") + ", s.owner, coalesce(s.status, 'open') AS status FROM (SELECT "
                    + columns("i") + " FROM " + table + " i" + where + String.format(order, orderBy(filter, "i"))
                    + " LIMIT ? OFFSET ?) p LEFT JOIN LATERAL (SELECT st.owner, st.status FROM " + STATE
                    + " st WHERE st.incident_id = p.incident_id LIMIT 1) s ON true"
                    + String.format(order, orderBy(filter, "p"));
        }
        params.add(filter.pageSize() + 1);
        params.add((long) (filter.page() - 1) * filter.pageSize());
        List<IncidentSummary> rows = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(summary(rs));
                    }
                }
            }
            boolean hasMore = rows.size() > filter.pageSize();
            List<IncidentSummary> page = hasMore ? rows.subList(0, filter.pageSize()) : rows;
            OptionalLong total = count ? OptionalLong.of(count(c, filter)) : OptionalLong.empty();
            return new IncidentPage(List.copyOf(page), filter.page(), filter.pageSize(), hasMore, total);
        }
    }

    private long count(Connection c, IncidentFilter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        boolean join = filter.status().isPresent() || filter.owner().isPresent();
        String sql = "SELECT count(*) FROM " + table + " i"
                + (join ? " LEFT JOIN " + STATE + " s ON s.incident_id = i.incident_id" : "")
                + where(filter, "i", params);
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String where(IncidentFilter filter, String a, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        filter.status().ifPresent(status -> {
            if (status.equals(IncidentFilter.ACTIVE)) {
                conditions.add("(s.status IS NULL OR s.status <> 'resolved')");
            } else if (status.equals(Status.OPEN.value())) {
                conditions.add("(s.status IS NULL OR s.status = 'open')");
            } else {
                conditions.add("s.status = ?");
                params.add(status);
            }
        });
        filter.owner().ifPresent(owner -> {
            if (owner.equals(IncidentFilter.UNASSIGNED)) {
                conditions.add("s.owner IS NULL");
            } else {
                conditions.add("s.owner = ?");
                params.add(owner);
            }
        });
        filter.priority().ifPresent(p -> {
            conditions.add(a + ".priority = ?");
            params.add(p);
        });
        filter.riskBand().ifPresent(b -> {
            conditions.add(a + ".risk_band = ?");
            params.add(b);
        });
        filter.category().ifPresent(cat -> {
            conditions.add(a + ".category = ?");
            params.add(cat);
        });
        filter.text().ifPresent(text -> {
            String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(" + a + ".title ILIKE ? OR " + a + ".description ILIKE ? OR " + a + ".customer ILIKE ? OR "
                    + a + ".incident_id ILIKE ?)");
            params.addAll(List.of(pattern, pattern, pattern, pattern));
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String orderBy(IncidentFilter filter, String a) {
        String dir = filter.descending() ? " DESC" : " ASC";
        // the id breaks ties, so that pages neither repeat nor skip rows
        return filter.sort().expression(a) + dir + ", " + a + ".incident_id" + dir;
    }

    private static String columns(String alias) {
        return String.join(", ", LIST_COLUMNS.stream().map(c -> alias + "." + c).toList());
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }

    private static IncidentSummary summary(ResultSet rs) throws SQLException {
        return new IncidentSummary(rs.getString("incident_id"), rs.getString("title"), rs.getString("customer"),
                rs.getString("product"), rs.getString("category"), rs.getString("priority"), rs.getString("channel"),
                instant(rs, "created_at"), instant(rs, "sla_due_at"), doubleOrNull(rs, "predicted_escalation_risk"),
                rs.getString("risk_band"), rs.getString("status"), rs.getString("owner"));
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        return new Incident(rs.getString("incident_id"), rs.getString("title"), rs.getString("description"),
                rs.getString("customer"), rs.getString("product"), rs.getString("category"), rs.getString("priority"),
                rs.getString("channel"), instant(rs, "created_at"), instant(rs, "sla_due_at"),
                doubleOrNull(rs, "predicted_escalation_risk"), rs.getString("risk_band"),
                rs.getString("recommended_action"), strings(rs.getString("top_risk_factors")),
                rs.getString("model_version"), instant(rs, "scored_at"));
    }

    private static WorkState state(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        if (status == null) {
            return WorkState.untouched();
        }
        return new WorkState(status, rs.getString("owner"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * The factors arrive as a JSON array: pgjdbc 42.7's text-array decoding fails on elements holding
     * quotes (ArrayIndexOutOfBoundsException on {@code {"Security language: \"unauthorized\""}}).
     */
    static List<String> strings(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> values = JSON.readValue(json, STRING_LIST);
            return values.stream().filter(v -> v != null).toList();
        } catch (JsonProcessingException e) {
            throw new SQLException("top_risk_factors is not a JSON array of strings: " + json, e);
        }
    }
}
