-- Network schema for SQLite, version 2: the read model behind the list endpoints.
--
-- Lists are served from these tables, never by calling every grain. Grains write their row after each change
-- (Network.Host.ReadModel), and at start the host projects every stored grain state again (ReadModelRebuilder),
-- so a crash between a grain's state write and its row write never leaves a list silently stale.
--
-- Tenant paths look like 'network/tmp/europe'. "X is in scope S" is X = S or X starts with S || '/', which the
-- queries test as the range S || '/' <= X < S || '0' ('0' is the character after '/'), so the indexes below
-- serve it. That needs byte order, which is SQLite's default (BINARY) collation.

-- One row per commitment grain. state_version is the grain state's version (ETag): a row is only replaced by a
-- write with a greater version, so a late or replayed write never moves it backwards.
-- due_on is an ISO date (yyyy-MM-dd); updated_at an ISO 8601 UTC instant (yyyy-MM-ddTHH:mm:ss.ffffffZ).
CREATE TABLE commitment_list
(
    key           TEXT    NOT NULL PRIMARY KEY,
    id            TEXT    NOT NULL,
    home_tenant   TEXT    NOT NULL,
    session_id    TEXT    NOT NULL,
    period        INTEGER NOT NULL,
    ordinal       INTEGER NOT NULL,
    summary       TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    due_on        TEXT    NOT NULL CHECK (due_on = date(due_on)),
    updated_at    TEXT    NOT NULL,
    state_version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_commitment_list_home ON commitment_list (home_tenant);
CREATE INDEX ix_commitment_list_id ON commitment_list (id);
CREATE INDEX ix_commitment_list_due ON commitment_list (due_on, id);
CREATE INDEX ix_commitment_list_status ON commitment_list (status, due_on);
CREATE INDEX ix_commitment_list_period ON commitment_list (period, due_on);

-- The tenants that own a commitment, in the order the grain lists them (position). Replaced as a whole together
-- with their commitment's row.
CREATE TABLE commitment_owner
(
    commitment_key TEXT    NOT NULL REFERENCES commitment_list (key) ON DELETE CASCADE,
    owner_path     TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (commitment_key, owner_path)
) WITHOUT ROWID;

CREATE INDEX ix_commitment_owner_path ON commitment_owner (owner_path, commitment_key);

-- One row per tenant, for name resolution. aliases is a JSON array of strings.
CREATE TABLE tenant_list
(
    path    TEXT NOT NULL PRIMARY KEY,
    id      TEXT NOT NULL,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array')
) WITHOUT ROWID;
