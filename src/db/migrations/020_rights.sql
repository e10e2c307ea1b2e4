-- Data-rights requests and retention (PIPL 第四十五条 查阅复制, 第四十六条 更正, 第四十七条 删除;
-- mission §3 会员隐私保护; seed 003 §5.2 定期清理过时信息).

-- The one change to the members table: when the member's personal data was erased (a
-- deletion request, or the retention period after termination). The row stays, so the
-- ledger, purchases and campaign totals keep their member; its personal fields are gone.
ALTER TABLE members ADD COLUMN erased_at timestamptz;

-- Per program: the deadline in working days (15 by default) and the retention periods,
-- kind → { n, unit }; a kind left out takes the default (rights/retention.ts).
CREATE TABLE rights_settings (
  program_id             text PRIMARY KEY REFERENCES programs(id),
  deadline_working_days  integer NOT NULL DEFAULT 15 CHECK (deadline_working_days BETWEEN 1 AND 60),
  retention              jsonb NOT NULL DEFAULT '{}',
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- One request by or for a member. A refusal names one reason of a fixed list and says why
-- in words; the export of a copy is made again at each download (the copy is always the
-- data as it is now) until export_until, so no second copy of the member's data is kept.
CREATE TABLE rights_requests (
  program_id      text NOT NULL REFERENCES programs(id),
  member_id       text NOT NULL,
  id              text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('copy', 'correction', 'deletion')),
  status          text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'completed', 'refused')),
  channel         text NOT NULL CHECK (channel IN ('counter', 'phone', 'email', 'letter', 'portal', 'other')),
  received_at     timestamptz NOT NULL,
  due_on          date NOT NULL,
  requested_by    text NOT NULL,
  note            text,
  -- correction: the fields to correct and their new values
  details         jsonb,
  refusal_reason  text CHECK (refusal_reason IN ('identity_not_verified', 'legal_retention', 'manifestly_unfounded', 'excessive', 'other')),
  refusal_text    text,
  started_at      timestamptz,
  completed_at    timestamptz,
  handled_by      text,
  -- what was done: rows exported per kind, fields corrected, what was erased and what stays
  result          jsonb,
  export_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id),
  FOREIGN KEY (program_id, member_id) REFERENCES members(program_id, id),
  CHECK (status <> 'refused' OR (refusal_reason IS NOT NULL AND refusal_text IS NOT NULL))
);
CREATE UNIQUE INDEX rights_requests_id_idx ON rights_requests (program_id, id);
CREATE INDEX rights_requests_open_idx ON rights_requests (program_id, status, due_on);

-- Each retention run, per program: as of which day, dry or not, and what it did per kind.
CREATE TABLE retention_runs (
  program_id   text NOT NULL REFERENCES programs(id),
  id           text NOT NULL,
  as_of        date NOT NULL,
  dry_run      boolean NOT NULL,
  counts       jsonb NOT NULL,
  actor        text NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz NOT NULL,
  PRIMARY KEY (program_id, id)
);
