-- The portal's own data: the team's work on the incidents that lakesync syncs from the lakehouse.
-- Flyway runs this with search_path = portal, so the tables land in the portal's schema.
--
-- No foreign key to the synced table: the app role may only read it (REFERENCES is not granted),
-- a full refresh swaps it for a new table, and an incident the lakehouse retracts must not take the
-- team's notes with it. The list joins from the synced table, so orphaned rows are simply not shown.

CREATE TABLE incident_state (
    incident_id text        PRIMARY KEY,
    owner       text,
    status      text        NOT NULL DEFAULT 'open'
                            CHECK (status IN ('open', 'in_progress', 'waiting', 'resolved')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);

-- The dashboard filters by owner and by status; both are selective once a team works the queue
-- (most incidents without a state row are open and unassigned, and need no index).
CREATE INDEX incident_state_owner ON incident_state (owner);
CREATE INDEX incident_state_status ON incident_state (status);

CREATE TABLE incident_comments (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id text        NOT NULL,
    author      text        NOT NULL CHECK (length(author) BETWEEN 1 AND 100),
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The thread of one incident, oldest first: one index range scan.
CREATE INDEX incident_comments_thread ON incident_comments (incident_id, created_at, id);
