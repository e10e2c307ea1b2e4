import type { ColumnType, Generated, Selectable } from 'kysely';

export type RewardKind = 'goods' | 'coupon' | 'parking' | 'service' | 'partner';
export type LimitPeriod = 'day' | 'month' | 'year';
export type RedemptionStatus = 'created' | 'fulfilled' | 'cancelled';
export type Delivery = 'pickup' | 'shipping';
export type ExpiredPoints = 'fresh_lot' | 'forfeit';

type LocalDate = ColumnType<string, string, string>;

export interface RewardTable {
  program_id: string;
  id: string;
  kind: RewardKind;
  name: string;
  name_en: string | null;
  description: string | null;
  description_en: string | null;
  points: number;
  cash_fen: Generated<number>;
  /** left to redeem; null: unlimited */
  stock: number | null;
  redeemed: Generated<number>;
  per_member_limit: number | null;
  period_limit: number | null;
  limit_period: LimitPeriod | null;
  tier_ids: Generated<string[]>;
  store_ids: Generated<string[]>;
  valid_from: LocalDate | null;
  valid_to: LocalDate | null;
  parking_hours: number | null;
  coupon_type_id: string | null;
  active: Generated<boolean>;
  image_etag: string | null;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RewardImageTable {
  program_id: string;
  reward_id: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/webp';
  bytes: Buffer;
  etag: string;
  updated_at: Generated<Date>;
}

export interface RewardCounterTable {
  program_id: string;
  reward_id: string;
  member_id: string;
  /** '' lifetime; else the local day, month or year */
  period: string;
  used: number;
}

export interface RewardRedemptionTable {
  program_id: string;
  id: string;
  reward_id: string;
  member_id: string;
  status: Generated<RedemptionStatus>;
  points: number;
  cash_fen: Generated<number>;
  payment_ref: string | null;
  store_id: string | null;
  delivery: Delivery;
  pickup_code: string | null;
  tracking_note: string | null;
  period: string | null;
  entry_id: string;
  coupon_ref: string | null;
  cancel_reason: string | null;
  points_restored: number | null;
  points_fresh: number | null;
  points_forfeited: number | null;
  actor: string | null;
  fulfilled_by: string | null;
  cancelled_by: string | null;
  created_at: Generated<Date>;
  fulfilled_at: Date | null;
  cancelled_at: Date | null;
}

export interface RewardSettingsTable {
  program_id: string;
  expired_points: Generated<ExpiredPoints>;
  updated_at: Generated<Date>;
}

export interface RewardTables {
  rewards: RewardTable;
  reward_images: RewardImageTable;
  reward_counters: RewardCounterTable;
  reward_redemptions: RewardRedemptionTable;
  reward_settings: RewardSettingsTable;
}
export type RewardRow = Selectable<RewardTable>;
export type RedemptionRow = Selectable<RewardRedemptionTable>;
