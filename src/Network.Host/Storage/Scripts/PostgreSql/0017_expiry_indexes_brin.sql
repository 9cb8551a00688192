-- Network schema for PostgreSQL, version 17: the keyed sets and kept events find their expired rows through BRIN
-- indexes, not B-trees.
--
-- Their at column only serves the state store's hourly expiry (DELETE ... WHERE at < ...), and rows arrive in the
-- order of their at (a set member's time, an event's keep-until): a BRIN index, a few pages holding each block range's
-- least and greatest at, finds the expired ranges as well as a B-tree finds the rows, and costs next to nothing to
-- keep. A B-tree took an index entry (and its WAL) for every applied event id and every kept event, on the path of
-- every event a dispatch hands on: about one in five of the index entries each event wrote in the benchmark.
-- The whole script is one transaction with its version row, so a kill part-way leaves the database as it was.

DROP INDEX ix_applied_event_id_at;
CREATE INDEX ix_applied_event_id_at ON applied_event_id USING brin (at);

DROP INDEX ix_applied_message_id_at;
CREATE INDEX ix_applied_message_id_at ON applied_message_id USING brin (at);

DROP INDEX ix_kept_event_at;
CREATE INDEX ix_kept_event_at ON kept_event USING brin (at);

DROP INDEX ix_sent_link_message_id_at;
CREATE INDEX ix_sent_link_message_id_at ON sent_link_message_id USING brin (at);

DROP INDEX ix_sent_webhook_delivery_id_at;
CREATE INDEX ix_sent_webhook_delivery_id_at ON sent_webhook_delivery_id USING brin (at);

DROP INDEX ix_sent_email_id_at;
CREATE INDEX ix_sent_email_id_at ON sent_email_id USING brin (at);
