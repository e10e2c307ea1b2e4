-- Earning rules (seed 000 第四章 第一条款 积分获取方式): rules are data, versioned, and a
-- purchase is judged by the versions in force at its own time.

-- What a program earns on: the amount paid (after discounts, the default) or before them;
-- lines that never earn (gift cards, postage); caps on the points a purchase, or a member
-- in a local day / month / year, may receive.
ALTER TABLE programs
  ADD COLUMN earn_on text NOT NULL DEFAULT 'paid' CHECK (earn_on IN ('paid', 'before_discount')),
  ADD COLUMN earn_exclusions jsonb NOT NULL DEFAULT '{"categories": [], "skus": []}',
  ADD COLUMN earn_caps jsonb NOT NULL DEFAULT '{}';

-- One row per version. Editing a rule (or pausing it) closes the version in force
-- (effective_to) and opens the next, so a purchase reported late finds what applied then.
CREATE TABLE earning_rules (
  program_id      text NOT NULL REFERENCES programs(id),
  id              text NOT NULL,
  version         integer NOT NULL CHECK (version > 0),
  name            text NOT NULL,
  name_en         text,
  status          text NOT NULL CHECK (status IN ('active', 'paused', 'archived')),
  priority        integer NOT NULL,
  mode            text NOT NULL CHECK (mode IN ('exclusive', 'stackable')),
  valid_from      date,
  valid_to        date,
  conditions      jsonb NOT NULL,
  effect          jsonb NOT NULL,
  caps            jsonb NOT NULL DEFAULT '{}',
  campaign_id     text,
  effective_from  timestamptz NOT NULL,
  effective_to    timestamptz,
  actor           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id, version),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
  CHECK (effective_to IS NULL OR effective_from <= effective_to)
);
-- at most one open version per rule
CREATE UNIQUE INDEX earning_rules_open_idx ON earning_rules (program_id, id) WHERE effective_to IS NULL;

-- Points granted per member in a local period, in total ('*') and per rule: what the caps
-- count against. period is D2026-11-29, M2026-11 or Y2026 in the program's zone.
CREATE TABLE earn_counters (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  scope       text NOT NULL,
  period      text NOT NULL,
  points      bigint NOT NULL CHECK (points >= 0),
  PRIMARY KEY (program_id, member_id, scope, period)
);

-- Which rule, version and line each earned point came from, asked and granted: on the
-- earn entry (the statement shows it) and on the purchase (a purchase capped to 0 points
-- has no entry, and still says what it asked for).
ALTER TABLE ledger_entries ADD COLUMN breakdown jsonb;
ALTER TABLE purchases ADD COLUMN breakdown jsonb;

-- The member's ledger version: the rules path reads what it needs (counters, tier figure,
-- first purchase) without a lock, then writes only if no other earn for the member came
-- in between (optimistic: the write statement raises 40001 and the purchase is retried).
ALTER TABLE point_balances ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION patron_retry(ok boolean) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN IF NOT ok THEN RAISE EXCEPTION 'concurrent earn for the same member, retry' USING ERRCODE = '40001'; END IF; RETURN true; END $$;
