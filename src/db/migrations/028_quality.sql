-- Quality review of closed cases (issue 12, 质量监控; seed 002 §4.2 (3) 质量监控部门负责服务质量
--监控和改进): scorecards (versioned once a review uses one), samples of closed cases assigned to
-- reviewers, reviews (one per reviewer per case), and agents' disputes of their reviews.
-- Case facts (number, agent) are copied in when a review is made: the case is the cases module's.

CREATE TABLE quality_scorecards (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  -- versions of one scorecard share its family; only the newest is active
  family_id text NOT NULL,
  version integer NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- [{key, name_zh, name_en, weight, min, max, critical, pass_mark, na_allowed}]
  categories jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, family_id, version)
);

CREATE TABLE quality_samples (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('random', 'low_csat', 'breached_sla')),
  from_date date NOT NULL,
  to_date date NOT NULL,
  agent_id text,
  requested integer NOT NULL,
  scorecard_id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);

CREATE TABLE quality_assignments (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  sample_id text NOT NULL,
  case_id text NOT NULL,
  case_number text NOT NULL,
  agent_id text,
  reviewer_id text NOT NULL,
  review_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, sample_id, case_id, reviewer_id)
);
CREATE INDEX quality_assignments_reviewer_idx ON quality_assignments (program_id, reviewer_id) WHERE review_id IS NULL;

CREATE TABLE quality_reviews (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  case_id text NOT NULL,
  case_number text NOT NULL,
  case_closed_at timestamptz NOT NULL,
  agent_id text,
  reviewer_id text NOT NULL,
  scorecard_id text NOT NULL,
  -- [{key, value (null = N/A), comment}]
  answers jsonb NOT NULL,
  comment text NOT NULL DEFAULT '',
  -- 0..1; null when every category was N/A (not scorable)
  score double precision CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
  critical_failed boolean NOT NULL,
  reviewed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (program_id, id),
  -- one review per reviewer per case (two reviewers on one case = a calibration pair)
  UNIQUE (program_id, case_id, reviewer_id)
);
CREATE INDEX quality_reviews_agent_idx ON quality_reviews (program_id, agent_id, case_closed_at);

CREATE TABLE quality_disputes (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  review_id text NOT NULL,
  agent_id text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
  raised_at timestamptz NOT NULL,
  resolved_by text,
  resolved_at timestamptz,
  resolution text,
  score_before double precision,
  score_after double precision,
  PRIMARY KEY (program_id, id),
  -- a review is disputed once; the outcome is final
  UNIQUE (program_id, review_id)
);
