-- Network schema for PostgreSQL, version 4: the read model behind the list endpoints.
--
-- Lists are served from these tables, never by calling every grain. Grains write their row after each change
-- (Network.Host.ReadModel), and at start the host projects every stored grain state again (ReadModelRebuilder),
-- so a crash between a grain's state write and its row write never leaves a list silently stale.
--
-- Tenant paths look like 'network/tmp/europe'. "X is in scope S" is X = S or X starts with S || '/', which the
-- queries test as the range S || '/' <= X < S || '0' ('0' is the character after '/'), so the indexes below
-- serve it. That needs byte order whatever the database's locale, hence COLLATE "C" on paths and ids (which also
-- makes "ordered by id" the same on PostgreSQL as on SQLite).

-- One row per commitment grain. state_version is the grain state's version (ETag): a row is only replaced by a
-- write with a greater version, so a late or replayed write never moves it backwards.
CREATE TABLE commitment_list
(
    key           text COLLATE "C" NOT NULL PRIMARY KEY,
    id            text COLLATE "C" NOT NULL,
    home_tenant   text COLLATE "C" NOT NULL,
    session_id    text COLLATE "C" NOT NULL,
    period        integer          NOT NULL,
    ordinal       integer          NOT NULL,
    summary       text             NOT NULL,
    status        text COLLATE "C" NOT NULL,
    due_on        date             NOT NULL,
    updated_at    timestamptz      NOT NULL,
    state_version bigint           NOT NULL
);

CREATE INDEX ix_commitment_list_home ON commitment_list (home_tenant);
CREATE INDEX ix_commitment_list_id ON commitment_list (id);
CREATE INDEX ix_commitment_list_due ON commitment_list (due_on, id);
CREATE INDEX ix_commitment_list_status ON commitment_list (status, due_on);
CREATE INDEX ix_commitment_list_period ON commitment_list (period, due_on);

-- The tenants that own a commitment, in the order the grain lists them (position). Replaced as a whole together
-- with their commitment's row.
CREATE TABLE commitment_owner
(
    commitment_key text COLLATE "C" NOT NULL REFERENCES commitment_list (key) ON DELETE CASCADE,
    owner_path     text COLLATE "C" NOT NULL,
    position       integer          NOT NULL,
    PRIMARY KEY (commitment_key, owner_path)
);

CREATE INDEX ix_commitment_owner_path ON commitment_owner (owner_path, commitment_key);

-- One row per tenant, for name resolution. aliases is a JSON array of strings, kept as the text the host wrote.
CREATE TABLE tenant_list
(
    path    text COLLATE "C" NOT NULL PRIMARY KEY,
    id      text COLLATE "C" NOT NULL,
    name    text             NOT NULL,
    kind    text             NOT NULL,
    aliases text             NOT NULL DEFAULT '[]' CHECK (json_typeof(aliases::json) = 'array')
);
