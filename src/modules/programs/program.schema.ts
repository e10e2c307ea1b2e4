import { FIELD } from '../../platform/i18n.ts';
import { z } from 'zod';
import { zText, zTimeZone } from '../../platform/schema.ts';

export const ZExpiry = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('rolling_months'), months: z.number().int().min(1).max(120) }),
  z.strictObject({ policy: z.literal('year_end_following') }),
  z.strictObject({ policy: z.literal('never') }),
]).meta({ id: 'Expiry', description: 'rolling_months: a lot expires N months after it is earned; year_end_following: on 31 December of the following year; never' });

export const ZEarnRate = z.strictObject({
  points: z.number().int().min(0).max(1000),
  per_fen: z.number().int().min(1).max(100_000_000),
}).describe('points earned per per_fen of spend, rounded down: {points: 1, per_fen: 100} is 1 point per yuan');

export const ZEarnExclusions = z.strictObject({
  categories: z.array(zText(64)).max(200),
  skus: z.array(zText(64)).max(1000),
}).meta({ id: 'EarnExclusions', description: 'lines that never earn (gift cards, postage): they earn nothing and do not count toward a minimum spend' });

const zCap = z.number().int().min(0).max(100_000_000).optional();
export const ZEarnCaps = z.strictObject({
  per_purchase: zCap, per_member_day: zCap, per_member_month: zCap, per_member_year: zCap,
}).meta({ id: 'EarnCaps', description: "the most points one purchase, or one member in a local day / month / year (the program's zone), may receive; absent = no cap" });

export const ZProgramCreate = z.strictObject({
  name: zText(100),
  time_zone: zTimeZone.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, FIELD.currency.key).optional(),
  earn_rate: ZEarnRate.optional(),
  pending_days: z.number().int().min(0).max(365).optional(),
  expiry: ZExpiry.optional(),
  expiry_notice_days: z.number().int().min(0).max(365).optional(),
  earn_on: z.enum(['paid', 'before_discount']).optional().describe('points are earned on the amount paid after discounts (paid, the default) or before them'),
  earn_exclusions: ZEarnExclusions.optional(),
  earn_caps: ZEarnCaps.optional(),
}).meta({ id: 'ProgramCreate' });
export const ZProgramUpdate = ZProgramCreate.partial().meta({ id: 'ProgramUpdate' });
export type TProgramCreate = z.infer<typeof ZProgramCreate>;
export type TProgramUpdate = z.infer<typeof ZProgramUpdate>;

export const ZProgram = z.object({
  id: z.string(),
  name: z.string(),
  time_zone: z.string(),
  currency: z.string(),
  earn_rate: z.object({ points: z.number().int(), per_fen: z.number().int() }),
  pending_days: z.number().int(),
  expiry: ZExpiry,
  expiry_notice_days: z.number().int(),
  earn_on: z.enum(['paid', 'before_discount']),
  earn_exclusions: ZEarnExclusions,
  earn_caps: ZEarnCaps,
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Program' });
export type TProgram = z.infer<typeof ZProgram>;

const ZDayFigures = z.object({
  day: z.string().describe('Local day (the program\'s time zone)'), purchases: z.number().int(),
  amount_fen: z.number().int().describe('Spend, net of returns'), points: z.number().int().describe('Points earned, net of reversals'),
});
export const ZProgramOverview = z.object({
  as_of: z.string(), time_zone: z.string(),
  members: z.object({
    total: z.number().int(), active: z.number().int(), enrolled_today: z.number().int(),
    active_90_days: z.number().int().describe('Members with a purchase in the last 90 days'),
  }),
  points: z.object({ outstanding: z.number().int().describe('available + pending: the liability'), available: z.number().int(), pending: z.number().int() }),
  today: ZDayFigures.omit({ day: true }),
  days: z.array(ZDayFigures).describe('The last 30 local days, oldest first'),
}).meta({ id: 'ProgramOverview' });


/** The most actor ids one look-up names: a page of a statement or a history has fewer distinct ones. */
export const MAX_ACTOR_IDS = 100;
const ACTOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const ZActorQuery = z.strictObject({
  ids: z.string().max(MAX_ACTOR_IDS * 65).describe(`Actor ids separated by commas, at most ${MAX_ACTOR_IDS} (repeats count once)`).transform((v, c) => {
    const ids = [...new Set(v.split(',').map((id) => id.trim()).filter(Boolean))];
    if (!ids.length || ids.length > MAX_ACTOR_IDS || !ids.every((id) => ACTOR_ID.test(id))) {
      c.addIssue({ code: 'custom', message: FIELD.actor_ids.key });
      return z.NEVER;
    }
    return ids;
  }),
});

export const ZNamedActor = z.object({
  id: z.string(),
  name: z.string().nullable().describe('A staff member\'s display name or an API key\'s name; null for the system and for an id not known in this program'),
  kind: z.enum(['staff', 'api_key', 'system', 'unknown']).describe('system: a job, the command line or an import; unknown: not a staff account or key of this program (or deleted)'),
}).meta({ id: 'NamedActor', description: 'Who did something, by name: an actor id as rows record it (actor, *_by)' });
