-- Network schema for PostgreSQL, version 11: the ids of what the tenants' outboxes have sent, as keyed sets.
--
-- The link, webhook and mail outboxes used to keep their last 2,000 or 5,000 sent ids inside their state, so every
-- confirmed send rewrote all of them (about 200 KB of JSON per message once the list was full). Now each id is a row
-- of its outbox's set, added in the same transaction as the outbox's (now small) state; ids still inside a stored
-- state move here at its next write. Rows are only inserted (a second insert of the same id keeps the first) and
-- deleted once older than the retention (StateKeySets.Retention), by the state store's background loop.

-- The ids of the messages a link outbox published.
CREATE TABLE sent_link_message_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_sent_link_message_id_at ON sent_link_message_id (at);

-- The ids of the calls a webhook outbox delivered.
CREATE TABLE sent_webhook_delivery_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_sent_webhook_delivery_id_at ON sent_webhook_delivery_id (at);

-- The ids of the e-mails and digest lines a mail outbox sent.
CREATE TABLE sent_email_id
(
    owner_key text NOT NULL,
    item_key  text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (owner_key, item_key)
);

CREATE INDEX ix_sent_email_id_at ON sent_email_id (at);
