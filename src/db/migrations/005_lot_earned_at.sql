-- When a lot's points were earned: a purchase's own time (a POS may report it days late,
-- an import years late), or the moment of an adjustment. The console's lot table showed
-- created_at, the time the row was written, which for an imported purchase is the import.
--
-- One pass over point_lots, while the ALTER's lock is held: on a large ledger, run it in a
-- quiet hour (earning waits for it).
ALTER TABLE point_lots ADD COLUMN earned_at timestamptz;
UPDATE point_lots l SET earned_at = coalesce(
  (SELECT p.occurred_at FROM purchases p WHERE p.program_id = l.program_id AND p.id = l.purchase_id),
  l.created_at);
ALTER TABLE point_lots ALTER COLUMN earned_at SET DEFAULT now(), ALTER COLUMN earned_at SET NOT NULL;
