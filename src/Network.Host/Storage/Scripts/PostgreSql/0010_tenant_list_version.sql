-- Network schema for PostgreSQL, version 10: the tenant list's rows carry their tenant state's version.
--
-- state_version is the tenant grain's own write counter. A row is only replaced by a write with a greater one, so the
-- start-up rebuild, projecting a state it read just before the grain wrote a newer one, never puts back the older
-- names and aliases. Rows written before this column existed get -1: the first rebuild (version 0 or more) replaces
-- each of them once, whatever it finds.

ALTER TABLE tenant_list ADD COLUMN state_version bigint NOT NULL DEFAULT -1;
