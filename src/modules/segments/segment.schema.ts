import { z } from 'zod';
import { zDate, zFen, zId, zText } from '../../platform/schema.ts';
import { SEGMENT_MESSAGES as MSG } from './segment.errors.ts';

/** The windows the stats keep, in days back from the refresh (today in the program's time zone and the days before). */
export const WINDOWS = [30, 90, 180, 365] as const;
export type WindowDays = (typeof WINDOWS)[number];

type Range = { min?: number | undefined; max?: number | undefined };
const ordered = (v: Range, c: z.RefinementCtx) => {
  if (v.min === undefined && v.max === undefined) c.addIssue({ code: 'custom', path: ['min'], message: MSG.range_empty.key });
  else if (v.min !== undefined && v.max !== undefined && v.min > v.max) c.addIssue({ code: 'custom', path: ['max'], message: MSG.range_order.key });
};
const zCount = (max: number) => z.number().int().min(0).max(max);
const zWindow = z.literal(WINDOWS).describe('Days back from the refresh: 30, 90, 180 or 365');
const zScores = z.strictObject({ min: z.number().int().min(1).max(5).optional(), max: z.number().int().min(1).max(5).optional() }).superRefine(ordered);

export const ZConditions = z.strictObject({
  tiers: z.strictObject({ any_of: z.array(zId('tier')).min(1).max(50) }).optional().describe('In one of these tiers'),
  spend_fen: z.strictObject({ window_days: zWindow, min: zFen.optional(), max: zFen.optional() }).superRefine(ordered).optional()
    .describe('Spend in fen, net of returns, within the window (inclusive bounds)'),
  visits: z.strictObject({ window_days: zWindow, min: zCount(100_000).optional(), max: zCount(100_000).optional() }).superRefine(ordered).optional()
    .describe('Days with a purchase within the window (inclusive bounds)'),
  days_since_last_purchase: z.strictObject({ min: zCount(36_500).optional(), max: zCount(36_500).optional() }).superRefine(ordered).optional()
    .describe('Whole days (program time zone) since the last purchase; a member who never bought counts as infinitely many'),
  enrolled: z.strictObject({ from: zDate.optional(), to: zDate.optional() }).superRefine((v, c) => {
    if (v.from === undefined && v.to === undefined) c.addIssue({ code: 'custom', path: ['from'], message: MSG.range_empty.key });
    else if (v.from !== undefined && v.to !== undefined && v.from > v.to) c.addIssue({ code: 'custom', path: ['to'], message: MSG.dates_order.key });
  }).optional().describe('Enrolled on these days (program time zone, inclusive)'),
  birthday_month: z.union([z.literal('current'), z.number().int().min(1).max(12)]).optional()
    .describe('Born in this month (1–12), or "current": the month of the refresh in the program\'s time zone'),
  stores: z.strictObject({ any_of: z.array(zId('sto')).min(1).max(100) }).optional().describe('Enrolled at one of these stores'),
  status: z.strictObject({ any_of: z.array(z.enum(['active', 'suspended', 'terminated'])).min(1).max(3) }).optional().describe('Member status is one of these'),
  marketing_consent: z.boolean().optional().describe('true: consents to marketing; false: does not'),
  rfm: z.strictObject({ r: zScores.optional(), f: zScores.optional(), m: zScores.optional() }).superRefine((v, c) => {
    if (!v.r && !v.f && !v.m) c.addIssue({ code: 'custom', message: MSG.rfm_empty.key });
  }).optional().describe('RFM quintiles 1–5 (5 best) among members who bought in the last 365 days: r by last purchase, f by visits, m by spend; members without a purchase in that year have no scores and never match'),
}).meta({ id: 'SegmentConditions', description: 'Every condition given must hold (AND); none given: every member' });
export type TConditions = z.infer<typeof ZConditions>;

const fields = {
  name: zText(50),
  name_en: zText(100).nullable().optional(),
  description: zText(500).nullable().optional(),
};
export const ZSegmentCreate = z.strictObject({ ...fields, conditions: ZConditions }).meta({ id: 'SegmentCreate' });
export const ZSegmentUpdate = z.strictObject({
  name: fields.name.optional(), name_en: fields.name_en, description: fields.description, conditions: ZConditions.optional().describe('A change refreshes the segment at once'),
}).meta({ id: 'SegmentUpdate' });
export type TSegmentCreate = z.infer<typeof ZSegmentCreate>;
export type TSegmentUpdate = z.infer<typeof ZSegmentUpdate>;

export const ZSegmentParams = z.strictObject({ program_id: zId('prg'), segment_id: zId('seg') });
export const ZSegmentListQuery = z.strictObject({ status: z.enum(['active', 'archived', 'all']).default('active') });
export const ZSampleQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const ZPreviewRequest = z.strictObject({
  conditions: ZConditions,
  limit: z.number().int().min(0).max(100).default(20).describe('Members in the sample'),
}).meta({ id: 'SegmentPreviewRequest' });

const freshness = {
  stats_refreshed_at: z.string().nullable().describe('When the purchase figures (spend, visits, last purchase, RFM) were last computed by the segments job; null: never'),
};

export const ZSegment = z.object({
  id: z.string(),
  name: z.string(),
  name_en: z.string().nullable(),
  description: z.string().nullable(),
  conditions: ZConditions,
  status: z.enum(['active', 'archived']),
  size: z.number().int().nullable().describe('Members in it at refreshed_at; null before the first refresh'),
  refreshed_at: z.string().nullable().describe('When its membership was last computed (the job runs every 10 minutes; creating or editing it refreshes it at once)'),
  ...freshness,
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Segment' });
export type TSegment = z.infer<typeof ZSegment>;

export const ZSegmentMember = z.object({
  id: z.string(),
  member_no: z.string(),
  name: z.string().nullable(),
  phone: z.string().describe('Masked: 138****5678'),
  status: z.enum(['active', 'suspended', 'terminated']),
  tier: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
}).meta({ id: 'SegmentMember' });
export type TSegmentMember = z.infer<typeof ZSegmentMember>;

export const ZSegmentSample = z.object({
  size: z.number().int().nullable(),
  refreshed_at: z.string().nullable(),
  items: z.array(ZSegmentMember.extend({ joined_at: z.string().describe('When the member joined the segment (at a refresh)') })),
}).meta({ id: 'SegmentSample' });

export const ZPreview = z.object({
  size: z.number().int().describe('Members matching now'),
  sample: z.array(ZSegmentMember),
  as_of: z.string().describe('When it was computed: member attributes as they are now, purchase figures as of stats_refreshed_at'),
  ...freshness,
}).meta({ id: 'SegmentPreview' });

export const ZSegmentRun = z.object({
  stats_refreshed_at: z.string(),
  members: z.number().int().describe('Members whose figures were computed'),
  segments: z.array(z.object({ id: z.string(), size: z.number().int(), joined: z.number().int(), left: z.number().int() })),
}).meta({ id: 'SegmentRun' });
