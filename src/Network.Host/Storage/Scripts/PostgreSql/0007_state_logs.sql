-- Network schema for PostgreSQL, version 7: the append-only logs and keyed sets grains write beside their state.
--
-- A workflow instance's journal and a commitment's history used to live inside the grain's row in
-- orleans_grain_state, so every step rewrote all of it. Now each line is a row here, written once, in the same
-- transaction as the grain's (now bounded) snapshot by the state pipeline (src/Network.Host/Storage/Pipeline).
-- owner_key is the grain's key; seq counts 1, 2, 3, ... per owner; entry_json is the line as the grain kept it
-- before (json, not jsonb: kept as written). Rows are never updated. Lines still inside a stored snapshot (written by
-- an earlier version) move here at that grain's next write.

CREATE TABLE workflow_journal
(
    owner_key  text        NOT NULL,
    seq        bigint      NOT NULL,
    at         timestamptz NOT NULL,
    entry_json json        NOT NULL,
    PRIMARY KEY (owner_key, seq)
);

CREATE TABLE commitment_history
(
    owner_key  text        NOT NULL,
    seq        bigint      NOT NULL,
    at         timestamptz NOT NULL,
    entry_json json        NOT NULL,
    PRIMARY KEY (owner_key, seq)
);

-- A keyed set: the ids of the events a workflow instance took or kept, so a redelivery is recognised without the grain's state keeping every id.
-- Rows are only inserted (a second insert of the same id keeps the first) and deleted once older than the retention
-- (StateKeySets.Retention), by the state store's background loop.
CREATE TABLE applied_event_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_applied_event_id_at ON applied_event_id (at);

-- A keyed set: the ids of the link messages a commitment applied, so a redelivery is recognised without the grain's state keeping every id.
-- Rows are only inserted (a second insert of the same id keeps the first) and deleted once older than the retention
-- (StateKeySets.Retention), by the state store's background loop.
CREATE TABLE applied_message_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_applied_message_id_at ON applied_message_id (at);

-- The events a wait-index entry keeps for waits that do not exist yet (WorkflowWaitIndexGrain): a log like the
-- two above, but at is when the event stops being kept, and the state store's background loop deletes rows past it.
-- Only the entry's last 1,000 rows are read.
CREATE TABLE kept_event
(
    owner_key  text NOT NULL,
    seq        bigint NOT NULL,
    at         timestamptz NOT NULL,
    entry_json json NOT NULL,
    PRIMARY KEY (owner_key, seq)
);

CREATE INDEX ix_kept_event_at ON kept_event (at);

-- A keyed set: the ids of the events a wait-index entry kept, so one event is not kept twice.
CREATE TABLE kept_event_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_kept_event_id_at ON kept_event_id (at);
