package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.RunRecord;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.catalog.ApiTokens;
import io.lakesync.postgres.catalog.AuditLog;
import io.lakesync.postgres.catalog.RunPage;
import io.lakesync.postgres.catalog.SyncedTableCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog of synced tables in the target database's schema {@code lakesync}. */
public final class PostgresCatalog implements SyncedTableCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCatalog.class);

    private final Connector connector;
    private final PostgresSinkOptions options;

    public PostgresCatalog(Connector connector, PostgresSinkOptions options) {
        this.connector = connector;
        this.options = options;
    }

    @Override
    public SyncedTableDefinition create(SyncedTableDefinition definition) {
        return withConnection("creating the synced table " + definition.name(), connection -> {
            if (!Definitions.insert(connection, definition)) {
                throw new LakesyncException(ErrorCode.SYNCED_TABLE_EXISTS, "A synced table named "
                        + definition.name() + " exists already. Update it instead, or delete it first.");
            }
            return Definitions.readDefinition(connection, definition.name()).orElseThrow();
        });
    }

    @Override
    public Optional<SyncedTableDefinition> get(TableName name) {
        return withConnection("reading the synced table " + name,
                connection -> Definitions.readDefinition(connection, name));
    }

    @Override
    public List<SyncedTableDefinition> list() {
        return withConnection("listing the synced tables", Definitions::list);
    }

    @Override
    public SyncedTableDefinition update(SyncedTableDefinition definition) {
        return withConnection("updating the synced table " + definition.name(), connection -> {
            if (!Definitions.update(connection, definition)) {
                throw notFound(definition.name());
            }
            return Definitions.readDefinition(connection, definition.name()).orElseThrow();
        });
    }

    @Override
    public boolean delete(TableName name, boolean purgeData) {
        Forgotten forgotten = CatalogAccess.transaction(connector, "deleting the synced table " + name, connection -> {
            boolean defined = Definitions.delete(connection, name);
            boolean synced = delete(connection, "DELETE FROM lakesync.watermarks WHERE table_name = ?", name) > 0;
            delete(connection, "DELETE FROM lakesync.runs WHERE table_name = ?", name);
            if (purgeData && synced) {
                Relations.execute(connection, "DROP TABLE IF EXISTS " + Sql.qualified(name));
            }
            return new Forgotten(defined, synced);
        });
        if (purgeData && forgotten.defined() && !forgotten.synced()) {
            LOG.info("Deleted {} without dropping a table: lakesync never synced into it", name);
        }
        return forgotten.defined() || forgotten.synced();
    }

    /** What a delete found: a definition, a watermark (then lakesync made the target table). */
    private record Forgotten(boolean defined, boolean synced) {
    }

    private static int delete(Connection connection, String sql, TableName name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name.toString());
            return s.executeUpdate();
        }
    }

    @Override
    public RunPage runs(TableName name, int pageSize, OptionalLong beforeRunId) {
        requirePageSize(pageSize);
        return withConnection("reading the runs of " + name, connection -> {
            List<RunRecord> runs = new ArrayList<>(Runs.page(connection, name, pageSize + 1, beforeRunId));
            if (runs.size() <= pageSize) {
                return new RunPage(runs, OptionalLong.empty());
            }
            runs.remove(pageSize);
            return new RunPage(runs, OptionalLong.of(runs.get(pageSize - 1).runId()));
        });
    }

    @Override
    public Optional<RunRecord> latestRun(TableName name) {
        return withConnection("reading the latest run of " + name,
                connection -> Runs.page(connection, name, 1, OptionalLong.empty()).stream().findFirst());
    }

    @Override
    public void applyExtraIndexes(SyncedTableSpec spec) {
        CatalogAccess.transaction(connector, "changing the extra indexes of " + spec.target(), connection -> {
            new IndexReconciler(connection, options).reconcile(spec);
            return null;
        });
    }

    @Override
    public AuditLog auditLog() {
        return new PostgresAuditLog(connector);
    }

    @Override
    public ApiTokens apiTokens() {
        return new PostgresApiTokens(connector);
    }

    static void requirePageSize(int pageSize) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The page size must be between 1 and 1000 (got "
                    + pageSize + ").");
        }
    }

    private static LakesyncException notFound(TableName name) {
        return new LakesyncException(ErrorCode.SYNCED_TABLE_NOT_FOUND, "No synced table is named " + name
                + ". List the synced tables to see their names (schema.table of the PostgreSQL target).");
    }

    private <T> T withConnection(String doing, CatalogAccess.Work<T> work) {
        return CatalogAccess.autocommit(connector, doing, work);
    }
}
