-- Segments: member groups defined by conditions (tier, spend and visits in a window, days
-- since the last purchase, enrolment date, birthday month, store, status, consent to
-- marketing, RFM quintiles), kept materialised by a job with their membership history.

-- Consent to marketing (the members module's column): when the member gave it; null = none.
ALTER TABLE members ADD COLUMN IF NOT EXISTS marketing_consent_at timestamptz;

CREATE TABLE segments (
  program_id    text NOT NULL REFERENCES programs(id),
  id            text NOT NULL,
  name          text NOT NULL,
  name_en       text,
  description   text,
  conditions    jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  -- members in it at refreshed_at (null until the first refresh)
  size          integer CHECK (size >= 0),
  refreshed_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);

-- Who was in which segment when: a row per stay, closed (left_at) when the member leaves,
-- so a purchase reported late is judged by the segments its member was in at its time.
CREATE TABLE segment_members (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  segment_id  text NOT NULL,
  joined_at   timestamptz NOT NULL,
  left_at     timestamptz,
  PRIMARY KEY (program_id, member_id, segment_id, joined_at),
  CHECK (left_at IS NULL OR left_at >= joined_at),
  FOREIGN KEY (program_id, segment_id) REFERENCES segments(program_id, id),
  FOREIGN KEY (program_id, member_id) REFERENCES members(program_id, id)
);
-- one open stay per member and segment; the segment's current members (size, sample, diff)
CREATE UNIQUE INDEX segment_members_open_idx ON segment_members (program_id, segment_id, member_id) WHERE left_at IS NULL;

-- Per-member purchase figures the conditions read, recomputed by the segments job: windows
-- of 30/90/180/365 days back from refreshed_at, net of returns; visits are distinct local
-- days with a purchase. r/f/m are quintiles (1..5, 5 best) among the program's members
-- with a purchase in the last 365 days, null for the others.
CREATE TABLE segment_member_stats (
  program_id        text NOT NULL,
  member_id         text NOT NULL,
  last_purchase_at  timestamptz,
  spend_fen_30d     bigint NOT NULL DEFAULT 0,
  spend_fen_90d     bigint NOT NULL DEFAULT 0,
  spend_fen_180d    bigint NOT NULL DEFAULT 0,
  spend_fen_365d    bigint NOT NULL DEFAULT 0,
  visits_30d        integer NOT NULL DEFAULT 0,
  visits_90d        integer NOT NULL DEFAULT 0,
  visits_180d       integer NOT NULL DEFAULT 0,
  visits_365d       integer NOT NULL DEFAULT 0,
  r_score           smallint CHECK (r_score BETWEEN 1 AND 5),
  f_score           smallint CHECK (f_score BETWEEN 1 AND 5),
  m_score           smallint CHECK (m_score BETWEEN 1 AND 5),
  refreshed_at      timestamptz NOT NULL,
  PRIMARY KEY (program_id, member_id),
  FOREIGN KEY (program_id, member_id) REFERENCES members(program_id, id)
);
