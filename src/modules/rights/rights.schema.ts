import { z } from 'zod';
import { zDate, zDateTime, zId, zText } from '../../platform/schema.ts';
import { ZMemberUpdate } from '../members/index.ts';
import { RETENTION_KIND_NAMES } from './retention.ts';

export const RIGHTS_KINDS = ['copy', 'correction', 'deletion'] as const;
export const RIGHTS_STATUSES = ['received', 'in_progress', 'completed', 'refused'] as const;
export const RIGHTS_CHANNELS = ['counter', 'phone', 'email', 'letter', 'portal', 'other'] as const;
// why a request may be refused (PIPL 第四十七、五十条): identity not verified, a legal duty to
// keep the data (accounts: 会计档案), a request manifestly unfounded or excessive, or other
export const REFUSAL_REASONS = ['identity_not_verified', 'legal_retention', 'manifestly_unfounded', 'excessive', 'other'] as const;

/** The profile fields a correction may set: the members module's own update fields. */
export const ZCorrections = ZMemberUpdate.omit({ marketing_consent: true }).meta({ id: 'RightsCorrections' });

export const ZRightsParams = z.strictObject({ program_id: zId('prg'), request_id: zId('rrq') });

export const ZRightsCreate = z.strictObject({
  member_id: zId('mem'),
  kind: z.enum(RIGHTS_KINDS),
  channel: z.enum(RIGHTS_CHANNELS).describe('How the member asked'),
  received_at: zDateTime.optional().describe('When the request was received (default now); the deadline counts working days from its local day'),
  note: zText(1000).optional(),
  corrections: ZCorrections.optional().describe('correction: the fields to correct and their new values'),
}).meta({ id: 'RightsRequestCreate' });

export const ZRightsQuery = z.strictObject({
  status: z.enum(RIGHTS_STATUSES).optional(),
  kind: z.enum(RIGHTS_KINDS).optional(),
  member_id: zId('mem').optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: open requests past their due date'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZRightsComplete = z.strictObject({
  corrections: ZCorrections.optional().describe('correction: the fields to set (default: those filed with the request)'),
  confirm_erasure: z.literal(true).optional().describe('deletion: required, the erasure cannot be undone'),
  note: zText(1000).optional(),
}).meta({ id: 'RightsRequestComplete' });

export const ZRightsRefuse = z.strictObject({
  reason: z.enum(REFUSAL_REASONS),
  text: zText(1000).describe('Why, in words the member is told'),
}).meta({ id: 'RightsRequestRefuse' });

export const ZRightsRequest = z.object({
  id: z.string(),
  member: z.object({ id: z.string(), member_no: z.string().nullable(), name: z.string().nullable().describe('Masked'), phone: z.string().nullable().describe('Masked'), erased: z.boolean() }),
  kind: z.enum(RIGHTS_KINDS),
  status: z.enum(RIGHTS_STATUSES),
  channel: z.enum(RIGHTS_CHANNELS),
  received_at: z.string(),
  due_on: z.string().describe('Local date: the last day to answer'),
  due_provisional: z.boolean().describe('The due date runs through a year without an official holiday schedule: it may move when the year is loaded'),
  overdue: z.boolean().describe('Still open after its due date'),
  requested_by: z.string(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable().describe('correction: the fields and values asked for'),
  refusal_reason: z.enum(REFUSAL_REASONS).nullable(),
  refusal_text: z.string().nullable(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  handled_by: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable().describe('What was done: rows per kind of data copied, fields corrected, what was erased and what stays'),
  export_until: z.string().nullable().describe('copy: the export can be downloaded until then'),
  created_at: z.string(),
}).meta({ id: 'RightsRequest' });
export type TRightsRequest = z.infer<typeof ZRightsRequest>;
export type TRightsCreate = z.infer<typeof ZRightsCreate>;
export type TCorrections = z.infer<typeof ZCorrections>;

const zPeriod = z.strictObject({ n: z.number().int().min(1).max(3650), unit: z.enum(['day', 'month', 'year']) });
export const ZRetentionSettings = z.object({
  deadline_working_days: z.number().int().describe('Working days to answer a request (default 15)'),
  kinds: z.array(z.object({
    kind: z.enum(RETENTION_KIND_NAMES), period: zPeriod, default: zPeriod, action: z.enum(['anonymise', 'clear', 'delete', 'expire']), zh: z.string(), en: z.string(),
  })),
  updated_at: z.string().nullable(),
}).meta({ id: 'RetentionSettings' });
export const ZRetentionUpdate = z.strictObject({
  deadline_working_days: z.number().int().min(1).max(60).optional(),
  periods: z.partialRecord(z.enum(RETENTION_KIND_NAMES), zPeriod).optional(),
}).meta({ id: 'RetentionUpdate' });
export type TRetentionUpdate = z.infer<typeof ZRetentionUpdate>;

export const ZRetentionRunCreate = z.strictObject({
  as_of: zDate.optional().describe('The local day to judge periods as of (default today)'),
  dry_run: z.boolean().default(true).describe('true: count only, change nothing'),
}).meta({ id: 'RetentionRunCreate' });
export const ZRetentionRun = z.object({
  id: z.string(), as_of: z.string(), dry_run: z.boolean(), counts: z.record(z.string(), z.number()), actor: z.string(), started_at: z.string(), finished_at: z.string(),
}).meta({ id: 'RetentionRun' });
export type TRetentionRun = z.infer<typeof ZRetentionRun>;
