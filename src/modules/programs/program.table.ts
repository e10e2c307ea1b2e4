import type { Generated, Selectable } from 'kysely';

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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProgramTables {
  programs: ProgramTable;
}
export type ProgramRow = Selectable<ProgramTable>;
