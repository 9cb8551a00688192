-- Network schema for PostgreSQL, version 15: the numbers of kept events come from a sequence.
--
-- A dispatch now keeps an event in a wait-index entry without activating the entry grain, so no one grain numbers
-- the entry's rows any more, and dispatches on two silos may keep in one entry at the same moment. Numbering each
-- row after its entry's last one (max + 1) would then give both the same number, and one would fail. nextval never
-- gives a number twice, whatever the transactions, and each is above every number it gave before: an entry's rows
-- still read back in the order they were kept (with gaps, which nothing needs closed). The sequence starts above
-- every row already kept, so the new rows come after them. (SQLite has one writer, which numbers after the last row.)

CREATE SEQUENCE kept_event_seq AS bigint;

SELECT setval('kept_event_seq', coalesce((SELECT max(seq) FROM kept_event), 0) + 1, false);
