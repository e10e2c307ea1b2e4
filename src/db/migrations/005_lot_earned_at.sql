-- When a lot's points were earned: a purchase's own time (a POS may report it days late,
-- an import years late), or the moment of an adjustment. The console's lot table showed
-- created_at, the time the row was written, which for an imported purchase is the import.
ALTER TABLE point_lots ADD COLUMN earned_at timestamptz;
UPDATE point_lots l SET earned_at = p.occurred_at
  FROM purchases p
  WHERE l.purchase_id IS NOT NULL AND p.program_id = l.program_id AND p.member_id = l.member_id AND p.id = l.purchase_id;
UPDATE point_lots SET earned_at = created_at WHERE earned_at IS NULL;
ALTER TABLE point_lots ALTER COLUMN earned_at SET DEFAULT now(), ALTER COLUMN earned_at SET NOT NULL;
