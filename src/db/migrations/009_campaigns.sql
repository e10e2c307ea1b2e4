-- Campaigns (会员专享优惠) and care (客户关怀): dated campaigns targeted at a segment (or
-- everyone), switching on earning rules or awarding points once to every member of the
-- target, within a points budget and a per-member limit, with a random holdout group that
-- gets nothing; and birthday greetings, once per member and year.

CREATE TABLE campaigns (
  program_id        text NOT NULL REFERENCES programs(id),
  id                text NOT NULL,
  name              text NOT NULL,
  name_en           text,
  description       text,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  -- null: every member of the program
  segment_id        text,
  kind              text NOT NULL CHECK (kind IN ('rules', 'award')),
  award_points      bigint CHECK (award_points > 0),
  -- null: no budget
  budget_points     bigint CHECK (budget_points >= 0),
  budget_used       bigint NOT NULL DEFAULT 0 CHECK (budget_used >= 0),
  per_member_limit  bigint CHECK (per_member_limit > 0),
  -- who is held out: hash(holdout_salt || member_id) mod 10000 < holdout_pct * 100. The
  -- salt is drawn once at creation and the share is fixed once the campaign is active, so
  -- a member's side never changes.
  holdout_pct       integer NOT NULL DEFAULT 0 CHECK (holdout_pct BETWEEN 0 AND 50),
  holdout_salt      text NOT NULL,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'ended', 'cancelled')),
  actor             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK (starts_at < ends_at),
  -- the budget is never exceeded: every spend is a guarded UPDATE, and this is the backstop
  CHECK (budget_points IS NULL OR budget_used <= budget_points),
  CHECK (kind <> 'award' OR award_points IS NOT NULL)
);

-- Points each member received from a campaign (rules and award): the per-member limit.
CREATE TABLE campaign_member_points (
  program_id   text NOT NULL,
  member_id    text NOT NULL,
  campaign_id  text NOT NULL,
  points       bigint NOT NULL CHECK (points >= 0),
  PRIMARY KEY (program_id, member_id, campaign_id)
);

-- The one-off award: one row per member who received it, so a second run (or two
-- overlapping runs) cannot award anyone twice.
CREATE TABLE campaign_awards (
  program_id   text NOT NULL,
  campaign_id  text NOT NULL,
  member_id    text NOT NULL,
  points       bigint NOT NULL CHECK (points > 0),
  entry_id     text,
  job_id       text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, campaign_id, member_id)
);

-- An award run's progress.
CREATE TABLE campaign_award_jobs (
  program_id   text NOT NULL,
  id           text NOT NULL,
  campaign_id  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  done         integer NOT NULL DEFAULT 0,
  awarded      integer NOT NULL DEFAULT 0,
  skipped      integer NOT NULL DEFAULT 0,
  points       bigint NOT NULL DEFAULT 0,
  stop_reason  text,
  error        text,
  actor        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);
CREATE INDEX campaign_award_jobs_campaign_idx ON campaign_award_jobs (program_id, campaign_id, created_at);

-- Birthday greetings sent (member.birthday events): once per member and year.
CREATE TABLE birthday_greetings (
  program_id   text NOT NULL,
  member_id    text NOT NULL,
  year         integer NOT NULL,
  sent_on      date NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, year)
);

-- Consent to marketing (the members module's column): when the member gave it; null =
-- none. The segments migration (008) adds it too; whichever runs first makes it.
ALTER TABLE members ADD COLUMN IF NOT EXISTS marketing_consent_at timestamptz;
