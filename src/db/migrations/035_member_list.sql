-- The member list (GET …/members without a search: the console's 会员 page) shows a program's
-- members newest enrolled first and pages by (created_at, id). Without this index every page
-- sorted all the program's members (100,000 rows in the bench) to answer 20; with it a page is
-- a range scan from the cursor. created_at never changes after enrolment, so the index does
-- not stop the frequent updates of a member row (tier, updated_at) from being HOT.
CREATE INDEX members_enrolled_idx ON members (program_id, created_at DESC, id DESC);
-- Filtering to a rare status (已冻结, terminated: a few in a thousand) would walk the index above
-- past every active member; a partial index of the members not active keeps that page a short
-- range scan too, and stays small (only they are in it; a status changes rarely).
CREATE INDEX members_status_enrolled_idx ON members (program_id, status, created_at DESC, id DESC) WHERE status <> 'active';
