-- Network schema for SQLite, version 10: the wait index's members as rows, written by the waiting instance itself.
--
-- An instance's open waits are indexed by event name and correlation value (the wait-index entries), so an event
-- finds the instances it may resume without a scan. The members of an entry used to live in the entry grain's
-- state: an instance added itself there before writing its own state and removed itself after, two more commits
-- per step, and one more grain in memory per waiting instance. Now each member is a row of workflow_wait (owner:
-- the entry's key, item: the instance's key), added and removed in the instance's own unit with its state, so the
-- index is exactly what the stored instances wait for. Rows never expire: a wait may stay open for years.

CREATE TABLE workflow_wait
(
    owner_key TEXT NOT NULL,
    item_key  TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (owner_key, item_key)
) WITHOUT ROWID;

-- The members the entries' states held: the same entry keys (the grains' keys), the same instances.
INSERT OR IGNORE INTO workflow_wait (owner_key, item_key, at)
SELECT s.grain_id_string, j.value, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM orleans_grain_state s, json_each(s.payload_json, '$.instances') j
WHERE s.grain_type = 'workflow-wait-index' AND s.payload_json IS NOT NULL;
