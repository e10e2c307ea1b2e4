-- The balance read runs its lot look-ups only when they can find something, and then
-- only within the member's own lots. No index lets a query scan lots program-wide any
-- more: the jobs find members through the balance rows (next_release_at,
-- next_expiry_on), then use the member's own lots.
--
-- Upgrading: stop servers of the previous version before this runs. They do not keep
-- next_expiry_on, so a lot they wrote afterwards would be missed by the expiry job.

-- A lower bound on the member's open lots' expiry days (never later than the earliest).
-- Credits lower it; spending may leave it early, which only costs the reader one look.
ALTER TABLE point_balances ADD COLUMN next_expiry_on date;
UPDATE point_balances b SET next_expiry_on = (
  SELECT min(expires_on) FROM point_lots l
  WHERE l.program_id = b.program_id AND l.member_id = b.member_id AND l.remaining > 0)
WHERE EXISTS (SELECT 1 FROM point_lots l
  WHERE l.program_id = b.program_id AND l.member_id = b.member_id AND l.remaining > 0 AND l.expires_on IS NOT NULL);
-- The expiry job and the notices start here. A purchase rarely changes the value (a new
-- lot seldom expires before the member's earliest), so most balance updates stay HOT; a
-- member's first lot and the expiry job's refresh are the exceptions.
CREATE INDEX point_balances_expiry_idx ON point_balances (program_id, next_expiry_on) WHERE next_expiry_on IS NOT NULL;

-- Pending lots are found per member (a write's release, the balance read's "due"); the
-- release job finds members by point_balances.next_release_at, never lots program-wide.
DROP INDEX point_lots_pending_idx;
CREATE INDEX point_lots_pending_idx ON point_lots (program_id, member_id, available_at) WHERE pending;

-- The expiry job finds members by next_expiry_on now; one index fewer on every purchase.
DROP INDEX point_lots_expiry_idx;

-- Spending order is (expires_on, id) among a member's open lots: with id in the index a
-- redemption reads the lots it spends, not every open lot the member holds.
DROP INDEX point_lots_open_idx;
CREATE INDEX point_lots_open_idx ON point_lots (program_id, member_id, expires_on, id) WHERE remaining > 0;

-- the planner should know the new column at once, not after autovacuum's next visit
ANALYZE point_balances;
