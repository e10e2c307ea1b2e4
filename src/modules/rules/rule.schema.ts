import { z } from 'zod';
import { FIELD } from '../../platform/i18n.ts';
import { isId } from '../../platform/ids.ts';
import { MAX_FEN, MAX_POINTS, zDate, zFen, zId, zText } from '../../platform/schema.ts';
import { RULE_MESSAGES as MSG } from './rule.errors.ts';

// The API's shapes for earning rules (rule.ts has the engine's types; rule.schema.test.ts
// checks that each parsed shape is assignable to them).

// platform/ids.ts has no segment or campaign prefix on this branch yet; the check is zId's.
const zIdOf = (prefix: 'seg' | 'cmp') =>
  z.string().refine((v) => isId(v) && v.startsWith(`${prefix}_`), { message: FIELD.id.key, params: { prefix } });

/** present means "only these": an empty list would match nothing, so it is refused */
const zList = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(500);
const zHhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: MSG.hhmm.key });
const zCap = z.number().int().min(0).max(MAX_POINTS);

export const ZRuleConditions = z.strictObject({
  stores: zList(zId('sto')).optional(),
  categories: zList(zText(64)).optional().describe('Line condition: the rule applies to lines of these categories'),
  skus: zList(zText(64)).optional().describe('Line condition: the rule applies to lines of these SKUs (with categories: lines matching both)'),
  tiers: zList(zId('tier')).optional().describe('The member\'s tier at the purchase\'s time is one of these'),
  segments: zList(zIdOf('seg')).optional().describe('The member is in at least one of these segments'),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7)
    .refine((d) => new Set(d).size === d.length, { message: MSG.weekdays_unique.key }).optional()
    .describe('ISO weekdays in the program\'s time zone: 1 = Monday … 7 = Sunday'),
  dates: zList(zDate).optional().describe('Local dates (YYYY-MM-DD) in the program\'s time zone, e.g. double-points days'),
  hours: z.strictObject({ from: zHhmm, to: zHhmm })
    .refine((h) => h.from !== h.to, { path: ['to'], message: MSG.hours_empty.key }).optional()
    .describe('Local time of day, from inclusive, to exclusive; from after to runs across midnight (22:00–02:00); until midnight is to 00:00'),
  min_spend_fen: zFen.optional().describe('The purchase\'s eligible amount (after exclusions, on the program\'s basis) is at least this'),
  first_purchase: z.boolean().optional().describe('true: only the member\'s first purchase'),
  birthday_month: z.boolean().optional().describe('true: only in the member\'s birthday month (local)'),
}).meta({ id: 'RuleConditions' });
export type TRuleConditions = z.infer<typeof ZRuleConditions>;

const zScope = z.enum(['line', 'purchase']).describe('line: once per matching line; purchase: once, on the matching lines together');
export const ZRuleEffect = z.discriminatedUnion('kind', [
  // at most 1,000 points per per_fen keeps 10^12 fen × points within 2^53
  z.strictObject({ kind: z.literal('points_per_spend'), points: z.number().int().min(1).max(1_000), per_fen: z.number().int().min(1).max(MAX_FEN), scope: zScope })
    .describe('floor(basis × points / per_fen)'),
  z.strictObject({ kind: z.literal('multiplier'), factor_pct: z.number().int().min(100).max(1_000), scope: zScope })
    .describe('The base earn on the basis × (factor_pct − 100) / 100 on top of it: 200 doubles the base'),
  z.strictObject({ kind: z.literal('fixed_bonus'), points: z.number().int().min(1).max(MAX_POINTS), scope: zScope })
    .describe('points, per matching line (not per unit) or once per purchase'),
]).meta({ id: 'RuleEffect' });
export type TRuleEffect = z.infer<typeof ZRuleEffect>;

export const ZRuleCaps = z.strictObject({
  per_purchase: zCap.optional(),
  per_member_day: zCap.optional().describe('Local day in the program\'s time zone'),
  per_member_month: zCap.optional(),
  per_member_year: zCap.optional(),
}).meta({ id: 'RuleCaps' });
export type TRuleCaps = z.infer<typeof ZRuleCaps>;

export const ZRuleInput = z.strictObject({
  name: zText(100),
  name_en: zText(100).nullable().optional(),
  priority: z.number().int().min(0).max(1_000_000).describe('Higher runs first; of the exclusive rules that apply, only the highest fires'),
  mode: z.enum(['exclusive', 'stackable']).describe('exclusive: fires alone (besides the base and tier earn); stackable: adds to the others'),
  valid_from: zDate.nullable().optional().describe('First local date the rule is valid (inclusive); none = open'),
  valid_to: zDate.nullable().optional().describe('Last local date the rule is valid (inclusive); none = open'),
  conditions: ZRuleConditions,
  effect: ZRuleEffect,
  caps: ZRuleCaps,
  campaign_id: zIdOf('cmp').nullable().optional().describe('A campaign\'s rule also needs the campaign in force and within its budget and per-member limit'),
}).refine((v) => !v.valid_from || !v.valid_to || v.valid_from <= v.valid_to, { path: ['valid_to'], message: MSG.valid_range.key })
  .meta({ id: 'RuleDefinition' });
export type TRuleInput = z.infer<typeof ZRuleInput>;
