-- Tiers (会员等级, 晋升标准, 晋升流程) move from the programs module to their own: thresholds
-- to reach and to keep, benefits, a program's qualification policy, the qualifying figure
-- kept per member and local day (never the spendable balance), who was in which tier when,
-- manual floors, drop notices and table-change jobs.

-- Tier definitions: min_spend_fen becomes both thresholds (reach and keep).
ALTER TABLE tiers
  ADD COLUMN name_en text,
  ADD COLUMN reach_threshold bigint,
  ADD COLUMN keep_threshold bigint,
  ADD COLUMN benefits jsonb NOT NULL DEFAULT '{"earn_multiplier_pct": 100, "parking_hours": 0, "birthday_gift": null, "account_manager": false, "reserved_offers": []}',
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE tiers SET reach_threshold = min_spend_fen, keep_threshold = min_spend_fen;
ALTER TABLE tiers
  ALTER COLUMN reach_threshold SET NOT NULL,
  ALTER COLUMN keep_threshold SET NOT NULL,
  ADD CONSTRAINT tiers_thresholds_check CHECK (keep_threshold >= 0 AND keep_threshold <= reach_threshold),
  DROP COLUMN min_spend_fen;
-- A retired tier (taken out of the table) keeps its row for history; rank and code are
-- unique among the tiers in use.
ALTER TABLE tiers DROP CONSTRAINT tiers_program_id_rank_key;
ALTER TABLE tiers DROP CONSTRAINT tiers_program_id_code_key;
CREATE UNIQUE INDEX tiers_rank_idx ON tiers (program_id, rank) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX tiers_code_idx ON tiers (program_id, code) WHERE retired_at IS NULL;

-- How a program qualifies members; a program without a row has the defaults.
CREATE TABLE tier_policies (
  program_id     text PRIMARY KEY REFERENCES programs(id),
  basis          text NOT NULL DEFAULT 'spend' CHECK (basis IN ('spend', 'points', 'visits')),
  window_kind    text NOT NULL DEFAULT 'rolling_months' CHECK (window_kind IN ('rolling_months', 'calendar_year', 'membership_year')),
  window_months  integer NOT NULL DEFAULT 12 CHECK (window_months BETWEEN 1 AND 120),
  downgrade      text NOT NULL DEFAULT 'one_down' CHECK (downgrade IN ('one_down', 'to_supported')),
  grace_days     integer NOT NULL DEFAULT 30 CHECK (grace_days BETWEEN 0 AND 3650),
  warn_days      integer NOT NULL DEFAULT 30 CHECK (warn_days BETWEEN 0 AND 3650),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The qualifying figure, per member and local day (program time zone): a purchase adds
-- its spend, its points and one visit for the day; a return takes spend and points back
-- from the purchase's own day. A window's figure is a sum of these, never the balance.
CREATE TABLE tier_qualifying_days (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  day         date NOT NULL,
  spend_fen   bigint NOT NULL DEFAULT 0 CHECK (spend_fen >= 0),
  points      bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
  visits      integer NOT NULL DEFAULT 0 CHECK (visits IN (0, 1)),
  PRIMARY KEY (program_id, member_id, day)
);
INSERT INTO tier_qualifying_days (program_id, member_id, day, spend_fen, points, visits)
SELECT p.program_id, p.member_id, (p.occurred_at AT TIME ZONE g.time_zone)::date,
       sum(p.amount_fen - p.returned_fen), sum(p.points_earned - p.points_reversed), 1
FROM purchases p JOIN programs g ON g.id = p.program_id
GROUP BY p.program_id, p.member_id, (p.occurred_at AT TIME ZONE g.time_zone)::date;

-- Who was in which tier when. One open period (ended_at null) per member at most.
CREATE TABLE tier_periods (
  program_id    text NOT NULL,
  member_id     text NOT NULL,
  id            text NOT NULL,
  tier_id       text NOT NULL,
  from_tier_id  text,
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  source        text NOT NULL CHECK (source IN ('enrol', 'purchase', 'evaluation', 'manual', 'floor_end', 'table_change', 'import')),
  reason        text,
  actor         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id)
);
CREATE UNIQUE INDEX tier_periods_open_idx ON tier_periods (program_id, member_id) WHERE ended_at IS NULL;
INSERT INTO tier_periods (program_id, member_id, id, tier_id, started_at, source, reason)
SELECT m.program_id, m.id, 'tpe_' || upper(substr(md5(m.program_id || m.id), 1, 26)), m.tier_id, m.created_at, 'import', 'migration 006'
FROM members m WHERE m.tier_id IS NOT NULL;

-- Manual assignments: a floor the member's tier does not drop below until it ends.
CREATE TABLE tier_floors (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  id          text NOT NULL,
  tier_id     text NOT NULL,
  reason      text NOT NULL,
  ends_on     date,
  actor       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  end_reason  text,
  PRIMARY KEY (program_id, member_id, id)
);
CREATE UNIQUE INDEX tier_floors_open_idx ON tier_floors (program_id, member_id) WHERE ended_at IS NULL;

-- member.tier_will_drop is sent once per member and drop date.
CREATE TABLE tier_notices (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  drops_on    date NOT NULL,
  tier_id     text NOT NULL,
  sent_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, drops_on)
);

-- Jobs that move members after a tier-table change, with their progress.
CREATE TABLE tier_jobs (
  program_id   text NOT NULL REFERENCES programs(id),
  id           text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('apply_table', 'evaluate')),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  done         integer NOT NULL DEFAULT 0,
  summary      jsonb NOT NULL DEFAULT '{}',
  error        text,
  actor        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (program_id, id)
);
