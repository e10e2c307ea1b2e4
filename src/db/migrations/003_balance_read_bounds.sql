-- The balance read runs its lot look-ups only when they can find something, and then
-- only within the member's own lots, whatever the statistics or a generic plan say. No
-- index lets a query scan lots program-wide any more: the jobs find members through the
-- balance rows (next_release_at, next_expiry_on), then use the member's own lots.

-- A lower bound on the member's open lots' expiry days (never later than the earliest).
-- Credits lower it; spending may leave it early, which only costs the reader one look.
ALTER TABLE point_balances ADD COLUMN next_expiry_on date;
UPDATE point_balances b SET next_expiry_on = (
  SELECT min(expires_on) FROM point_lots l
  WHERE l.program_id = b.program_id AND l.member_id = b.member_id AND l.remaining > 0);

-- Pending lots are found per member (a write's release, the balance read's "due"); the
-- release job finds members by point_balances.next_release_at, never lots program-wide.
DROP INDEX point_lots_pending_idx;
CREATE INDEX point_lots_pending_idx ON point_lots (program_id, member_id, available_at) WHERE pending;

-- The expiry job finds members by next_expiry_on now; one index fewer on every purchase.
DROP INDEX point_lots_expiry_idx;
