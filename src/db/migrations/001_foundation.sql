-- Foundation: programs, stores, API keys, members, the points ledger, idempotency, outbox.
-- Every program-scoped table carries program_id; member-scoped tables carry member_id in
-- their primary key so they can be distributed by (program_id, member_id) later (Citus).

CREATE TABLE programs (
  id                  text PRIMARY KEY,
  name                text NOT NULL,
  time_zone           text NOT NULL DEFAULT 'Asia/Shanghai',
  currency            text NOT NULL DEFAULT 'CNY',
  earn_points         integer NOT NULL DEFAULT 1 CHECK (earn_points >= 0),
  earn_per_fen        bigint NOT NULL DEFAULT 100 CHECK (earn_per_fen > 0),
  pending_days        integer NOT NULL DEFAULT 7 CHECK (pending_days >= 0),
  expiry_policy       text NOT NULL DEFAULT 'year_end_following'
                      CHECK (expiry_policy IN ('rolling_months', 'year_end_following', 'never')),
  expiry_months       integer CHECK (expiry_months > 0),
  expiry_notice_days  integer NOT NULL DEFAULT 30 CHECK (expiry_notice_days >= 0),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tiers (
  program_id     text NOT NULL REFERENCES programs(id),
  id             text NOT NULL,
  code           text NOT NULL,
  name           text NOT NULL,
  rank           integer NOT NULL,
  min_spend_fen  bigint NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, code),
  UNIQUE (program_id, rank)
);

CREATE TABLE stores (
  program_id  text NOT NULL REFERENCES programs(id),
  id          text NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  address     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, code)
);

-- Keys are random 256-bit secrets, so a SHA-256 digest is enough to store them safely.
CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  program_id  text REFERENCES programs(id),
  store_id    text,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('bootstrap', 'admin', 'pos')),
  key_hash    text NOT NULL UNIQUE,
  key_prefix  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  CHECK ((role = 'bootstrap') = (program_id IS NULL)),
  CHECK ((role = 'pos') = (store_id IS NOT NULL)),
  FOREIGN KEY (program_id, store_id) REFERENCES stores(program_id, id)
);

CREATE SEQUENCE member_no_seq START 10000001;

-- Phone and resident-ID number are stored encrypted (AES-256-GCM); phone_index is an
-- HMAC blind index so a member can be found (and kept unique) by phone.
CREATE TABLE members (
  program_id      text NOT NULL REFERENCES programs(id),
  id              text NOT NULL,
  member_no       text NOT NULL,
  phone_enc       text NOT NULL,
  phone_index     text NOT NULL,
  phone_last4     text NOT NULL,
  email           text,
  name            text,
  gender          text CHECK (gender IN ('male', 'female', 'unknown')),
  birthday        date,
  id_number_enc   text,
  tier_id         text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'terminated')),
  status_reason   text,
  enrolled_store_id text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, member_no),
  UNIQUE (program_id, phone_index)
);
CREATE INDEX members_name_idx ON members (program_id, name);

CREATE TABLE member_status_changes (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  id          bigserial,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  reason      text NOT NULL,
  actor       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id),
  FOREIGN KEY (program_id, member_id) REFERENCES members(program_id, id)
);

-- The stored balance: always equal to the sum of the member's open lots (available +
-- pending). Nothing on the hot path sums the history.
CREATE TABLE point_balances (
  program_id       text NOT NULL,
  member_id        text NOT NULL,
  available        bigint NOT NULL DEFAULT 0 CHECK (available >= 0),
  pending          bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
  lifetime_earned  bigint NOT NULL DEFAULT 0,
  spent            bigint NOT NULL DEFAULT 0,
  expired          bigint NOT NULL DEFAULT 0,
  reversed         bigint NOT NULL DEFAULT 0,
  -- earliest moment a pending lot matures; lets readers and writers skip the lot scan
  next_release_at  timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id),
  FOREIGN KEY (program_id, member_id) REFERENCES members(program_id, id)
);

CREATE TABLE purchases (
  program_id        text NOT NULL,
  member_id         text NOT NULL,
  id                text NOT NULL,
  store_id          text NOT NULL,
  receipt_no        text,
  amount_fen        bigint NOT NULL CHECK (amount_fen >= 0),
  returned_fen      bigint NOT NULL DEFAULT 0 CHECK (returned_fen >= 0 AND returned_fen <= amount_fen),
  lines             jsonb,
  occurred_at       timestamptz NOT NULL,
  points_earned     bigint NOT NULL CHECK (points_earned >= 0),
  points_reversed   bigint NOT NULL DEFAULT 0 CHECK (points_reversed >= 0 AND points_reversed <= points_earned),
  lot_id            text,
  idempotency_key   text NOT NULL,
  request_hash      text NOT NULL,
  actor             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id)
);
CREATE UNIQUE INDEX purchases_idem_idx ON purchases (program_id, idempotency_key);
CREATE UNIQUE INDEX purchases_id_idx ON purchases (program_id, id);

CREATE TABLE returns (
  program_id          text NOT NULL,
  member_id           text NOT NULL,
  id                  text NOT NULL,
  purchase_id         text NOT NULL,
  store_id            text,
  -- 0 is possible: one unit of a many-unit line can round to 0 fen (the rest carries it)
  amount_fen          bigint NOT NULL CHECK (amount_fen >= 0),
  lines               jsonb,
  points_reversed     bigint NOT NULL CHECK (points_reversed >= 0),
  points_unrecovered  bigint NOT NULL DEFAULT 0 CHECK (points_unrecovered >= 0),
  occurred_at         timestamptz NOT NULL,
  actor               text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id)
);

CREATE TABLE redemptions (
  program_id   text NOT NULL,
  member_id    text NOT NULL,
  id           text NOT NULL,
  points       bigint NOT NULL CHECK (points > 0),
  description  text,
  actor        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id)
);

-- A lot is one credit of points with its own maturity and expiry; spending, returns and
-- expiry draw lots down, so every point can be traced from issue to its end.
CREATE TABLE point_lots (
  program_id     text NOT NULL,
  member_id      text NOT NULL,
  id             text NOT NULL,
  source         text NOT NULL CHECK (source IN ('purchase', 'adjustment')),
  points         bigint NOT NULL CHECK (points > 0),
  remaining      bigint NOT NULL CHECK (remaining >= 0 AND remaining <= points),
  pending        boolean NOT NULL,
  available_at   timestamptz NOT NULL,
  expires_on     date,
  expires_at     timestamptz,
  purchase_id    text,
  notice_sent_at timestamptz,
  closed_reason  text CHECK (closed_reason IN ('spent', 'expired', 'reversed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, id)
);
-- open lots by expiry day: spending order and the balance's "expiring within 30 days"
CREATE INDEX point_lots_open_idx ON point_lots (program_id, member_id, expires_on) WHERE remaining > 0;
CREATE INDEX point_lots_expiry_idx ON point_lots (program_id, expires_on) WHERE remaining > 0 AND expires_on IS NOT NULL;
CREATE INDEX point_lots_pending_idx ON point_lots (program_id, available_at) WHERE pending;

-- Append-only. points > 0 with a direction; kind says which account the points moved
-- between: earn/adjust credit (issued → member), redeem/adjust debit (member → spent),
-- return (member → reversed), expire (member → expired).
CREATE TABLE ledger_entries (
  program_id     text NOT NULL,
  member_id      text NOT NULL,
  id             text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('earn', 'return', 'redeem', 'adjust', 'expire')),
  direction      text NOT NULL CHECK (direction IN ('credit', 'debit')),
  points         bigint NOT NULL CHECK (points > 0),
  reason_code    text,
  note           text,
  purchase_id    text,
  return_id      text,
  redemption_id  text,
  lot_id         text,
  store_id       text,
  actor          text,
  -- when the business event happened (a purchase's time at the till); created_at is the booking
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  -- millisecond precision so a statement cursor round-trips exactly through JS dates
  created_at     timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  PRIMARY KEY (program_id, member_id, id)
);
CREATE INDEX ledger_entries_statement_idx ON ledger_entries (program_id, member_id, created_at DESC, id DESC);

-- Which lots a debit drew from, and how much.
CREATE TABLE lot_draws (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  entry_id    text NOT NULL,
  lot_id      text NOT NULL,
  points      bigint NOT NULL CHECK (points > 0),
  PRIMARY KEY (program_id, member_id, entry_id, lot_id)
);

-- Retried writes: same key + same body gives the first answer; another body is a 409.
CREATE TABLE idempotency_keys (
  program_id      text NOT NULL,
  key             text NOT NULL,
  scope           text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer NOT NULL,
  response_body   jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, scope, key)
);

CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  program_id    text NOT NULL,
  topic         text NOT NULL,
  aggregate_id  text NOT NULL,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  text NOT NULL
);
