import { z } from 'zod';
import { zDate, zId, zPoints, zText } from '../../platform/schema.ts';

export const CASE_TYPES = ['service_request', 'complaint'] as const;
const CASE_CHANNELS = ['phone', 'sms', 'email', 'portal', 'wechat', 'store'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const CASE_STATUSES = ['inquiry', 'account_manager', 'service_plan', 'implementation', 'evaluation',
  'received', 'investigating', 'solution_ready', 'solution_told', 'resolved', 'closed'] as const;
const CASE_ACTIONS = ['engage', 'plan', 'implement', 'evaluate', 'investigate', 'record_solution', 'tell_outcome', 'confirm', 'reject', 'close', 'wait', 'resume'] as const;
/** Channels a reply is sent on through the notification service; the others are recorded only (the agent phoned, or spoke at the counter). */
export const SENT_CHANNELS = ['sms', 'email', 'portal'] as const;
const zLong = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'));

export const ZCaseOpen = z.strictObject({
  type: z.enum(CASE_TYPES).describe('service_request (VIP service, seed 002 §3) or complaint (投诉, seed 003 §7)'),
  channel: z.enum(CASE_CHANNELS).describe('Where the member reached us: phone, sms, email, portal, wechat, store'),
  subject: zText(200),
  description: zLong(4000).default(''),
  priority: z.enum(PRIORITIES).default('normal'),
  member_id: zId('mem'),
  store_id: zId('sto').nullable().optional().describe('The store concerned; store staff open cases for their own store only'),
  purchase_id: zId('pur').nullable().optional().describe('A purchase of this member the case is about'),
  redemption_id: zId('rrd').nullable().optional().describe('A reward redemption of this member the case is about'),
  route: z.boolean().default(true).describe('false: leave it in the unassigned queue (a member\'s dedicated account manager still gets it)'),
}).meta({ id: 'CaseOpen' });

export const ZCase = z.object({
  id: z.string(), number: z.string(), type: z.enum(CASE_TYPES), channel: z.enum(CASE_CHANNELS), subject: z.string(), description: z.string(),
  priority: z.enum(PRIORITIES), member_id: z.string(), store_id: z.string().nullable(), assignee_id: z.string().nullable(),
  status: z.enum(CASE_STATUSES), waiting: z.boolean().describe('Waiting on the member (pauses the SLA clock)'), solution: z.string().nullable(),
  purchase_id: z.string().nullable(), redemption_id: z.string().nullable(), opened_by: z.string(),
  opened_at: z.string(), first_response_at: z.string().nullable(), resolved_at: z.string().nullable(), closed_at: z.string().nullable(),
  reopen_count: z.number().int(), last_member_message_at: z.string().nullable(), updated_at: z.string(),
}).meta({ id: 'Case' });

export const ZCaseRow = ZCase.extend({
  member_no: z.string().nullable(), member_name: z.string().nullable().describe('Masked'), assignee_name: z.string().nullable(),
  next_due: z.object({
    metric: z.enum(['first_response', 'next_response', 'resolution', 'outcome']), due_at: z.string(), provisional: z.boolean(),
    status: z.enum(['running', 'warning', 'paused', 'breached']),
  }).nullable().describe('The case\'s open SLA clock due soonest (null: none running)'),
}).meta({ id: 'CaseListItem' });
export const ZCaseQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional().describe('true: not closed; false: closed'),
  type: z.enum(CASE_TYPES).optional(),
  assignee: z.union([z.enum(['me', 'unassigned', 'any']), zId('stf')]).default('any').describe('me, unassigned, any, or a staff id'),
  store_id: zId('sto').optional(),
  priority: z.enum(PRIORITIES).optional(),
  member_id: zId('mem').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: zId('cas').optional().describe('next_cursor of the page before'),
});
export const ZCasePage = z.object({ items: z.array(ZCaseRow), next_cursor: z.string().nullable() }).meta({ id: 'CasePage' });

export const ZCaseEvent = z.object({
  id: z.string(), kind: z.enum(['opened', 'note', 'message_out', 'message_in', 'status', 'assignment', 'waiting', 'attachment', 'proceeding', 'goodwill']),
  actor: z.string(), actor_name: z.string().nullable(), at: z.string(), body: z.string(), data: z.record(z.string(), z.unknown()),
}).meta({ id: 'CaseEvent' });
export const ZCaseDetail = ZCaseRow.extend({
  actions: z.array(z.enum(CASE_ACTIONS)).describe('What can be done now'),
  timeline: z.array(ZCaseEvent),
}).meta({ id: 'CaseDetail' });

export const ZCaseActionIn = z.strictObject({
  action: z.enum(CASE_ACTIONS),
  text: zLong(4000).optional().describe('record_solution: the solution; reject: why the member is not satisfied; plan: the service plan; otherwise a note'),
}).meta({ id: 'CaseActionIn' });
export const ZAssignIn = z.strictObject({ assignee_id: zId('stf') }).meta({ id: 'CaseAssignIn' });
export const ZNoteIn = z.strictObject({ body: zText(4000) }).meta({ id: 'CaseNoteIn' });
export const ZMessageIn = z.strictObject({
  direction: z.enum(['to_member', 'from_member']).describe('to_member: our reply (sent on sms, email, portal; recorded on phone, store, wechat); from_member: what the member said, recorded by the agent'),
  channel: z.enum(CASE_CHANNELS),
  subject: zLong(200).default(''),
  body: zText(4000),
}).meta({ id: 'CaseMessageIn' });
export const ZAttachmentIn = z.strictObject({
  name: zText(200), content_type: zText(100), size: z.number().int().min(0).max(10_000_000_000),
  url: zText(1000).describe('Where the file is stored (a URL or a storage key): Patron keeps the reference, not the file'),
}).meta({ id: 'CaseAttachmentIn' });
const zDocument = z.strictObject({ name: zText(200), url: zText(1000) });
export const ZProceedingIn = z.strictObject({
  kind: z.enum(['mediation', 'arbitration']).describe('调解 or 仲裁 (seed 000 ch. 11)'),
  held_on: zDate,
  parties: z.array(zText(200)).min(1).max(20),
  body: zText(200).describe('Mediation body or arbitration institution (仲裁机构)').optional(),
  outcome: zLong(4000).optional(),
  documents: z.array(zDocument).max(20).default([]),
}).meta({ id: 'CaseProceedingIn' });
export const ZGoodwillIn = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('points'), points: zPoints, reason: zText(500) }),
  z.strictObject({ kind: z.literal('coupon'), coupon_type_id: zId('cpt'), reason: zText(500) }),
]).meta({ id: 'CaseGoodwillIn' });
export const ZGoodwill = z.object({
  case_id: z.string(), event_id: z.string(), kind: z.enum(['points', 'coupon']), points: z.number().int().nullable(),
  entry_id: z.string().nullable(), coupon_id: z.string().nullable(), balance_after: z.number().int().nullable(),
}).meta({ id: 'CaseGoodwill' });

export const ZAccountManager = z.object({
  member_id: z.string(), staff_id: z.string().nullable(), staff_name: z.string().nullable(), set_by: z.string().nullable(), set_at: z.string().nullable(),
}).meta({ id: 'CaseAccountManager' });
export const ZAccountManagerIn = z.strictObject({ staff_id: zId('stf').nullable().describe('null: the member has none') }).meta({ id: 'CaseAccountManagerIn' });
export const ZCaseSettings = z.object({ goodwill_max_points: z.number().int() }).meta({ id: 'CaseSettings' });
export const ZCaseSettingsIn = z.strictObject({ goodwill_max_points: z.number().int().min(0).max(1_000_000) }).meta({ id: 'CaseSettingsIn' });
export const ZAgent = z.object({ id: z.string(), display_name: z.string(), role: z.string(), store_id: z.string().nullable() }).meta({ id: 'CaseAgent' });

export const zCaseParams = z.strictObject({ program_id: zId('prg'), case_id: zId('cas') });
export const zMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });

export type TCaseOpen = z.infer<typeof ZCaseOpen>;
export type TCase = z.infer<typeof ZCase>;
export type TCaseRow = z.infer<typeof ZCaseRow>;
export type TCaseQuery = z.infer<typeof ZCaseQuery>;
export type TCaseEvent = z.infer<typeof ZCaseEvent>;
export type TCaseDetail = z.infer<typeof ZCaseDetail>;
export type TMessageIn = z.infer<typeof ZMessageIn>;
export type TAttachmentIn = z.infer<typeof ZAttachmentIn>;
export type TProceedingIn = z.infer<typeof ZProceedingIn>;
export type TGoodwillIn = z.infer<typeof ZGoodwillIn>;
export type TGoodwill = z.infer<typeof ZGoodwill>;
export type TAccountManager = z.infer<typeof ZAccountManager>;
