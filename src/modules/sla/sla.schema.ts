import { z } from 'zod';
import { zId } from '../../platform/schema.ts';
import { SLA_MESSAGES as M } from './sla.errors.ts';
import { METRICS, PRIORITIES, SUBJECT_TYPES, UNITS } from './sla.table.ts';

const zHhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: M.time.key });
const zSubjectType = z.enum(SUBJECT_TYPES).describe('service_request, complaint or suggestion');
const zMetric = z.enum(METRICS).describe('first_response, next_response (from the member\'s last message), resolution, outcome (complaints: from processing finished to the member told, 003 §7.2)');
const zUnit = z.enum(UNITS).describe('calendar_hours, working_hours (the calendar\'s opening hours) or working_days (end of the Nth working day, 23:59:59 local)');

export const ZPolicy = z.object({
  id: z.string().describe('slp_… or, for a built-in default, default:<type>:<metric>'),
  builtin: z.boolean().describe('A built-in default (002 §3.3, 003 §7.2): applies until the program sets its own any-tier, any-priority policy for the type and metric'),
  subject_type: zSubjectType, tier_id: z.string().nullable(), priority: z.enum(PRIORITIES).nullable(), metric: zMetric, unit: zUnit,
  target: z.number().int(), warn_percent: z.number().int(), escalate: z.boolean(), escalate_to: z.string().nullable(),
}).meta({ id: 'SlaPolicy' });
export const ZPolicyList = z.object({ items: z.array(ZPolicy) }).meta({ id: 'SlaPolicyList' });

export const ZPolicyCreate = z.strictObject({
  subject_type: zSubjectType,
  tier_id: zId('tier').nullable().default(null).describe('null: any tier'),
  priority: z.enum(PRIORITIES).nullable().default(null).describe('null: any priority'),
  metric: zMetric, unit: zUnit,
  target: z.number().int().min(1).describe('In the unit: at most 2000 hours or 250 working days'),
  warn_percent: z.number().int().min(1).max(99).default(75).describe('Warn when this share of the time has gone'),
  escalate: z.boolean().default(false).describe('A breach escalates: to escalate_to, else the desk\'s supervisor, else every active administrator'),
  escalate_to: zId('stf').nullable().default(null),
}).meta({ id: 'SlaPolicyCreate' });
export const ZPolicyUpdate = z.strictObject({
  unit: zUnit.optional(), target: z.number().int().min(1).optional(), warn_percent: z.number().int().min(1).max(99).optional(),
  escalate: z.boolean().optional(), escalate_to: zId('stf').nullable().optional(),
}).meta({ id: 'SlaPolicyUpdate' });

export const ZSettings = z.object({
  quiet_start: z.string().nullable(), quiet_end: z.string().nullable(), urgent_bypasses_quiet: z.boolean(), supervisor_id: z.string().nullable(),
}).meta({ id: 'SlaSettings' });
export const ZSettingsUpdate = z.strictObject({
  quiet_start: zHhmm.nullable().describe('Local time staff alerts stop (e.g. 22:00); null with quiet_end: no quiet hours'),
  quiet_end: zHhmm.nullable().describe('Local time held alerts are delivered (e.g. 08:00)'),
  urgent_bypasses_quiet: z.boolean().default(false).describe('Alerts about urgent-priority subjects are sent in quiet hours too'),
  supervisor_id: zId('stf').nullable().describe('The desk supervisor escalations go to when the policy names no one'),
}).meta({ id: 'SlaSettingsUpdate' });

const zText2 = z.object({ zh: z.string(), en: z.string() });
export const ZPause = z.object({ paused_at: z.string(), resumed_at: z.string().nullable(), reason: z.string() });
export const ZClock = z.object({
  id: z.string(), subject_type: zSubjectType, subject_id: z.string(), metric: zMetric, policy_id: z.string(),
  unit: zUnit, target: z.number().int(), target_label: zText2.describe('"3 个工作日" / "3 working days"'), warn_percent: z.number().int(),
  priority: z.enum(PRIORITIES).nullable(), tier_id: z.string().nullable(), cycle: z.number().int(),
  started_at: z.string(), due_at: z.string(), due_local: z.string().describe('Due, YYYY-MM-DD HH:MM in the program\'s zone'), warn_at: z.string(),
  due_provisional: z.boolean().describe('The due time runs through a year without an official holiday schedule'),
  state: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  status: z.enum(['running', 'warning', 'paused', 'breached', 'met', 'late', 'cancelled']).describe('What the console shows: warning once warned and still running; late: met after the due time'),
  warned_at: z.string().nullable(), breached_at: z.string().nullable(), escalated_at: z.string().nullable(),
  met_at: z.string().nullable(), late: z.boolean().nullable(), owner_id: z.string().nullable(),
  pauses: z.array(ZPause), explanation: zText2,
}).meta({ id: 'SlaClock' });
export const ZClockList = z.object({ items: z.array(ZClock) }).meta({ id: 'SlaClockList' });
export const ZClockQuery = z.strictObject({ subject_type: zSubjectType, subject_id: z.string().min(1).max(60) });

const VIEWS = ['due_soon', 'breached', 'escalated', 'open'] as const;
export const ZOverviewQuery = z.strictObject({
  view: z.enum(VIEWS).default('open').describe('due_soon: running, warned or due within 24 hours; breached; escalated; open: every running, paused or breached clock'),
  owner_id: zId('stf').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const ZOverview = z.object({
  items: z.array(ZClock.extend({ subject_label: z.string().nullable().describe('The case number or the suggestion title') })),
  counts: z.object({ due_soon: z.number().int(), breached: z.number().int(), escalated: z.number().int(), paused: z.number().int() }),
  by_owner: z.array(z.object({ owner_id: z.string().nullable(), open: z.number().int(), due_soon: z.number().int(), breached: z.number().int() })),
}).meta({ id: 'SlaOverview' });

export const ZAlert = z.object({
  id: z.string(), kind: z.enum(['warning', 'breached', 'escalated']), clock_id: z.string(), subject_type: zSubjectType, subject_id: z.string(),
  metric: zMetric, due_at: z.string(), created_at: z.string(), delivered_at: z.string().describe('After the quiet hours it was raised in'), read_at: z.string().nullable(),
  text: zText2,
}).meta({ id: 'SlaAlert' });
export const ZAlertList = z.object({ items: z.array(ZAlert), unread: z.number().int() }).meta({ id: 'SlaAlertList' });

export const zPolicyParams = z.strictObject({ program_id: zId('prg'), policy_id: zId('slp') });
export const zAlertParams = z.strictObject({ program_id: zId('prg'), alert_id: zId('sla') });

export type TPolicy = z.infer<typeof ZPolicy>;
export type TPolicyCreate = z.infer<typeof ZPolicyCreate>;
export type TPolicyUpdate = z.infer<typeof ZPolicyUpdate>;
export type TSettings = z.infer<typeof ZSettings>;
export type TSettingsUpdate = z.infer<typeof ZSettingsUpdate>;
export type TClock = z.infer<typeof ZClock>;
export type TOverview = z.infer<typeof ZOverview>;
export type TOverviewQuery = z.infer<typeof ZOverviewQuery>;
export type TAlert = z.infer<typeof ZAlert>;
