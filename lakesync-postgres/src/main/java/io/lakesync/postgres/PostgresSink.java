package io.lakesync.postgres;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.Comparison;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.Watermark;
import io.lakesync.postgres.internal.CatalogSchema;
import io.lakesync.postgres.internal.Connector;
import io.lakesync.postgres.internal.Definitions;
import io.lakesync.postgres.catalog.SyncedTableCatalog;
import io.lakesync.postgres.internal.PostgresAppRoles;
import io.lakesync.postgres.internal.PostgresCatalog;
import io.lakesync.postgres.internal.PostgresIncrementalApply;
import io.lakesync.postgres.internal.PostgresRunHistory;
import io.lakesync.postgres.internal.PostgresSnapshotLoad;
import io.lakesync.postgres.internal.SqlErrors;
import io.lakesync.postgres.internal.TableComparer;
import io.lakesync.postgres.internal.Watermarks;
import io.lakesync.postgres.roles.AppRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;

/**
 * A PostgreSQL database as the target of synced tables. It keeps its state next to the data, in
 * the schema {@code lakesync} (created and upgraded on connect): definitions, watermarks, runs,
 * audit log, API tokens. Each operation takes a connection of its own from the sink's pool (at
 * most {@link PostgresSinkOptions#maxConnections()}), so one sink can serve several threads; close
 * the sink to close the pool.
 */
public final class PostgresSink implements TableSink {

    private final Connector connector;
    private final PostgresSinkOptions options;

    private PostgresSink(Connector connector, PostgresSinkOptions options) {
        this.connector = connector;
        this.options = options;
    }

    /**
     * Connects to {@code jdbc:postgresql://HOST:PORT/DATABASE?user=..&password=..} and brings the
     * catalog schema up to date. Fails with TARGET_UNAVAILABLE (cannot connect),
     * TARGET_PERMISSION_DENIED (login or privileges refused) or INVALID_ARGUMENT (malformed URL,
     * unknown database); messages never show the password.
     */
    public static PostgresSink connect(String jdbcUrl) {
        return connect(jdbcUrl, PostgresSinkOptions.defaults());
    }

    public static PostgresSink connect(String jdbcUrl, PostgresSinkOptions options) {
        Connector connector = Connector.connect(JdbcUrl.parse(jdbcUrl), options);
        try {
            CatalogSchema.migrate(connector);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        return new PostgresSink(connector, options);
    }

    /** The database this sink writes to, password masked. */
    public JdbcUrl url() {
        return connector.url();
    }

    @Override
    public Optional<Watermark> watermark(TableName target) {
        try (Connection connection = connector.open()) {
            return Watermarks.read(connection, target);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, connector.url(), "reading the watermark of " + target, "");
        }
    }

    @Override
    public Optional<SyncedTableSpec> definition(TableName target) {
        try (Connection connection = connector.open()) {
            return Definitions.read(connection, target);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, connector.url(), "reading the definition of " + target, "");
        }
    }

    @Override
    public SnapshotLoad beginSnapshot(SnapshotPlan plan) {
        return new PostgresSnapshotLoad(connector, options, plan);
    }

    /**
     * Opens the apply of a version range. Fails at once, before any change is read, with
     * NOT_SYNCED (no watermark or no table), TARGET_CONFLICT (the watermark is not at
     * {@code plan.fromVersion()}) or SCHEMA_CHANGE_REQUIRES_FULL_REFRESH (a column dropped, renamed,
     * narrowed, or the key changed). The watermark stays locked until commit or close, so a second
     * runner of the same table waits for this one and then finds the watermark moved.
     */
    @Override
    public IncrementalApply beginApply(ApplyPlan plan) {
        return new PostgresIncrementalApply(connector, options, plan);
    }

    @Override
    public Comparison compare(SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows, int maxKeys) {
        return new TableComparer(connector, options).compare(spec, schema, rows, maxKeys);
    }

    @Override
    public RunHistory runHistory() {
        return new PostgresRunHistory(connector);
    }

    /** The synced table definitions, runs, audit log and API tokens stored next to the data. */
    public SyncedTableCatalog catalog() {
        return new PostgresCatalog(connector, options);
    }

    /**
     * The login roles of applications that read synced tables (read-only), each with a schema of its
     * own. The writer (the user of this sink's URL) needs CREATEROLE, or to be a superuser.
     *
     * @param actor who asks, written to the audit log with every operation: {@code cli:<os user>}
     *     from the command line, the API token's name from the REST API
     * @param remoteAddress where the request came from, for the audit log; null when local
     */
    public AppRoles appRoles(String actor, String remoteAddress) {
        return new PostgresAppRoles(connector, catalog().auditLog(), actor, remoteAddress);
    }

    /** Connections of the pool in use right now (by loads, applies, catalog reads). */
    public int connectionsInUse() {
        return connector.connectionsInUse();
    }

    /** The most connections the pool opens ({@link PostgresSinkOptions#maxConnections()}). */
    public int connectionsMax() {
        return connector.connectionsMax();
    }

    /** Closes the pool; a load or apply still running loses its connection and rolls back. */
    @Override
    public void close() {
        connector.close();
    }
}
