package io.lakesync.postgres.roles;

import io.lakesync.core.model.TableName;
import java.util.List;
import java.util.Optional;

/**
 * The login roles applications use to read synced tables: each may SELECT the synced tables it was
 * granted and nothing else of lakesync's, and owns a schema of its own for its state tables.
 * Synced tables stay owned by the role lakesync connects as (the writer), so an application can
 * never insert, update, delete, truncate, alter or drop them. Grants are kept in the catalog and
 * given again to the table a full refresh swaps in.
 * <p>
 * Every operation is written to the audit log with the actor this instance was obtained for
 * ({@link io.lakesync.postgres.PostgresSink#appRoles}), whether it succeeds or fails. Failures are
 * {@link io.lakesync.core.error.LakesyncException}s: {@link AppRoleExistsException},
 * {@link AppRoleNotFoundException}, INVALID_ARGUMENT (a bad name, a table that is not synced) or
 * TARGET_PERMISSION_DENIED (the writer may not create roles or grant on a schema).
 */
public interface AppRoles {

    /**
     * Creates the LOGIN role {@code name} with a generated password, lets it read {@code readTables}
     * (USAGE on their schemas, SELECT on the tables) and creates the schema {@code stateSchema}
     * (default: the role's name) owned by it; all in one transaction.
     *
     * @param name a lowercase identifier ({@code [a-z_][a-z0-9_]*}, at most 63 bytes, not {@code pg_...})
     * @param readTables synced tables (a definition or a watermark in the catalog); one not created
     *     yet is granted when its first snapshot is swapped in
     * @return the role with its password, which is shown this once and stored only as a SCRAM hash
     */
    AppRole createApp(String name, List<TableName> readTables, Optional<String> stateSchema);

    /** {@link #dropApp(String, boolean)} keeping the state schema. */
    default void dropApp(String name) {
        dropApp(name, false);
    }

    /**
     * Drops an app role lakesync created. Its state schema stays (owned by the writer from then on)
     * unless {@code dropStateSchema}, when it is dropped with everything in it. Fails with
     * {@link AppRoleNotFoundException} for a role lakesync did not create.
     */
    void dropApp(String name, boolean dropStateSchema);

    /** The app roles this database's lakesync created, by name. */
    List<AppRoleInfo> list();

    /** Lets an existing app role read one more synced table. Granting twice is harmless. */
    void grantRead(String app, TableName table);
}
