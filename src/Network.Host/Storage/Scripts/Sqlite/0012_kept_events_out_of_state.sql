-- Network schema for SQLite, version 12: every event a wait-index entry keeps is a row of kept_event.
--
-- A wait-index entry keeps an event that came before any wait for it, so that the first wait opening later takes it.
-- The entry appends those events to the kept_event table, but releases before that kept them in a "kept" list
-- inside the entry's state, moved to the table only at the entry's next write, so a new wait had to ask the
-- entry grain (activating it beside the waiting instance) to see both. Now a new wait reads the table directly, and
-- this script moves the events still held in states into it: numbered after the entry's stored ones (keptStored),
-- with their ids in kept_event_id, and the state left with no list and the new count. The whole script is one
-- transaction with its version row, so a kill part-way leaves the database as it was, and the next start runs it again.
--
-- at is written in the pipeline's instant format (six fractional digits), which its reader parses exactly: strftime's
-- %f gives three, so three zeros are added. An event whose keepUntil does not parse would have no expiry and is left
-- out (none is written so: the state's serializer wrote them).

INSERT OR IGNORE INTO kept_event (owner_key, seq, at, entry_json)
SELECT s.grain_id_string,
       coalesce(json_extract(s.payload_json, '$.keptStored'), 0) + k.key + 1,
       strftime('%Y-%m-%dT%H:%M:%f', json_extract(k.value, '$.keepUntil')) || '000Z',
       k.value
FROM orleans_grain_state s, json_each(s.payload_json, '$.kept') k
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL AND json_type(s.payload_json, '$.kept') = 'array'
  AND json_extract(k.value, '$.eventId') IS NOT NULL
  AND strftime('%Y-%m-%dT%H:%M:%f', json_extract(k.value, '$.keepUntil')) IS NOT NULL;

INSERT OR IGNORE INTO kept_event_id (owner_key, item_key, at)
SELECT s.grain_id_string,
       json_extract(k.value, '$.eventId'),
       strftime('%Y-%m-%dT%H:%M:%f', json_extract(k.value, '$.keepUntil')) || '000Z'
FROM orleans_grain_state s, json_each(s.payload_json, '$.kept') k
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL AND json_type(s.payload_json, '$.kept') = 'array'
  AND json_extract(k.value, '$.eventId') IS NOT NULL
  AND strftime('%Y-%m-%dT%H:%M:%f', json_extract(k.value, '$.keepUntil')) IS NOT NULL;

-- The count covers every element, so the entry numbers its next event after any seq used above. The version moves on,
-- so a grain that read the state before this (none should: the script runs before the silo starts) cannot write over it.
UPDATE orleans_grain_state
SET payload_json = json_set(json_remove(payload_json, '$.kept'), '$.keptStored',
                            coalesce(json_extract(payload_json, '$.keptStored'), 0) + json_array_length(payload_json, '$.kept')),
    version = version + 1
WHERE grain_type = 'workflow-wait-index' AND payload_json IS NOT NULL AND json_type(payload_json, '$.kept') = 'array';
