-- Network schema for PostgreSQL, version 2: Orleans grain state (AdoNetGrainStorage).
--
-- One row per (service, grain type, grain id). The grain id is what the provider hands over: two 64-bit halves
-- (for integer and GUID keys) and a string (a string key, or a key extension; '' if none).
-- payload_json holds the JSON that the host's System.Text.Json serializer wrote. It is "json", not "jsonb":
-- json keeps the text exactly as written, while jsonb reorders keys, which would move System.Text.Json's "$type"
-- discriminator away from the front where the deserializer needs it. NULL after a clear.
-- version is the ETag: every successful write or clear adds one; a write naming another version changes
-- nothing, no row comes back, and Orleans raises InconsistentStateException.
--
-- Parameters: @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL when the id
-- has no string part), @GrainIdHash and @GrainTypeHash (unused: the primary key is the natural key),
-- @GrainStateVersion (the grain's ETag, NULL for a grain never written) and @PayloadBinary (UTF-8 JSON bytes).

CREATE TABLE orleans_grain_state
(
    service_id      varchar(150) NOT NULL,
    grain_type      text         NOT NULL,
    grain_id_n0     bigint       NOT NULL,
    grain_id_n1     bigint       NOT NULL,
    grain_id_string text         NOT NULL,
    version         integer      NOT NULL,
    payload_json    json         NULL,
    modified_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string)
);

-- Read: at most one row. The provider reads the column PayloadBinary as bytes, so the JSON text goes back as
-- its UTF-8 encoding; NULL means "no state" (never written, or cleared).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT convert_to(payload_json::text, 'UTF8') AS "PayloadBinary",
       version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = coalesce(@GrainIdExtensionString, '');
$q$);

-- Write: with a known version, update the row if it still has that version; with none, insert version 1 if no
-- row exists (a concurrent insert of the same grain hits the primary key and does nothing). The one that
-- succeeded returns the new version; otherwise no row comes back.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload_json = convert_from(@PayloadBinary, 'UTF8')::json,
        version = version + 1,
        modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_string = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), 1,
           convert_from(@PayloadBinary, 'UTF8')::json
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string) DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
$q$);

-- Clear (the default, DeleteStateOnClear = false): keep the row, drop the payload, bump the version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload_json = NULL,
    version = version + 1,
    modified_at = now()
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
$q$);

-- Delete (DeleteStateOnClear = true): remove the row if it still has the grain's version. The provider wants a
-- non-empty value different from the old version on success, so this returns the version after the old one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_string = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion";
$q$);
