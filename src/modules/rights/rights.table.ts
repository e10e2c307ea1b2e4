import type { ColumnType, Generated, Selectable } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type JsonNull<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type RightsKind = 'copy' | 'correction' | 'deletion';
export type RightsStatus = 'received' | 'in_progress' | 'completed' | 'refused';
export type RightsChannel = 'counter' | 'phone' | 'email' | 'letter' | 'portal' | 'other';
export type RefusalReason = 'identity_not_verified' | 'legal_retention' | 'manifestly_unfounded' | 'excessive' | 'other';
export type PeriodUnit = 'day' | 'month' | 'year';
export interface Period { n: number; unit: PeriodUnit }

export interface RightsSettingsTable {
  program_id: string;
  deadline_working_days: Generated<number>;
  retention: ColumnType<Record<string, Period>, string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface RightsRequestTable {
  program_id: string;
  member_id: string;
  id: string;
  kind: RightsKind;
  status: Generated<RightsStatus>;
  channel: RightsChannel;
  received_at: Date;
  due_on: ColumnType<string, string, string>;
  /** The due date ran through a year without an official schedule (migration 021). */
  due_provisional: Generated<boolean>;
  requested_by: string;
  note: string | null;
  details: JsonNull<Record<string, unknown>>;
  refusal_reason: RefusalReason | null;
  refusal_text: string | null;
  started_at: Date | null;
  completed_at: Date | null;
  handled_by: string | null;
  result: JsonNull<Record<string, unknown>>;
  export_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RetentionRunTable {
  program_id: string;
  id: string;
  as_of: ColumnType<string, string, string>;
  dry_run: boolean;
  counts: Json<Record<string, number>>;
  actor: string;
  started_at: Date;
  finished_at: Date;
}

export interface RightsTables {
  rights_settings: RightsSettingsTable;
  rights_requests: RightsRequestTable;
  retention_runs: RetentionRunTable;
}
export type RightsRequestRow = Selectable<RightsRequestTable>;
export type RetentionRunRow = Selectable<RetentionRunTable>;
