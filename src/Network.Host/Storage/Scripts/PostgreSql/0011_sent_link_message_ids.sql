-- Network schema for PostgreSQL, version 11: the ids of the messages a tenant's link outbox has sent, as a keyed set.
--
-- The outbox used to keep its last 2,000 sent ids inside its state, so every confirmed send rewrote all of them
-- (about 200 KB of JSON per message once the list was full). Now each id is a row here, added in the same
-- transaction as the outbox's (now small) state; ids still inside a stored state move here at its next write.
-- Rows are only inserted and deleted once older than the retention (StateKeySets.Retention), by the state store's
-- background loop.
CREATE TABLE sent_link_message_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_sent_link_message_id_at ON sent_link_message_id (at);
