-- Coupons (issue 9): coupon types (templates), coupons with their codes, and batches of
-- unassigned codes. A coupon is used once: validate reserves it for a few minutes, consume
-- and release are guarded single UPDATEs, so concurrent tills cannot both use one code.

CREATE TABLE coupon_types (
  program_id     text NOT NULL REFERENCES programs(id),
  id             text NOT NULL,
  name           text NOT NULL,
  name_en        text,
  kind           text NOT NULL CHECK (kind IN ('amount', 'percent', 'gift')),
  amount_off_fen bigint CHECK (amount_off_fen > 0),
  percent_off    integer CHECK (percent_off BETWEEN 1 AND 100),
  max_off_fen    bigint CHECK (max_off_fen > 0),
  gift_sku       text,
  gift_name      text,
  min_spend_fen  bigint NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
  -- empty: every store of the program
  store_ids      text[] NOT NULL DEFAULT '{}',
  -- validity: fixed local days (inclusive) or a number of days from the issue
  valid_from     date,
  valid_until    date,
  valid_days     integer CHECK (valid_days > 0),
  -- how long a validation holds the coupon for its till
  hold_minutes   integer NOT NULL DEFAULT 5 CHECK (hold_minutes BETWEEN 1 AND 60),
  active         boolean NOT NULL DEFAULT true,
  actor          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK (kind <> 'amount' OR amount_off_fen IS NOT NULL),
  CHECK (kind <> 'percent' OR (percent_off IS NOT NULL AND max_off_fen IS NOT NULL)),
  CHECK (kind <> 'gift' OR gift_name IS NOT NULL),
  CHECK ((valid_days IS NOT NULL) <> (valid_until IS NOT NULL)),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until)
);

CREATE TABLE coupon_batches (
  program_id  text NOT NULL REFERENCES programs(id),
  id          text NOT NULL,
  type_id     text NOT NULL,
  quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  done        integer NOT NULL DEFAULT 0,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  error       text,
  actor       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, type_id) REFERENCES coupon_types (program_id, id)
);

CREATE TABLE coupons (
  program_id          text NOT NULL REFERENCES programs(id),
  id                  text NOT NULL,
  -- 13 characters of the 31-letter alphabet, stored without the dashes
  code                text NOT NULL CHECK (code ~ '^[2-9A-HJKMNP-Z]{13}$'),
  type_id             text NOT NULL,
  -- null: unassigned (a batch code, used by whoever holds it)
  member_id           text,
  status              text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'consumed', 'void')),
  source              text NOT NULL CHECK (source IN ('redemption', 'campaign', 'goodwill', 'batch', 'manual')),
  source_ref          text,
  reason              text,
  batch_id            text,
  issued_at           timestamptz NOT NULL DEFAULT now(),
  valid_from          timestamptz NOT NULL,
  valid_until         timestamptz NOT NULL,
  reserved_until      timestamptz,
  reservation_token   text,
  reserved_store_id   text,
  reserved_basket_fen bigint,
  consumed_at         timestamptz,
  consumed_store_id   text,
  purchase_ref        text,
  basket_fen          bigint,
  discount_fen        bigint,
  -- the consume's Idempotency-Key: a POS retry finds it and gets the same answer
  consume_key         text,
  actor               text,
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, type_id) REFERENCES coupon_types (program_id, id),
  CHECK (valid_from < valid_until),
  CHECK (status <> 'consumed' OR consumed_at IS NOT NULL)
);
-- the POS finds a coupon by its code: one index probe, and codes never repeat in a program
CREATE UNIQUE INDEX coupons_code ON coupons (program_id, code);
CREATE INDEX coupons_member ON coupons (program_id, member_id, issued_at) WHERE member_id IS NOT NULL;
CREATE INDEX coupons_batch ON coupons (program_id, batch_id) WHERE batch_id IS NOT NULL;

-- An award campaign may also issue a coupon of this type to each member it awards
-- (workflows/award-campaign.ts), besides its points.
ALTER TABLE campaigns ADD COLUMN coupon_type_id text;
