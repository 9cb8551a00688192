-- Network schema for SQLite, version 1: Orleans grain state and reminders.
--
-- Orleans' ADO.NET providers read their SQL from the OrleansQuery table at start (one row per QueryKey) and
-- run it with named parameters (@ServiceId, @GrainIdN0, ...). They read results by column name, so every query
-- below returns the names the provider asks for (PayloadBinary, Version, NewGrainStateVersion, GrainId, ...)
-- while the tables themselves use plain snake_case names meant for an operator's eyes.
--
-- Orleans names this provider by the ADO.NET invariant "System.Data.SQLite" and opens it with
-- Microsoft.Data.Sqlite. Each query is its own connection and, statement by statement, its own implicit
-- transaction, so no query relies on two statements being atomic together.
-- There is no clustering table: on SQLite the host uses localhost clustering.

CREATE TABLE OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Grain state. One row per (service, grain type, grain id). The grain id is what the provider hands over:
-- two 64-bit halves (for integer and GUID keys) and a string (a string key, or a key extension; '' if none).
-- payload_json is the JSON the host's System.Text.Json serializer wrote, stored as text; NULL after a clear.
-- version is the ETag: every successful write or clear adds one, and a write that names another version
-- changes nothing, which Orleans reports as an InconsistentStateException.
CREATE TABLE orleans_grain_state
(
    service_id   TEXT    NOT NULL,
    grain_type   TEXT    NOT NULL,
    grain_id_n0  INTEGER NOT NULL,
    grain_id_n1  INTEGER NOT NULL,
    grain_id_string TEXT NOT NULL,
    version      INTEGER NOT NULL,
    payload_json TEXT    NULL CHECK (payload_json IS NULL OR json_valid(payload_json)),
    modified_at  TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string)
) WITHOUT ROWID;

-- Reminders. start_time is the UTC instant as Microsoft.Data.Sqlite writes a DateTime ("yyyy-MM-dd HH:mm:ss.fffffff");
-- period_ms is the period in milliseconds; grain_hash is the grain's uniform hash as a signed 32-bit number,
-- which is how the provider passes ring ranges (@BeginHash, @EndHash).
CREATE TABLE orleans_reminder
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX ix_orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

-- ---------------------------------------------------------------------------------------------------------
-- Grain persistence (AdoNetGrainStorage). Parameters: @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
-- @GrainIdExtensionString (NULL when the id has no string part), @GrainIdHash and @GrainTypeHash (not needed
-- here: the primary key is the natural key), @GrainStateVersion (the grain's ETag, NULL for a grain never
-- written) and @PayloadBinary (UTF-8 JSON bytes).
-- ---------------------------------------------------------------------------------------------------------

-- Read: at most one row; PayloadBinary NULL means "no state" (never written, or cleared).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT CAST(payload_json AS BLOB) AS PayloadBinary,
       version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = ifnull(@GrainIdExtensionString, '''');
');

-- Write: exactly one of the two statements can change a row, chosen by whether the grain knows a version.
-- A known version updates the row only if it still has that version; an unknown one inserts version 1 only if
-- no row exists. Whichever succeeds returns the new version; if neither does, no row comes back and Orleans
-- raises InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload_json = CAST(@PayloadBinary AS TEXT),
    version = version + 1,
    modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;

INSERT INTO orleans_grain_state
    (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, ifnull(@GrainIdExtensionString, ''''), 1,
       CAST(@PayloadBinary AS TEXT), strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
');

-- Clear (the default, DeleteStateOnClear = false): keep the row, drop the payload, bump the version.
-- Returns the new version in the first column, or no row on a version mismatch.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload_json = NULL,
    version = version + 1,
    modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
');

-- Delete (DeleteStateOnClear = true): remove the row if it still has the grain's version. The provider wants a
-- non-empty value different from the old version on success, so this returns the version after the old one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
');

-- ---------------------------------------------------------------------------------------------------------
-- Reminders (AdoNetReminderTable). Rows come back with the columns GrainId, ReminderName, StartTime, Period
-- (milliseconds) and Version. Parameters: @ServiceId, @GrainId (the GrainId's text form), @ReminderName,
-- @StartTime, @Period, @GrainHash, @BeginHash, @EndHash, @Version.
-- ---------------------------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName;
');

-- The ring range (@BeginHash, @EndHash] when it does not wrap around in signed order...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash;
');

-- ...and when it does (or covers the whole ring, BeginHash = EndHash).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
');

-- Insert or replace one reminder; returns its new version (the reminder's ETag).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO orleans_reminder
    (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period_ms = excluded.period_ms,
    grain_hash = excluded.grain_hash,
    version = orleans_reminder.version + 1
RETURNING version AS Version;
');

-- Remove one reminder if it still has the given version; one row, one column: whether it was removed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
  AND version = @Version;

SELECT changes() > 0 AS Removed;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM orleans_reminder
WHERE service_id = @ServiceId;
');
