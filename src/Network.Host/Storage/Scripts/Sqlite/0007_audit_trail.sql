-- Network schema for SQLite, version 7: the audit trail.
--
-- One row per change (done) or refused attempt, through any door: when, in which tenant, who (actor_id: a key id, a
-- workflow instance, or "system"; actor_tenant: the key's or instance's tenant), what (action, target), with which
-- outcome; entry_json holds the whole line (the key's label and role, the door, the bus message id, the engine's
-- step, the reason of a refusal, the trace id). A change's row is written by the state pipeline in the same
-- transaction as the change; id is unique, so a change recorded twice is stored once. seq orders the trail.
-- Rows are never updated (the trigger refuses it); rows older than Audit:Retention are deleted.

CREATE TABLE audit_entry
(
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    at           TEXT NOT NULL,
    tenant_path  TEXT NULL,
    actor_tenant TEXT NULL,
    actor_id     TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    entry_json   TEXT NOT NULL
);

CREATE INDEX audit_entry_tenant ON audit_entry (tenant_path, seq);
CREATE INDEX audit_entry_actor_tenant ON audit_entry (actor_tenant, seq);
CREATE INDEX audit_entry_at ON audit_entry (at);

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only: its rows are never changed');
END;
