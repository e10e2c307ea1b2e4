-- Members' and staff's suggestions (issue 12: 客户反馈与建议, 建议采纳与奖励; seed 000 names
-- slow feedback handling as the second problem to solve). Statuses new → under_review →
-- adopted / declined / duplicate (merged into another, its supporters carried over).

-- The program's own list of categories, managed in the console.
CREATE TABLE suggestion_categories (
  program_id  text NOT NULL REFERENCES programs(id),
  id          text NOT NULL,
  name        text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, name)
);

CREATE TABLE suggestions (
  program_id      text NOT NULL REFERENCES programs(id),
  id              text NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  category_id     text NOT NULL,
  store_id        text,
  -- how it reached us: a member's channel (as the service desk records them), or staff's own
  channel         text NOT NULL CHECK (channel IN ('phone', 'sms', 'email', 'portal', 'wechat', 'store', 'staff')),
  -- the author: a member, or a staff account (staff suggestions earn no points)
  member_id       text,
  staff_id        text,
  recorded_by     text NOT NULL,
  status          text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'under_review', 'adopted', 'declined', 'duplicate')),
  -- kept in the same transaction as the supporters' rows: exact under concurrent support
  support_count   integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
  merged_into     text,
  decline_reason  text,
  decision_note   text,
  reward_points   integer,
  submitted_at    timestamptz NOT NULL,
  review_started_at timestamptz,
  decided_at      timestamptz,
  decided_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, category_id) REFERENCES suggestion_categories (program_id, id),
  FOREIGN KEY (program_id, merged_into) REFERENCES suggestions (program_id, id),
  CHECK ((member_id IS NULL) <> (staff_id IS NULL)),
  CHECK ((status = 'duplicate') = (merged_into IS NOT NULL)),
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX suggestions_board ON suggestions (program_id, status, submitted_at DESC);
CREATE INDEX suggestions_member ON suggestions (program_id, member_id) WHERE member_id IS NOT NULL;

-- One row per member and suggestion: a member supports a suggestion once. `via` says how
-- the support came: given, carried over from a merged duplicate, or as that duplicate's author.
CREATE TABLE suggestion_supporters (
  program_id     text NOT NULL,
  suggestion_id  text NOT NULL,
  member_id      text NOT NULL,
  via            text NOT NULL DEFAULT 'support' CHECK (via IN ('support', 'merged', 'merged_author')),
  supported_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, suggestion_id, member_id),
  FOREIGN KEY (program_id, suggestion_id) REFERENCES suggestions (program_id, id)
);
CREATE INDEX suggestion_supporters_member ON suggestion_supporters (program_id, member_id);

-- The suggestion's history, append-only: each transition with who and a note.
CREATE TABLE suggestion_history (
  program_id     text NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  suggestion_id  text NOT NULL,
  kind           text NOT NULL,
  actor          text NOT NULL,
  at             timestamptz NOT NULL,
  detail         jsonb,
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, suggestion_id) REFERENCES suggestions (program_id, id)
);
CREATE INDEX suggestion_history_of ON suggestion_history (program_id, suggestion_id, id);
