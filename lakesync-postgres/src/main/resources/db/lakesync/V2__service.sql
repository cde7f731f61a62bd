-- What the sync service adds to the catalog: when each synced table runs by itself, how fresh it
-- must stay, whether it is paused, which extra indexes its target gets; who changed what (audit
-- log); which API tokens are valid (their SHA-256 only, never the token).

ALTER TABLE synced_tables
    ADD COLUMN schedule_kind         text CHECK (schedule_kind IN ('INTERVAL', 'CRON', 'ON_SOURCE_CHANGE')),
    ADD COLUMN schedule_value        text,         -- INTERVAL: seconds; CRON: the expression; else null
    ADD COLUMN freshness_sla_seconds bigint CHECK (freshness_sla_seconds > 0),
    ADD COLUMN paused                boolean NOT NULL DEFAULT false,
    ADD COLUMN extra_indexes         text[]  NOT NULL DEFAULT '{}';  -- each "col" or "col_a, col_b"

-- A run whose process died is CRASHED, not FAILED: nothing failed, the run just never ended.
ALTER TABLE runs DROP CONSTRAINT runs_outcome_check;
ALTER TABLE runs ADD CONSTRAINT runs_outcome_check
    CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CRASHED'));
UPDATE runs SET outcome = 'CRASHED' WHERE outcome = 'FAILED' AND error_code = 'CRASHED';

CREATE TABLE audit_log (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor          text        NOT NULL,       -- the API token's name
    action         text        NOT NULL,       -- e.g. CREATE, UPDATE, DELETE, SYNC
    target         text,                       -- usually a synced table's name
    request        jsonb,
    remote_address text
);

CREATE TABLE api_tokens (
    name         text PRIMARY KEY,
    token_sha256 text        NOT NULL UNIQUE,  -- hex; the token itself is never stored
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
