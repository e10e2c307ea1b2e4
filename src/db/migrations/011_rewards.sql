-- Rewards catalogue (积分兑换规则, seed 000 §2.1.3 and §4.3): items members redeem for points
-- (or points plus cash), with stock, per-member and per-period limits, tiers, validity and
-- stores; redemptions created → fulfilled (pickup code or shipping note) or cancelled.

CREATE TABLE rewards (
  program_id        text NOT NULL REFERENCES programs(id),
  id                text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('goods', 'coupon', 'parking', 'service', 'partner')),
  name              text NOT NULL,
  name_en           text,
  description       text,
  description_en    text,
  points            bigint NOT NULL CHECK (points > 0),
  cash_fen          bigint NOT NULL DEFAULT 0 CHECK (cash_fen >= 0),
  -- what is left to redeem; null: unlimited. Every redemption takes one by a guarded
  -- UPDATE (stock >= 1), and this CHECK is the backstop.
  stock             bigint CHECK (stock >= 0),
  redeemed          bigint NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
  per_member_limit  integer CHECK (per_member_limit > 0),
  period_limit      integer CHECK (period_limit > 0),
  limit_period      text CHECK (limit_period IN ('day', 'month', 'year')),
  -- empty: every tier / every store
  tier_ids          text[] NOT NULL DEFAULT '{}',
  store_ids         text[] NOT NULL DEFAULT '{}',
  -- local dates of the program, both inclusive; null: open-ended
  valid_from        date,
  valid_to          date,
  parking_hours     integer CHECK (parking_hours > 0),
  coupon_type_id    text,
  active            boolean NOT NULL DEFAULT true,
  image_etag        text,
  actor             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK ((period_limit IS NULL) = (limit_period IS NULL)),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);

-- Images apart from the items, so a list never reads their bytes.
CREATE TABLE reward_images (
  program_id    text NOT NULL,
  reward_id     text NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes         bytea NOT NULL CHECK (octet_length(bytes) <= 1048576),
  etag          text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, reward_id),
  FOREIGN KEY (program_id, reward_id) REFERENCES rewards(program_id, id) ON DELETE CASCADE
);

-- How many of an item a member holds (not cancelled): period '' is the lifetime count,
-- else the local day, month or year ('2026-11-29', '2026-11', '2026'). A redemption
-- raises a row by a guarded upsert (… WHERE used < limit), so a limit holds under
-- concurrency; a cancellation lowers it again.
CREATE TABLE reward_counters (
  program_id  text NOT NULL,
  reward_id   text NOT NULL,
  member_id   text NOT NULL,
  period      text NOT NULL,
  used        integer NOT NULL CHECK (used >= 0),
  PRIMARY KEY (program_id, reward_id, member_id, period)
);

CREATE TABLE reward_redemptions (
  program_id       text NOT NULL,
  id               text NOT NULL,
  reward_id        text NOT NULL,
  member_id        text NOT NULL,
  status           text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'fulfilled', 'cancelled')),
  points           bigint NOT NULL CHECK (points > 0),
  cash_fen         bigint NOT NULL DEFAULT 0 CHECK (cash_fen >= 0),
  payment_ref      text,
  store_id         text,
  delivery         text NOT NULL CHECK (delivery IN ('pickup', 'shipping')),
  pickup_code      text,
  tracking_note    text,
  period           text,
  entry_id         text NOT NULL,
  coupon_ref       text,
  cancel_reason    text,
  points_restored  bigint,
  points_fresh     bigint,
  points_forfeited bigint,
  actor            text,
  fulfilled_by     text,
  cancelled_by     text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  fulfilled_at     timestamptz,
  cancelled_at     timestamptz,
  PRIMARY KEY (program_id, id),
  CHECK (cash_fen = 0 OR payment_ref IS NOT NULL)
);
CREATE INDEX reward_redemptions_queue_idx ON reward_redemptions (program_id, status, created_at DESC);
CREATE INDEX reward_redemptions_member_idx ON reward_redemptions (program_id, member_id, created_at DESC);

-- What happens to points of a cancelled redemption whose lots expired meanwhile.
CREATE TABLE reward_settings (
  program_id      text PRIMARY KEY REFERENCES programs(id),
  expired_points  text NOT NULL DEFAULT 'fresh_lot' CHECK (expired_points IN ('fresh_lot', 'forfeit')),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The points ledger's side: which lots a credit gave points back to (a cancelled
-- redemption returning points to the lots it drew). The mirror of lot_draws, so per lot
-- points − remaining = drawn − restored.
CREATE TABLE lot_restores (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  entry_id    text NOT NULL,
  lot_id      text NOT NULL,
  points      bigint NOT NULL CHECK (points > 0),
  PRIMARY KEY (program_id, member_id, entry_id, lot_id)
);
