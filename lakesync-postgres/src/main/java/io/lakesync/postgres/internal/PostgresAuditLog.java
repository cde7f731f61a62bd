package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.catalog.AuditEntry;
import io.lakesync.postgres.catalog.AuditLog;
import io.lakesync.postgres.catalog.AuditPage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The audit log in {@code lakesync.audit_log}. */
final class PostgresAuditLog implements AuditLog {

    private static final String INVALID_JSON = "22P02";
    private static final int MAX_REQUEST_CHARS = 64_000;

    private final Connector connector;

    PostgresAuditLog(Connector connector) {
        this.connector = connector;
    }

    @Override
    public void append(String actor, String action, String target, String requestJson, String remoteAddress) {
        if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "An audit entry needs an actor and an action"
                    + " (got actor " + actor + ", action " + action + ").");
        }
        CatalogAccess.autocommit(connector, "writing the audit log", connection -> {
            try {
                insert(connection, actor, action, target, requestJson, "?::jsonb", remoteAddress);
            } catch (SQLException e) {
                if (!SqlErrors.is(e, INVALID_JSON)) {
                    throw e;
                }
                // a request that is not JSON (a malformed body) is still worth keeping: as a JSON string
                insert(connection, actor, action, target, requestJson, "to_jsonb(?::text)", remoteAddress);
            }
            return null;
        });
    }

    private static void insert(Connection connection, String actor, String action, String target, String request,
            String requestExpression, String remoteAddress) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.audit_log (actor, action,"
                + " target, request, remote_address) VALUES (?, ?, ?, " + requestExpression + ", ?)")) {
            s.setString(1, storable(actor));
            s.setString(2, storable(action));
            s.setString(3, storable(target));
            if (request == null) {
                s.setNull(4, Types.VARCHAR);
            } else {
                s.setString(4, storable(request.length() <= MAX_REQUEST_CHARS ? request
                        : request.substring(0, MAX_REQUEST_CHARS)));
            }
            s.setString(5, storable(remoteAddress));
            s.executeUpdate();
        }
    }

    /** PostgreSQL text cannot hold NUL. */
    private static String storable(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }

    @Override
    public AuditPage page(int pageSize, OptionalLong beforeId) {
        PostgresCatalog.requirePageSize(pageSize);
        return CatalogAccess.autocommit(connector, "reading the audit log", connection -> {
            List<AuditEntry> entries = read(connection, pageSize + 1, beforeId);
            if (entries.size() <= pageSize) {
                return new AuditPage(entries, OptionalLong.empty());
            }
            entries.remove(pageSize);
            return new AuditPage(entries, OptionalLong.of(entries.get(pageSize - 1).id()));
        });
    }

    private static List<AuditEntry> read(Connection connection, int limit, OptionalLong beforeId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT id, at, actor, action, target, request::text,"
                + " remote_address FROM lakesync.audit_log WHERE (?::bigint IS NULL OR id < ?::bigint)"
                + " ORDER BY id DESC LIMIT ?")) {
            if (beforeId.isPresent()) {
                s.setLong(1, beforeId.getAsLong());
                s.setLong(2, beforeId.getAsLong());
            } else {
                s.setNull(1, Types.BIGINT);
                s.setNull(2, Types.BIGINT);
            }
            s.setInt(3, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return entries;
        }
    }
}
