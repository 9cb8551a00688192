-- Network schema for SQLite, version 6: ASP.NET Core's data-protection keys.
--
-- The keys that encrypt the web app's session cookie and its antiforgery tokens. Kept in the database rather than in
-- the process's home folder, so a restart (or a container with a read-only file system) does not sign everyone out,
-- and so that every host on one database protects and reads cookies with the same keys. friendly_name is the name
-- the key manager gives each key ("key-<guid>"); xml is the key as the key manager wrote it. Rows are never updated.

CREATE TABLE data_protection_key
(
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
) WITHOUT ROWID;
