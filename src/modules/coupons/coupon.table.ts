import type { ColumnType, Generated, Selectable } from 'kysely';

export type CouponKind = 'amount' | 'percent' | 'gift';
export type CouponStatus = 'issued' | 'consumed' | 'void';
export type CouponSource = 'redemption' | 'campaign' | 'goodwill' | 'batch' | 'manual';

type LocalDate = ColumnType<string, string | null, string | null>;

export interface CouponTypeTable {
  program_id: string;
  id: string;
  name: string;
  name_en: string | null;
  kind: CouponKind;
  amount_off_fen: ColumnType<number | null, number | null, number | null>;
  percent_off: number | null;
  max_off_fen: ColumnType<number | null, number | null, number | null>;
  gift_sku: string | null;
  gift_name: string | null;
  min_spend_fen: Generated<number>;
  /** empty: every store */
  store_ids: ColumnType<string[], string[] | undefined, string[]>;
  valid_from: LocalDate | null;
  valid_until: LocalDate | null;
  valid_days: number | null;
  hold_minutes: Generated<number>;
  active: Generated<boolean>;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CouponTable {
  program_id: string;
  id: string;
  code: string;
  type_id: string;
  member_id: string | null;
  status: Generated<CouponStatus>;
  source: CouponSource;
  source_ref: string | null;
  reason: string | null;
  batch_id: string | null;
  issued_at: Generated<Date>;
  valid_from: Date;
  valid_until: Date;
  reserved_until: Date | null;
  reservation_token: string | null;
  reserved_store_id: string | null;
  reserved_basket_fen: number | null;
  consumed_at: Date | null;
  consumed_store_id: string | null;
  purchase_ref: string | null;
  basket_fen: number | null;
  discount_fen: number | null;
  consume_key: string | null;
  actor: string | null;
}

export interface CouponBatchTable {
  program_id: string;
  id: string;
  type_id: string;
  quantity: number;
  done: Generated<number>;
  status: Generated<'running' | 'done' | 'failed'>;
  error: string | null;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CouponTables {
  coupon_types: CouponTypeTable;
  coupons: CouponTable;
  coupon_batches: CouponBatchTable;
}
export type CouponTypeRow = Selectable<CouponTypeTable>;
export type CouponRow = Selectable<CouponTable>;
export type CouponBatchRow = Selectable<CouponBatchTable>;
