-- Network schema for PostgreSQL, version 6: the read model behind a tenant's campaign list.
--
-- Written by the campaign grains after each definition and caught up from the stored campaign states at every
-- start (ReadModelRebuilder), like the commitments' rows in 0004_read_model.sql, whose scope rule it follows:
-- "X is in scope S" is X = S or the range S || '/' <= X < S || '0', which needs COLLATE "C" on paths and keys.

-- One row per campaign grain. state_version is the grain's own write counter: a row is only replaced by a write
-- with a greater version, so a late or replayed write never moves it backwards.
CREATE TABLE campaign_list
(
    key              text COLLATE "C" NOT NULL PRIMARY KEY,
    id               text COLLATE "C" NOT NULL,
    home_tenant      text COLLATE "C" NOT NULL,
    title            text             NOT NULL,
    launch_on        date             NULL,
    milestone_count  integer          NOT NULL,
    commitment_count integer          NOT NULL,
    state_version    bigint           NOT NULL
);

CREATE INDEX ix_campaign_list_home ON campaign_list (home_tenant);

-- The partner tenants of a campaign, in the order it names them. Replaced as a whole with their campaign's row, so
-- a partner a later definition leaves out no longer sees the campaign in its list.
CREATE TABLE campaign_partner
(
    campaign_key text COLLATE "C" NOT NULL REFERENCES campaign_list (key) ON DELETE CASCADE,
    partner_path text COLLATE "C" NOT NULL,
    position     integer          NOT NULL,
    PRIMARY KEY (campaign_key, partner_path)
);

CREATE INDEX ix_campaign_partner_path ON campaign_partner (partner_path, campaign_key);
