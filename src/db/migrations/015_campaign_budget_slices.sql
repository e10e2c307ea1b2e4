-- A campaign's budget in slices (预算分片): every purchase in a popular campaign used to add
-- to the campaign's one row, so they queued on its lock, one commit at a time. The budget
-- is now held in 16 slices; a purchase spends from the slice its member hashes to (and
-- from the next ones only when that one runs short), so concurrent purchases rarely meet.
-- The budget stays exact: each slice's room is spent by a guarded UPDATE and never drops
-- below 0, and Σ(used + room) = budget_points. With no budget, room is null in every slice.
CREATE TABLE campaign_budget_slices (
  program_id   text NOT NULL,
  campaign_id  text NOT NULL,
  slice        smallint NOT NULL CHECK (slice BETWEEN 0 AND 15),
  used         bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
  room         bigint CHECK (room >= 0),
  PRIMARY KEY (program_id, campaign_id, slice),
  FOREIGN KEY (program_id, campaign_id) REFERENCES campaigns (program_id, id)
) WITH (fillfactor = 50);

-- What each campaign used so far goes to slice 0; what is left is shared out evenly.
INSERT INTO campaign_budget_slices (program_id, campaign_id, slice, used, room)
SELECT c.program_id, c.id, s.i,
       CASE WHEN s.i = 0 THEN c.budget_used ELSE 0 END,
       CASE WHEN c.budget_points IS NULL THEN NULL
            ELSE greatest(c.budget_points - c.budget_used, 0) / 16 + CASE WHEN s.i < greatest(c.budget_points - c.budget_used, 0) % 16 THEN 1 ELSE 0 END END
FROM campaigns c CROSS JOIN generate_series(0, 15) AS s(i);

-- (its CHECKs go with it; the slices' own CHECKs keep the budget)
ALTER TABLE campaigns DROP COLUMN budget_used;
