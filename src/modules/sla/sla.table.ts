import type { Generated, Selectable } from 'kysely';

export const SUBJECT_TYPES = ['service_request', 'complaint', 'suggestion'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const METRICS = ['first_response', 'next_response', 'resolution', 'outcome'] as const;
export type Metric = (typeof METRICS)[number];
export const UNITS = ['calendar_hours', 'working_hours', 'working_days'] as const;
export type Unit = (typeof UNITS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
export type AlertKind = 'warning' | 'breached' | 'escalated';

export interface SlaPolicyTable {
  program_id: string;
  id: string;
  subject_type: SubjectType;
  tier_id: string | null;
  priority: Priority | null;
  metric: Metric;
  unit: Unit;
  target: number;
  warn_percent: number;
  escalate: Generated<boolean>;
  escalate_to: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SlaSettingsTable {
  program_id: string;
  quiet_start: string | null;
  quiet_end: string | null;
  urgent_bypasses_quiet: Generated<boolean>;
  supervisor_id: string | null;
  updated_at: Generated<Date>;
}

export interface SlaClockTable {
  program_id: string;
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  metric: Metric;
  policy_id: string;
  unit: Unit;
  target: number;
  warn_percent: number;
  escalate: boolean;
  escalate_to: string | null;
  tier_id: string | null;
  priority: Priority | null;
  cycle: Generated<number>;
  started_at: Date;
  due_at: Date;
  warn_at: Date;
  due_provisional: Generated<boolean>;
  state: ClockState;
  paused_since: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  escalated_at: Date | null;
  met_at: Date | null;
  late: boolean | null;
  owner_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SlaPauseTable {
  program_id: string;
  clock_id: string;
  cycle: number;
  paused_at: Date;
  resumed_at: Date | null;
  reason: string;
}

export interface SlaAlertTable {
  program_id: string;
  id: string;
  staff_id: string;
  clock_id: string;
  cycle: number;
  kind: AlertKind;
  subject_type: SubjectType;
  subject_id: string;
  metric: Metric;
  due_at: Date;
  created_at: Date;
  deliver_at: Date;
  read_at: Date | null;
}

export interface SlaTables {
  sla_policies: SlaPolicyTable;
  sla_settings: SlaSettingsTable;
  sla_clocks: SlaClockTable;
  sla_pauses: SlaPauseTable;
  sla_alerts: SlaAlertTable;
}
export type PolicyRow = Selectable<SlaPolicyTable>;
export type ClockRow = Selectable<SlaClockTable>;
export type PauseRow = Selectable<SlaPauseTable>;
export type AlertRow = Selectable<SlaAlertTable>;
export type SettingsRow = Selectable<SlaSettingsTable>;
