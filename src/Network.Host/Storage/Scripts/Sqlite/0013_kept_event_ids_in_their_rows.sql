-- Network schema for SQLite, version 13: a kept event's id is a column of its own row, not a row of another table.
--
-- A dispatch keeps each event once per wait-index entry. The id used to go to the keyed set kept_event_id and, only if
-- it was new there, the event to kept_event: two rows, two primary keys and two expiry indexes written per event, on
-- the path of every event a dispatch hands on. Now kept_event holds the id (item_key, unique per entry) and the insert
-- skips an id the entry has (INSERT OR IGNORE on that index): one row per kept event. The ids come from the rows
-- themselves (the event's eventId, which every kept row's JSON carries); a row without one (none is written so) takes
-- its seq as its id. (SQLite adds a column only as nullable: the writer always gives one.) Should an entry hold one id
-- twice, its first row stays. kept_event_id goes. The whole script is one transaction with its version row, so a kill
-- part-way leaves the database as it was.

ALTER TABLE kept_event ADD COLUMN item_key TEXT;

UPDATE kept_event SET item_key = coalesce(json_extract(entry_json, '$.eventId'), 'seq:' || seq);

DELETE FROM kept_event
WHERE EXISTS (SELECT 1 FROM kept_event earlier
              WHERE earlier.owner_key = kept_event.owner_key AND earlier.item_key = kept_event.item_key AND earlier.seq < kept_event.seq);

CREATE UNIQUE INDEX ux_kept_event_item_key ON kept_event (owner_key, item_key);

DROP TABLE kept_event_id;
