-- Paid VIP membership (VIP客户服务费用; seed 002 §1.3 individual and corporate customers, §8):
-- plans with a fee, a term and benefits (a tier floor, an earn multiplier, an account
-- manager); memberships started and renewed by payments that staff record; early ends
-- with a pro rata refund; expiry notices once per term.

CREATE TABLE membership_plans (
  program_id           text NOT NULL REFERENCES programs(id),
  id                   text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('individual', 'corporate')),
  name                 text NOT NULL,
  name_en              text,
  -- individual: the annual fee; corporate: a list price, the fee is negotiated per membership
  annual_fee_fen       bigint CHECK (annual_fee_fen >= 0),
  term_months          integer NOT NULL DEFAULT 12 CHECK (term_months BETWEEN 1 AND 60),
  -- corporate: how many named members one membership may have
  max_seats            integer NOT NULL DEFAULT 1 CHECK (max_seats BETWEEN 1 AND 1000),
  tier_id              text,
  earn_multiplier_pct  integer NOT NULL DEFAULT 100 CHECK (earn_multiplier_pct BETWEEN 100 AND 1000),
  account_manager      boolean NOT NULL DEFAULT false,
  refund_policy        text NOT NULL CHECK (refund_policy IN ('pro_rata', 'none')),
  active               boolean NOT NULL DEFAULT true,
  actor                text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK (kind = 'corporate' OR (annual_fee_fen IS NOT NULL AND max_seats = 1))
);

CREATE TABLE memberships (
  program_id       text NOT NULL REFERENCES programs(id),
  id               text NOT NULL,
  plan_id          text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('individual', 'corporate')),
  -- corporate: the company and its contact person
  company_name     text,
  contact_name     text,
  contact_phone    text,
  -- the fee of one term (the plan's annual fee, or the negotiated corporate fee)
  fee_fen          bigint NOT NULL CHECK (fee_fen >= 0),
  account_manager  text,
  -- first and last day paid for (inclusive, program time zone)
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'ended')),
  -- an early end: when it took effect
  ended_at         timestamptz,
  actor            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK (starts_on <= ends_on + 1)
);
CREATE INDEX memberships_ends_idx ON memberships (program_id, status, ends_on);

-- Who has the benefits of a membership, from when to when (an individual: the holder; a
-- corporate membership: its named members). A member holds one seat at a time.
CREATE TABLE membership_seats (
  program_id     text NOT NULL,
  member_id      text NOT NULL,
  id             text NOT NULL,
  membership_id  text NOT NULL,
  added_at       timestamptz NOT NULL,
  removed_at     timestamptz,
  removed_reason text,
  -- the tier floor this seat put in place (null: the plan has none, or a higher floor was kept)
  floor_id       text,
  PRIMARY KEY (program_id, member_id, id)
);
CREATE UNIQUE INDEX membership_seats_open_idx ON membership_seats (program_id, member_id) WHERE removed_at IS NULL;
CREATE INDEX membership_seats_membership_idx ON membership_seats (program_id, membership_id);

-- Payments recorded by staff; each pays one term, covers_from..covers_to (inclusive).
CREATE TABLE membership_payments (
  program_id     text NOT NULL,
  id             text NOT NULL,
  membership_id  text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('start', 'renewal')),
  method         text NOT NULL CHECK (method IN ('bank_transfer', 'cash', 'other')),
  amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
  paid_on        date NOT NULL,
  receipt_no     text NOT NULL,
  covers_from    date NOT NULL,
  covers_to      date NOT NULL,
  note           text,
  actor          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK (covers_from <= covers_to)
);
CREATE UNIQUE INDEX membership_payments_receipt_idx ON membership_payments (program_id, receipt_no);
CREATE INDEX membership_payments_membership_idx ON membership_payments (program_id, membership_id, covers_to);

-- An early end's refund: the figures it was computed from are kept with it.
CREATE TABLE membership_refunds (
  program_id      text NOT NULL,
  id              text NOT NULL,
  membership_id   text NOT NULL,
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0),
  method          text NOT NULL CHECK (method IN ('bank_transfer', 'cash', 'other')),
  reference       text,
  ended_on        date NOT NULL,
  remaining_days  integer NOT NULL,
  term_days       integer NOT NULL,
  fee_fen         bigint NOT NULL,
  actor           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);
CREATE UNIQUE INDEX membership_refunds_one_idx ON membership_refunds (program_id, membership_id);

-- membership.expiring sent: once per membership, term end and lead (30 or 7 days).
CREATE TABLE membership_notices (
  program_id     text NOT NULL,
  membership_id  text NOT NULL,
  ends_on        date NOT NULL,
  days           integer NOT NULL,
  sent_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, membership_id, ends_on, days)
);
