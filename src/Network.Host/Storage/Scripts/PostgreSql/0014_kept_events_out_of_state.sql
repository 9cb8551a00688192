-- Network schema for PostgreSQL, version 14: every event a wait-index entry keeps is a row of kept_event.
--
-- A wait-index entry keeps an event that came before any wait for it, so that the first wait opening later takes it.
-- The entry appends those events to the kept_event table, but releases before that kept them in a "kept" list
-- inside the entry's state, moved to the table only at the entry's next write, so a new wait had to ask the
-- entry grain (activating it beside the waiting instance) to see both. Now a new wait reads the table directly, and
-- this script moves the events still held in states into it: numbered after the entry's stored ones (keptStored),
-- with their ids in kept_event_id, and the state left with no list and the new count. The whole script is one
-- transaction with its version row, so a kill part-way leaves the database as it was, and the next start runs it again.

INSERT INTO kept_event (owner_key, seq, at, entry_json)
SELECT s.grain_id_string,
       coalesce((s.payload_json ->> 'keptStored')::bigint, 0) + k.n,
       (k.value ->> 'keepUntil')::timestamptz,
       k.value
FROM orleans_grain_state s, json_array_elements(s.payload_json -> 'kept') WITH ORDINALITY AS k(value, n)
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL AND json_typeof(s.payload_json -> 'kept') = 'array'
  AND k.value ->> 'eventId' IS NOT NULL AND k.value ->> 'keepUntil' IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO kept_event_id (owner_key, item_key, at)
SELECT s.grain_id_string, k.value ->> 'eventId', (k.value ->> 'keepUntil')::timestamptz
FROM orleans_grain_state s, json_array_elements(s.payload_json -> 'kept') AS k(value)
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL AND json_typeof(s.payload_json -> 'kept') = 'array'
  AND k.value ->> 'eventId' IS NOT NULL AND k.value ->> 'keepUntil' IS NOT NULL
ON CONFLICT DO NOTHING;

-- The count covers every element, so the entry numbers its next event after any seq used above. The version moves on,
-- so a grain that read the state before this (none should: the script runs before the silo starts) cannot write over it.
UPDATE orleans_grain_state
SET payload_json = ((payload_json::jsonb - 'kept')
                    || jsonb_build_object('keptStored', coalesce((payload_json ->> 'keptStored')::bigint, 0) + json_array_length(payload_json -> 'kept')))::json,
    version = version + 1
WHERE grain_type = 'workflow-wait-index' AND payload_json IS NOT NULL AND json_typeof(payload_json -> 'kept') = 'array';
