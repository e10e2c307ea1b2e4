-- Surveys (issue 12): CSAT after a case closes, NPS to a sample of members on a schedule,
-- custom satisfaction surveys (客户满意度调查, seed 000 ch. 7; 002 §4). A survey's questions are
-- frozen once it has an answer (the service refuses an edit); an invitation is a single-use
-- link of which only the token's hash is kept; an answer snapshots what it is broken down by
-- (store, agent, tier), so results need no other module's tables.

CREATE TABLE surveys (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('csat', 'nps', 'custom')),
  title text NOT NULL,
  intro text NOT NULL DEFAULT '',
  questions jsonb NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'closed')),
  -- how long a link stays open
  link_days integer NOT NULL DEFAULT 14 CHECK (link_days BETWEEN 1 AND 90),
  -- NPS: members per round, days between rounds, and no member invited again within recontact_days
  sample_size integer CHECK (sample_size BETWEEN 1 AND 100000),
  every_days integer CHECK (every_days BETWEEN 1 AND 366),
  recontact_days integer CHECK (recontact_days BETWEEN 0 AND 3660),
  last_round_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);
-- a case's CSAT goes to the program's one active CSAT survey
CREATE UNIQUE INDEX surveys_one_csat ON surveys (program_id) WHERE kind = 'csat' AND status = 'active';

CREATE TABLE survey_invitations (
  program_id text NOT NULL,
  id text NOT NULL,
  survey_id text NOT NULL,
  kind text NOT NULL,
  member_id text NOT NULL,
  -- what one answer is per member: 'case:<id>' (CSAT), 'round:<date>' (NPS), 'once' (custom)
  occasion text NOT NULL,
  -- sha256 of the link's token; null for an invitation not sent (no consent, inactive member)
  token_hash text UNIQUE,
  status text NOT NULL CHECK (status IN ('sent', 'answered', 'skipped')),
  reason text,
  -- what it is linked to: opaque references (a case of the cases module, a campaign, a store, the agent)
  case_id text,
  case_number text,
  campaign_id text,
  store_id text,
  agent_staff_id text,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, survey_id) REFERENCES surveys(program_id, id),
  UNIQUE (program_id, survey_id, member_id, occasion)
);
-- a closed case is surveyed at most once, whichever way it is asked twice
CREATE UNIQUE INDEX survey_invitations_case ON survey_invitations (program_id, case_id) WHERE case_id IS NOT NULL;
CREATE INDEX survey_invitations_member ON survey_invitations (program_id, member_id, created_at DESC);
CREATE INDEX survey_invitations_recontact ON survey_invitations (program_id, kind, created_at);

CREATE TABLE survey_answers (
  program_id text NOT NULL,
  id text NOT NULL,
  survey_id text NOT NULL,
  invitation_id text NOT NULL,
  member_id text NOT NULL,
  occasion text NOT NULL,
  -- the headline score: CSAT 1–5, NPS 0–10, custom: its first rating question (null without one)
  score integer,
  comment text,
  -- every question's answer by question id
  answers jsonb NOT NULL,
  store_id text,
  agent_staff_id text,
  case_id text,
  tier_id text,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, survey_id) REFERENCES surveys(program_id, id),
  UNIQUE (program_id, invitation_id),
  UNIQUE (program_id, survey_id, member_id, occasion)
);
CREATE INDEX survey_answers_results ON survey_answers (program_id, survey_id, answered_at);
CREATE INDEX survey_answers_member ON survey_answers (program_id, member_id);
