package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import io.lakesync.postgres.catalog.AuditLog;
import io.lakesync.postgres.roles.AppRole;
import io.lakesync.postgres.roles.AppRoleExistsException;
import io.lakesync.postgres.roles.AppRoleInfo;
import io.lakesync.postgres.roles.AppRoleNotFoundException;
import io.lakesync.postgres.roles.AppRoles;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App roles in PostgreSQL, each operation in one transaction (role DDL is transactional there), so
 * a failure leaves no half-made role, and each written to the audit log with its outcome.
 */
public final class PostgresAppRoles implements AppRoles {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAppRoles.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String DUPLICATE_SCHEMA = "42P06";
    private static final long LOCK_TIMEOUT_MS = 2_000;
    private static final int LOCK_ATTEMPTS = 5;

    private final Connector connector;
    private final AuditLog audit;
    private final String actor;
    private final String remoteAddress;

    /**
     * @param actor who asks, for the audit log ({@code cli:alice}, an API token's name)
     * @param remoteAddress where the request came from; null from the command line
     */
    public PostgresAppRoles(Connector connector, AuditLog audit, String actor, String remoteAddress) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("App role operations are audited: name the actor");
        }
        this.connector = connector;
        this.audit = audit;
        this.actor = actor;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public AppRole createApp(String name, List<TableName> readTables, Optional<String> stateSchema) {
        List<TableName> tables = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(readTables, "readTables")));
        String schema = stateSchema.orElse(name);
        AuditJson request = new AuditJson().put("name", name).put("read_tables", tables.stream()
                .map(TableName::toString).toList()).put("state_schema", schema);
        return audited("create-app-role", name, request, () -> {
            AppRoleNames.require(name, "role");
            AppRoleNames.require(schema, "state schema");
            return transaction("creating the app role " + name,
                    (connection, session) -> create(connection, session, name, tables, schema));
        });
    }

    private AppRole create(Connection connection, RoleSession session, String name, List<TableName> tables,
            String schema) throws SQLException {
        requireRoleAbsent(connection, name);
        if (schemaOwner(connection, schema).isPresent()) {
            throw new AppRoleExistsException("The schema " + schema + " exists already, so it cannot become the state"
                    + " schema of the app " + name + " (the app must own its state schema). Fix: choose another"
                    + " schema with --state-schema (REST: state_schema), or drop that schema first.");
        }
        requireSynced(connection, tables);
        String password = AppPasswords.generate();
        Relations.execute(connection, "CREATE ROLE " + Sql.quote(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                + " NOREPLICATION NOBYPASSRLS PASSWORD " + Sql.literal(AppPasswords.scramVerifier(password)));
        // roles are shared by the databases of a server: say which database's lakesync made it
        Relations.execute(connection, "COMMENT ON ROLE " + Sql.quote(name) + " IS " + Sql.literal("lakesync app role"
                + " of database " + session.database() + " (state schema " + schema + ")"));
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.app_roles (name, state_schema,"
                + " created_by) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, schema);
            s.setString(3, actor);
            s.executeUpdate();
        }
        grantConnect(connection, session, name);
        for (TableName table : tables) {
            AppGrants.grantRead(connection, name, table);
        }
        boolean borrowed = session.borrow(connection, name);
        Relations.execute(connection, "CREATE SCHEMA " + Sql.quote(schema) + " AUTHORIZATION " + Sql.quote(name));
        if (borrowed) {
            session.giveBack(connection, name);
        }
        LOG.info("Created the app role {} (reads {}, owns schema {})", name, tables, schema);
        return new AppRole(name, password, schema, tables);
    }

    private static void requireRoleAbsent(Connection connection, String name) throws SQLException {
        if (!roleExists(connection, name)) {
            if (catalogRow(connection, name, false).isPresent()) {
                throw new AppRoleExistsException("lakesync still lists an app role " + name + ", which was dropped"
                        + " outside lakesync. Fix: `lakesync roles drop " + name + "` to forget it, then create it"
                        + " again.");
            }
            return;
        }
        if (catalogRow(connection, name, false).isPresent()) {
            throw new AppRoleExistsException("The app role " + name + " exists already: lakesync created it before,"
                    + " and its password was shown then only. Fix: drop it with `lakesync roles drop " + name + "`"
                    + " (REST: DELETE /api/2.0/database/app_roles/" + name + ") and create it again, or choose"
                    + " another name.");
        }
        throw new AppRoleExistsException("A PostgreSQL role named " + name + " exists already (roles are shared by"
                + " all databases of the server) and lakesync did not create it, so it will not take it over. Fix:"
                + " choose another name for the app.");
    }

    /**
     * A role with LOGIN still needs CONNECT on the database; PUBLIC has it unless an administrator
     * revoked it, in which case the app gets it (if the writer may grant it).
     */
    private static void grantConnect(Connection connection, RoleSession session, String role) throws SQLException {
        if (privilege(connection, "has_database_privilege(?, current_database(), 'CONNECT')", role)) {
            return;
        }
        if (!privilege(connection, "has_database_privilege(current_user, current_database(),"
                + " 'CONNECT WITH GRANT OPTION')", null)) {
            throw new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "The app role " + role + " could not log"
                    + " in: CONNECT on the database " + session.database() + " was revoked from PUBLIC, and "
                    + session.user() + " (the user lakesync connects as) may not grant it. Fix: as the database's"
                    + " owner, GRANT CONNECT ON DATABASE " + Sql.quote(session.database()) + " TO " + session.user()
                    + " WITH GRANT OPTION, then create the app again.");
        }
        Relations.execute(connection, "GRANT CONNECT ON DATABASE " + Sql.quote(session.database()) + " TO "
                + Sql.quote(role));
    }

    private static void requireSynced(Connection connection, List<TableName> tables) throws SQLException {
        List<String> unknown = new ArrayList<>();
        for (TableName table : tables) {
            if (!AppGrants.isSynced(connection, table)) {
                unknown.add(table.toString());
            }
        }
        if (!unknown.isEmpty()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Not a synced table: " + String.join(", ", unknown)
                    + ". App roles read synced tables only (a table lakesync has a definition or a watermark of), so"
                    + " that what they read is known to be read-only for them. Fix: check the names (SCHEMA.TABLE;"
                    + " `lakesync tables list` or SELECT table_name FROM lakesync.lineage shows them), or sync the"
                    + " table first.");
        }
    }

    @Override
    public void dropApp(String name, boolean dropStateSchema) {
        AuditJson request = new AuditJson().put("name", name).put("drop_state_schema", dropStateSchema);
        audited("drop-app-role", name, request, () -> transaction("dropping the app role " + name,
                (connection, session) -> {
                    drop(connection, session, name, dropStateSchema);
                    return null;
                }));
    }

    private void drop(Connection connection, RoleSession session, String name, boolean dropStateSchema)
            throws SQLException {
        String schema = catalogRow(connection, name, true).orElseThrow(() -> notFound(connection, name));
        if (!roleExists(connection, name)) {
            LOG.info("The app role {} was dropped outside lakesync; forgetting it (its schema {} is left as it is)",
                    name, schema);
        } else {
            session.borrow(connection, name); // DROP ROLE removes the membership with the role
            if (dropStateSchema) {
                dropStateSchema(connection, name, schema);
            }
            // whatever the app still owns here (its state schema when kept) goes to the writer, so no data is
            // lost; then its grants go, and the role can be dropped
            Relations.execute(connection, "REASSIGN OWNED BY " + Sql.quote(name) + " TO " + Sql.quote(session.user()));
            Relations.execute(connection, "DROP OWNED BY " + Sql.quote(name));
            dropRole(connection, name);
        }
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM lakesync.app_roles WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
        LOG.info("Dropped the app role {}; its state schema {} was {}", name, schema,
                dropStateSchema ? "dropped" : "kept, now owned by " + session.user());
    }

    private static void dropStateSchema(Connection connection, String role, String schema) throws SQLException {
        Optional<String> owner = schemaOwner(connection, schema);
        if (owner.isEmpty()) {
            return;
        }
        if (!owner.get().equals(role)) {
            throw new LakesyncException(ErrorCode.TARGET_CONFLICT, "The state schema " + schema + " of the app " + role
                    + " is now owned by " + owner.get() + ", not by the app, so lakesync will not drop it. Nothing"
                    + " was changed. Fix: drop the app without --drop-state-schema (the schema stays), and drop the"
                    + " schema yourself if it should go.");
        }
        Relations.execute(connection, "DROP SCHEMA " + Sql.quote(schema) + " CASCADE");
    }

    private static void dropRole(Connection connection, String name) throws SQLException {
        try {
            Relations.execute(connection, "DROP ROLE " + Sql.quote(name));
        } catch (SQLException e) {
            if (!SqlErrors.is(e, SqlErrors.DEPENDENT_OBJECTS_STILL_EXIST)) {
                throw e;
            }
            throw new LakesyncException(ErrorCode.TARGET_CONFLICT, "Cannot drop the role " + name + ": it still owns"
                    + " objects or holds privileges in another database of this server (" + SqlErrors.describe(e)
                    + "). Nothing was changed. Fix: in each database named, run REASSIGN OWNED BY " + name + " TO"
                    + " <another role>; DROP OWNED BY " + name + "; then drop the app again.", e);
        }
    }

    private static LakesyncException notFound(Connection connection, String name) {
        boolean exists;
        try {
            exists = roleExists(connection, name);
        } catch (SQLException e) {
            exists = false;
        }
        if (exists) {
            return new AppRoleNotFoundException("The role " + name + " was not created by lakesync in this database"
                    + " (it is not in lakesync.app_roles), so lakesync leaves it alone. Fix: manage it yourself"
                    + " (REASSIGN OWNED, DROP OWNED, DROP ROLE), or check the database in --jdbc-url.");
        }
        return new AppRoleNotFoundException("No app role is named " + name + ". List them with `lakesync roles list`"
                + " (REST: GET /api/2.0/database/app_roles).");
    }

    @Override
    public List<AppRoleInfo> list() {
        return CatalogAccess.autocommit(connector, "listing the app roles", connection -> {
            List<AppRoleInfo> roles = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT a.name, a.state_schema, a.created_at,"
                    + " a.created_by, EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = a.name),"
                    + " COALESCE(array_agg(g.table_name ORDER BY g.table_name) FILTER (WHERE g.table_name IS NOT NULL),"
                    + " '{}') FROM lakesync.app_roles a LEFT JOIN lakesync.app_role_grants g ON g.role_name = a.name"
                    + " GROUP BY a.name ORDER BY a.name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.add(new AppRoleInfo(rs.getString(1), rs.getString(2),
                            tables(rs.getArray(6)), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
            return roles;
        });
    }

    private static List<TableName> tables(Array array) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        for (Object name : (Object[]) array.getArray()) {
            tables.add(TableName.parse((String) name));
        }
        return tables;
    }

    @Override
    public void grantRead(String app, TableName table) {
        AuditJson request = new AuditJson().put("name", app).put("table", table == null ? null : table.toString());
        audited("grant-read", app, request, () -> transaction("letting the app role " + app + " read " + table,
                (connection, session) -> {
                    catalogRow(connection, app, true).orElseThrow(() -> notFound(connection, app));
                    if (!roleExists(connection, app)) {
                        throw new AppRoleNotFoundException("The app role " + app + " was dropped outside lakesync."
                                + " Fix: `lakesync roles drop " + app + "` to forget it, then create it again.");
                    }
                    requireSynced(connection, List.of(Objects.requireNonNull(table, "table")));
                    AppGrants.grantRead(connection, app, table);
                    return null;
                }));
    }

    // --- the catalog and the server's roles

    /** The app's state schema, if lakesync created the app; {@code lock} holds its row until the end. */
    private static Optional<String> catalogRow(Connection connection, String name, boolean lock) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT state_schema FROM lakesync.app_roles"
                + " WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean roleExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<String> schemaOwner(Connection connection, String schema) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_get_userbyid(nspowner) FROM pg_namespace"
                + " WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean privilege(Connection connection, String call, String role) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + call)) {
            if (role != null) {
                s.setString(1, role);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    // --- transactions, errors and the audit log

    /**
     * One transaction; a refused privilege is explained for role management (CREATEROLE), and a
     * role or schema made concurrently by someone else is reported as existing.
     */
    private <T> T transaction(String doing, RoleWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(doing, work);
            } catch (LakesyncException e) {
                if (e.code() != ErrorCode.LOCK_TIMEOUT) {
                    throw e;
                }
                if (attempt == LOCK_ATTEMPTS) {
                    throw new LakesyncException(ErrorCode.LOCK_TIMEOUT, "Gave up " + doing + " after " + LOCK_ATTEMPTS
                            + " tries: each time another session held a lock it needs for longer than "
                            + LOCK_TIMEOUT_MS + " ms (" + e.getMessage() + "). Nothing was changed. Fix: run it again;"
                            + " if it keeps failing, look in pg_stat_activity for a long transaction on the table.", e);
                }
                LOG.info("{}: a lock was busy (try {} of {}), trying again", doing, attempt, LOCK_ATTEMPTS);
                LockRetry.sleep(100L * attempt, "Interrupted while waiting to try again.");
            }
        }
    }

    /**
     * A GRANT waits for locks that a sync's transaction on the same table may hold (the lineage
     * COMMENT, a snapshot swap); a bounded wait and a new try never leave a role operation, or the
     * API call behind it, hanging behind a busy table.
     */
    private <T> T transactionOnce(String doing, RoleWork<T> work) {
        return CatalogAccess.transaction(connector, doing, connection -> {
            Relations.execute(connection, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_MS + "ms'");
            RoleSession session = RoleSession.of(connection);
            try {
                return work.run(connection, session);
            } catch (SQLException e) {
                if (SqlErrors.is(e, INSUFFICIENT_PRIVILEGE)) {
                    throw new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "PostgreSQL refused " + doing
                            + ": " + connector.url().scrub(SqlErrors.describe(e)) + ". Nothing was changed. lakesync"
                            + " connects as " + session.user() + ", which must be allowed to create roles and schemas"
                            + " to manage app roles. Fix: as a superuser, ALTER ROLE " + Sql.quote(session.user())
                            + " CREATEROLE; GRANT CREATE ON DATABASE " + Sql.quote(session.database()) + " TO "
                            + Sql.quote(session.user()) + "; or manage app roles with a superuser's --jdbc-url.", e);
                }
                if (SqlErrors.is(e, DUPLICATE_OBJECT) || SqlErrors.is(e, DUPLICATE_SCHEMA)) {
                    throw new AppRoleExistsException("While " + doing + ", another session created a role or schema"
                            + " of the same name: " + connector.url().scrub(SqlErrors.describe(e)) + ". Nothing was"
                            + " changed. Fix: choose another name.");
                }
                throw e;
            }
        });
    }

    /** Work of one role operation, with who the writer is. */
    @FunctionalInterface
    private interface RoleWork<T> {
        T run(Connection connection, RoleSession session) throws SQLException;
    }

    /** Runs {@code operation} and writes its outcome to the audit log; the audit never hides the outcome. */
    private <T> T audited(String action, String target, AuditJson request, Supplier<T> operation) {
        T result;
        try {
            result = operation.get();
        } catch (LakesyncException e) {
            append(action, target, request, e.code().name());
            throw e;
        } catch (RuntimeException e) {
            append(action, target, request, ErrorCode.INTERNAL_ERROR.name());
            throw e;
        }
        append(action, target, request, null);
        return result;
    }

    private void append(String action, String target, AuditJson request, String errorCode) {
        request.put("outcome", errorCode == null ? "SUCCEEDED" : "FAILED");
        if (errorCode != null) {
            request.put("error_code", errorCode);
        }
        try {
            audit.append(actor, action, target, request.toString(), remoteAddress);
        } catch (RuntimeException e) {
            // the operation happened (and a created role's password must still reach the caller): be loud
            LOG.error("Could not write the audit log entry for {} {} by {}: {}", action, target, actor, e.toString());
        }
    }
}
