-- Network schema for PostgreSQL, version 8: ASP.NET Core's data-protection keys.
--
-- The keys that encrypt the web app's session cookie and its antiforgery tokens. Kept in the shared database rather
-- than in each process's home folder, so every silo of a cluster reads a cookie another silo wrote, and a restarted
-- pod does not sign everyone out. friendly_name is the name the key manager gives each key ("key-<guid>"); xml is the
-- key as the key manager wrote it. Rows are never updated.

CREATE TABLE data_protection_key
(
    friendly_name text        NOT NULL PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
