-- Network schema for SQLite, version 4: the read model behind a tenant's campaign list.
--
-- Written by the campaign grains after each definition and caught up from the stored campaign states at every
-- start (ReadModelRebuilder), like the commitments' rows in 0002_read_model.sql, whose scope rule it follows:
-- "X is in scope S" is X = S or the range S || '/' <= X < S || '0', under the BINARY collation.

-- One row per campaign grain. state_version is the grain's own write counter: a row is only replaced by a write
-- with a greater version, so a late or replayed write never moves it backwards. launch_on is an ISO date or NULL.
CREATE TABLE campaign_list
(
    key              TEXT    NOT NULL PRIMARY KEY,
    id               TEXT    NOT NULL,
    home_tenant      TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    launch_on        TEXT    NULL CHECK (launch_on IS NULL OR launch_on = date(launch_on)),
    milestone_count  INTEGER NOT NULL,
    commitment_count INTEGER NOT NULL,
    state_version    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_campaign_list_home ON campaign_list (home_tenant);

-- The partner tenants of a campaign, in the order it names them. Replaced as a whole with their campaign's row, so
-- a partner a later definition leaves out no longer sees the campaign in its list.
CREATE TABLE campaign_partner
(
    campaign_key TEXT    NOT NULL REFERENCES campaign_list (key) ON DELETE CASCADE,
    partner_path TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (campaign_key, partner_path)
) WITHOUT ROWID;

CREATE INDEX ix_campaign_partner_path ON campaign_partner (partner_path, campaign_key);
