-- The lakesync catalog: what is synced, which source version each target holds, and every run.
-- It lives in the target database so that any lakesync process can resume any table.

CREATE TABLE synced_tables (
    name           text PRIMARY KEY,            -- the target, schema.table
    source         text        NOT NULL,        -- the Delta table as the user gave it
    primary_key    text[]      NOT NULL,
    timeseries_key text,
    mode           text        NOT NULL,        -- SNAPSHOT, TRIGGERED, CONTINUOUS
    columns        text[]      NOT NULL DEFAULT '{}',  -- empty: all columns
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Written in the same transaction as the data it describes: the target holds exactly this version.
CREATE TABLE watermarks (
    table_name       text PRIMARY KEY,
    delta_version    bigint      NOT NULL,
    commit_timestamp timestamptz,
    row_count        bigint      NOT NULL,
    run_id           bigint,
    synced_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE runs (
    run_id             bigserial PRIMARY KEY,
    table_name         text        NOT NULL,
    mode               text        NOT NULL,
    started_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    ended_at           timestamptz,
    outcome            text        NOT NULL CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    from_version       bigint,
    to_version         bigint,
    rows_written       bigint      NOT NULL DEFAULT 0,
    rows_skipped       bigint      NOT NULL DEFAULT 0,
    -- counters of incremental runs
    rows_inserted      bigint      NOT NULL DEFAULT 0,
    rows_updated       bigint      NOT NULL DEFAULT 0,
    rows_deleted       bigint      NOT NULL DEFAULT 0,
    snapshot_fallbacks integer     NOT NULL DEFAULT 0,
    error_code         text,
    error_message      text
);

CREATE INDEX runs_by_table ON runs (table_name, run_id DESC);
CREATE INDEX runs_running ON runs (table_name) WHERE outcome = 'RUNNING';
