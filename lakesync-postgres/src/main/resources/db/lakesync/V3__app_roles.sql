-- Governance: the PostgreSQL login roles lakesync made for applications (app roles), which synced
-- tables each may read, and where each synced table's data came from (lineage).
--
-- Roles are cluster-wide in PostgreSQL; these tables say which ones this database's lakesync made,
-- so that it lists and drops only those. The grants are kept here too, not only in the tables'
-- ACLs: a table that does not exist yet (defined, first snapshot still to come) or that is created
-- again gets them when its snapshot is swapped in.

CREATE TABLE app_roles (
    name         text PRIMARY KEY,              -- the role, a lowercase identifier
    state_schema text        NOT NULL,          -- the schema the role owns for its own tables
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by   text        NOT NULL           -- the actor, e.g. cli:alice or an API token's name
);

CREATE TABLE app_role_grants (
    role_name  text        NOT NULL REFERENCES app_roles (name) ON DELETE CASCADE,
    table_name text        NOT NULL,            -- a synced table, schema.table
    granted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (role_name, table_name)
);

CREATE INDEX app_role_grants_by_table ON app_role_grants (table_name);

-- One row per synced table: its Delta source and the version the PostgreSQL table holds now (the
-- watermark, written in the same transaction as the data). A table defined but not synced yet has
-- no version; one synced from the command line before its definition was stored has no source.
CREATE VIEW lineage AS
SELECT COALESCE(w.table_name, d.name) AS table_name,
       d.source,
       w.delta_version,
       w.commit_timestamp,
       w.synced_at,
       d.mode,
       d.primary_key,
       w.row_count,
       w.run_id
FROM synced_tables d
FULL JOIN watermarks w ON w.table_name = d.name;
