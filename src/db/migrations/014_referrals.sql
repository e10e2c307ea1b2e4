-- Referrals (issue 9 "Referral"; seed 000 第四章 第一条款 积分获取方式: 推荐新会员): each member's
-- code, the link from a friend to the member who referred them, the fraud signals the
-- self-referral checks compare, and the program's referral settings.

-- A member's code: made when first asked for (a member who never saw their code cannot
-- have shared it). Random, from an alphabet without look-alikes; unique in the program.
CREATE TABLE referral_codes (
  program_id  text NOT NULL REFERENCES programs(id),
  member_id   text NOT NULL,
  code        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id),
  UNIQUE (program_id, code)
);

-- One row per friend: a member is referred at most once. A blocked referral keeps the
-- link (who brought whom) but is paid only after staff release it.
CREATE TABLE referrals (
  program_id       text NOT NULL REFERENCES programs(id),
  id               text NOT NULL,
  referrer_id      text NOT NULL,
  friend_id        text NOT NULL,
  code             text NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'blocked', 'released', 'rewarded', 'void')),
  block_reason     text CHECK (block_reason IN ('same_phone', 'same_resident_id', 'same_device', 'same_payment_account', 'monthly_cap', 'burst')),
  released_by      text,
  release_reason   text,
  released_at      timestamptz,
  -- the friend's first purchase, once judged (rewarded or void)
  purchase_id      text,
  void_reason      text CHECK (void_reason IN ('returned', 'below_minimum')),
  referrer_points  integer,
  friend_points    integer,
  judged_at        timestamptz,
  actor            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, friend_id),
  CHECK (referrer_id <> friend_id),
  -- a released referral keeps why it was blocked
  CHECK (status <> 'blocked' OR block_reason IS NOT NULL),
  CHECK (status <> 'released' OR released_at IS NOT NULL)
);
-- the cap and the burst count a referrer's recent referrals; a member's page lists them
CREATE INDEX referrals_referrer_idx ON referrals (program_id, referrer_id, created_at);
-- what the reward job walks
CREATE INDEX referrals_open_idx ON referrals (program_id, id) WHERE status IN ('pending', 'released');

-- What the self-referral checks compare, as keyed hashes (HMAC, never the values): the
-- phone and resident ID a member enrolled or updated with, and the device fingerprint and
-- payment account a sign-up reported. Kept per member, so a phone a member has since
-- changed still counts as theirs.
CREATE TABLE referral_signals (
  program_id  text NOT NULL REFERENCES programs(id),
  member_id   text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('phone', 'resident_id', 'device', 'payment_account')),
  value_hash  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, kind, value_hash)
);

CREATE TABLE referral_settings (
  program_id        text PRIMARY KEY REFERENCES programs(id),
  -- the share link is this followed by the code (a brand's own landing page); null: no link
  share_base_url    text,
  -- referrals a referrer may bring per calendar month (program time zone); the excess is blocked; null: no cap
  monthly_cap       integer CHECK (monthly_cap > 0),
  -- more than burst_count sign-ups on one code within burst_minutes blocks the later ones
  burst_count       integer NOT NULL DEFAULT 5 CHECK (burst_count > 0),
  burst_minutes     integer NOT NULL DEFAULT 10 CHECK (burst_minutes > 0),
  -- the first purchase qualifies when what is left of it after returns is at least this
  min_purchase_fen  bigint NOT NULL DEFAULT 1 CHECK (min_purchase_fen > 0),
  actor             text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- The friend's side of a referral is its own event reward ('referred'), so a program can
-- pay the referrer and the friend different points ("give 50, get 100").
ALTER TABLE event_rewards DROP CONSTRAINT IF EXISTS event_rewards_event_check;
ALTER TABLE event_rewards ADD CONSTRAINT event_rewards_event_check
  CHECK (event IN ('signup', 'profile_completed', 'birthday', 'referral', 'referred', 'survey_answered', 'suggestion_adopted', 'goodwill'));
