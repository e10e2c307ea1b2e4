import type { ColumnType, Generated, Selectable } from 'kysely';

export type CaseType = 'service_request' | 'complaint';
export type CaseChannel = 'phone' | 'sms' | 'email' | 'portal' | 'wechat' | 'store';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';
export type CaseStatus =
  | 'inquiry' | 'account_manager' | 'service_plan' | 'implementation' | 'evaluation'
  | 'received' | 'investigating' | 'solution_ready' | 'solution_told' | 'resolved' | 'closed';
export type CaseEventKind = 'opened' | 'note' | 'message_out' | 'message_in' | 'status' | 'assignment' | 'waiting' | 'attachment' | 'proceeding' | 'goodwill';
type Json<T> = ColumnType<T, string, string>;

export interface CaseTable {
  program_id: string;
  id: string;
  number: string;
  type: CaseType;
  channel: CaseChannel;
  subject: string;
  description: Generated<string>;
  priority: CasePriority;
  member_id: string;
  store_id: string | null;
  assignee_id: string | null;
  status: CaseStatus;
  waiting: Generated<boolean>;
  solution: string | null;
  purchase_id: string | null;
  redemption_id: string | null;
  opened_by: string;
  opened_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopen_count: Generated<number>;
  last_member_message_at: Date | null;
  updated_at: Generated<Date>;
}

export interface CaseEventTable {
  program_id: string;
  id: string;
  case_id: string;
  kind: CaseEventKind;
  actor: string;
  at: Date;
  body: Generated<string>;
  data: Json<Record<string, unknown>>;
}

export interface CaseAccountManagerTable {
  program_id: string;
  member_id: string;
  staff_id: string;
  set_by: string;
  set_at: Generated<Date>;
}

export interface CaseRoutingTable {
  program_id: string;
  pool: string;
  last_staff_id: string | null;
}

export interface CaseCounterTable {
  program_id: string;
  year: number;
  last: number;
}

export interface CaseSettingsTable {
  program_id: string;
  goodwill_max_points: number;
  updated_at: Generated<Date>;
}

export interface CaseTables {
  cases: CaseTable;
  case_events: CaseEventTable;
  case_account_managers: CaseAccountManagerTable;
  case_routing: CaseRoutingTable;
  case_counters: CaseCounterTable;
  case_settings: CaseSettingsTable;
}
export type CaseRow = Selectable<CaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
