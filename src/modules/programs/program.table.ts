import type { ColumnType, Generated, Selectable } from 'kysely';

/** Lines that never earn points (gift cards, postage), by category or SKU. */
export interface EarnExclusions { categories: string[]; skus: string[] }
/** Caps on the points one purchase, or one member in a local day / month / year, may receive. */
export interface EarnCaps { per_purchase?: number; per_member_day?: number; per_member_month?: number; per_member_year?: number }

export interface ProgramTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  currency: Generated<string>;
  earn_points: Generated<number>;
  earn_per_fen: Generated<number>;
  pending_days: Generated<number>;
  expiry_policy: Generated<'rolling_months' | 'year_end_following' | 'never'>;
  expiry_months: number | null;
  expiry_notice_days: Generated<number>;
  earn_on: Generated<'paid' | 'before_discount'>;
  earn_exclusions: ColumnType<EarnExclusions, string | undefined, string>;
  earn_caps: ColumnType<EarnCaps, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgramTables {
  programs: ProgramTable;
}
export type ProgramRow = Selectable<ProgramTable>;
