-- Network schema for PostgreSQL, version 12: the wait index's members as rows, written by the waiting instance itself.
--
-- An instance's open waits are indexed by event name and correlation value (the wait-index entries), so an event
-- finds the instances it may resume without a scan. The members of an entry used to live in the entry grain's
-- state: an instance added itself there before writing its own state and removed itself after, two more commits
-- per step, and one more grain in memory per waiting instance. Now each member is a row of workflow_wait (owner:
-- the entry's key, item: the instance's key), added and removed in the instance's own unit with its state, so the
-- index is exactly what the stored instances wait for. Rows never expire: a wait may stay open for years.

CREATE TABLE workflow_wait
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

-- The members the entries' states held: the same entry keys (the grains' keys), the same instances.
INSERT INTO workflow_wait (owner_key, item_key, at)
SELECT s.grain_id_string, j.value, now()
FROM orleans_grain_state s, json_array_elements_text(s.payload_json -> 'instances') AS j(value)
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL AND json_typeof(s.payload_json -> 'instances') = 'array'
ON CONFLICT DO NOTHING;
