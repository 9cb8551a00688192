-- Network schema for PostgreSQL, version 9: the audit trail.
--
-- One row per change (done) or refused attempt, through any door: when, in which tenant, who (actor_id: a key id, a
-- workflow instance, or "system"; actor_tenant: the key's or instance's tenant), what (action, target), with which
-- outcome; entry_json holds the whole line (the key's label and role, the door, the bus message id, the engine's
-- step, the reason of a refusal, the trace id). A change's row is written by the state pipeline in the same
-- statement as the change; id is unique, so a change recorded twice is stored once. seq orders the trail. Tenant
-- paths compare byte by byte (COLLATE "C") for the subtree ranges. Rows are never updated (the trigger refuses it);
-- rows older than Audit:Retention are deleted.

CREATE TABLE audit_entry
(
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text        NOT NULL UNIQUE,
    at           timestamptz NOT NULL,
    tenant_path  text COLLATE "C" NULL,
    actor_tenant text COLLATE "C" NULL,
    actor_id     text        NOT NULL,
    action       text        NOT NULL,
    target       text        NOT NULL,
    outcome      text        NOT NULL,
    entry_json   text        NOT NULL
);

CREATE INDEX audit_entry_tenant ON audit_entry (tenant_path, seq);
CREATE INDEX audit_entry_actor_tenant ON audit_entry (actor_tenant, seq);
CREATE INDEX audit_entry_at ON audit_entry (at);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: its rows are never changed';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
