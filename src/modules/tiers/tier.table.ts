import type { ColumnType, Generated, Selectable } from 'kysely';

export type TierBasis = 'spend' | 'points' | 'visits';
export type TierWindow = 'rolling_months' | 'calendar_year' | 'membership_year';
export type TierDowngrade = 'one_down' | 'to_supported';
export type PeriodSource = 'enrol' | 'purchase' | 'evaluation' | 'manual' | 'floor_end' | 'table_change' | 'import';

export interface TierBenefits {
  /** earning multiplier in per cent: 100 = none, 150 = half as much again */
  earn_multiplier_pct: number;
  parking_hours: number;
  birthday_gift: string | null;
  account_manager: boolean;
  /** offers only this tier may take (专享优惠) */
  reserved_offers: string[];
}

/** bigint: read as a number on both databases (db/database.ts) */
type Big = number;

export interface TierTable {
  program_id: string;
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  rank: number;
  reach_threshold: Big;
  keep_threshold: Big;
  benefits: ColumnType<TierBenefits, string, string>;
  retired_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TierPolicyTable {
  program_id: string;
  basis: TierBasis;
  window_kind: TierWindow;
  window_months: number;
  downgrade: TierDowngrade;
  grace_days: number;
  warn_days: number;
  updated_at: Generated<Date>;
}

export interface TierQualifyingDayTable {
  program_id: string;
  member_id: string;
  day: string;
  spend_fen: Big;
  points: Big;
  visits: number;
}

export interface TierPeriodTable {
  program_id: string;
  member_id: string;
  id: string;
  tier_id: string;
  from_tier_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  source: PeriodSource;
  reason: string | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface TierFloorTable {
  program_id: string;
  member_id: string;
  id: string;
  tier_id: string;
  reason: string;
  ends_on: string | null;
  actor: string | null;
  created_at: Generated<Date>;
  ended_at: Date | null;
  end_reason: string | null;
}

export interface TierNoticeTable {
  program_id: string;
  member_id: string;
  drops_on: string;
  tier_id: string;
  sent_at: Generated<Date>;
}

export type TierJobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface TierJobTable {
  program_id: string;
  id: string;
  kind: 'apply_table' | 'evaluate';
  status: Generated<TierJobStatus>;
  total: Generated<number>;
  done: Generated<number>;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
  actor: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface TierTables {
  tiers: TierTable;
  tier_policies: TierPolicyTable;
  tier_qualifying_days: TierQualifyingDayTable;
  tier_periods: TierPeriodTable;
  tier_floors: TierFloorTable;
  tier_notices: TierNoticeTable;
  tier_jobs: TierJobTable;
}
export type TierRow = Selectable<TierTable>;
