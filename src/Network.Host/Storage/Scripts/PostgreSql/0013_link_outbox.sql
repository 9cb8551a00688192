-- Network schema for PostgreSQL, version 13: the messages waiting to go out on a tenant's link, as rows of a queue.
--
-- A tenant's link outbox used to keep its waiting messages inside its grain state, so every message queued or sent
-- rewrote the whole list, and every grain handing a change on had to call that one grain, which wrote one unit at a
-- time: a funnel. Now each message is a row of link_outbox, added in the unit of whichever grain made it (in the
-- same transaction as its state) and deleted by the outbox in the unit that records it as sent. seq gives the order
-- the messages go out in; a message id is queued once per tenant. body is text, not json: the message goes out as
-- it was handed on, byte for byte.

CREATE TABLE link_outbox
(
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_key text        NOT NULL,
    item_key  text        NOT NULL,
    source    text        NOT NULL,
    kind      text        NOT NULL,
    body      text        NOT NULL,
    at        timestamptz NOT NULL,
    UNIQUE (owner_key, item_key)
);

CREATE INDEX ix_link_outbox_owner_seq ON link_outbox (owner_key, seq);

-- The messages the outboxes' states held, in their order (seq follows the list; the outbox ignores the old list and
-- its next write drops it).
INSERT INTO link_outbox (owner_key, item_key, source, kind, body, at)
SELECT s.grain_id_string, m.value ->> 'messageId', 'migrated', m.value ->> 'type', m.value ->> 'json', now()
FROM orleans_grain_state s, json_array_elements(s.payload_json -> 'pending') WITH ORDINALITY AS m(value, n)
WHERE s.grain_type = 'tenant-link-outbox' AND s.payload_json IS NOT NULL AND json_typeof(s.payload_json -> 'pending') = 'array'
  AND m.value ->> 'messageId' IS NOT NULL
ORDER BY s.grain_id_string, m.n
ON CONFLICT DO NOTHING;
