-- Network schema for SQLite, version 11: the messages waiting to go out on a tenant's link, as rows of a queue.
--
-- A tenant's link outbox used to keep its waiting messages inside its grain state, so every message queued or sent
-- rewrote the whole list, and every grain handing a change on had to call that one grain, which wrote one unit at a
-- time: a funnel. Now each message is a row of link_outbox, added in the unit of whichever grain made it (in the
-- same transaction as its state) and deleted by the outbox in the unit that records it as sent. seq is the rowid
-- (no AUTOINCREMENT: a deleted seq may be reused only once every later row is gone, so the order still holds) and
-- gives the order the messages go out in; a message id is queued once per tenant.

CREATE TABLE link_outbox
(
    seq       INTEGER PRIMARY KEY,
    owner_key TEXT NOT NULL,
    item_key  TEXT NOT NULL,
    source    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL,
    at        TEXT NOT NULL,
    UNIQUE (owner_key, item_key)
);

CREATE INDEX ix_link_outbox_owner_seq ON link_outbox (owner_key, seq);

-- The messages the outboxes' states held, in their order (seq follows the list; the outbox ignores the old list and
-- its next write drops it). at is written in the pipeline's instant format (six fractional digits), which its reader
-- parses exactly: strftime's %f gives three, so three zeros are added.
INSERT OR IGNORE INTO link_outbox (owner_key, item_key, source, kind, body, at)
SELECT s.grain_id_string, json_extract(m.value, '$.messageId'), 'migrated', json_extract(m.value, '$.type'),
       json_extract(m.value, '$.json'), strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'
FROM orleans_grain_state s, json_each(s.payload_json, '$.pending') m
WHERE s.grain_type = 'tenant-link-outbox' AND s.payload_json IS NOT NULL AND json_extract(m.value, '$.messageId') IS NOT NULL
ORDER BY s.grain_id_string, m.key;
