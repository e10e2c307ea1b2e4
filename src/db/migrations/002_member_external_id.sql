-- A member's id in the system they came from (an importer's customer number), so an
-- import run twice finds the members it created the first time instead of making new ones.
ALTER TABLE members ADD COLUMN external_id text;
CREATE UNIQUE INDEX members_external_id_idx ON members (program_id, external_id) WHERE external_id IS NOT NULL;
