import { z } from 'zod';
import { FIELD } from '../../platform/i18n.ts';
import { MAX_FEN, zDate, zId, zText } from '../../platform/schema.ts';
import { TIER_MESSAGES as MSG } from './tier.errors.ts';

const zThreshold = z.number().int().min(0).max(MAX_FEN);

export const ZTierBenefitsInput = z.strictObject({
  earn_multiplier_pct: z.number().int().min(100).max(1000).optional().describe('Earning multiplier in per cent: 100 (default) = none, 150 = half as much again'),
  parking_hours: z.number().int().min(0).max(24).optional().describe('Free parking hours per visit (default 0)'),
  birthday_gift: zText(200).nullable().optional(),
  account_manager: z.boolean().optional().describe('A dedicated account manager (专属客户经理)'),
  reserved_offers: z.array(zText(100)).max(20).optional().describe('Offers only this tier may take (专享优惠)'),
}).meta({ id: 'TierBenefits' });

export const ZTierInput = z.strictObject({
  id: zId('tier').optional().describe('An existing tier to keep (its members stay in it); leave out for a new tier'),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, FIELD.code.key),
  name: zText(50).describe('Name in Chinese (普卡, 银卡…)'),
  name_en: zText(50).nullable().optional(),
  reach_threshold: zThreshold.describe('The qualifying figure (fen, points or visits, by the policy basis) that lifts a member into the tier'),
  keep_threshold: zThreshold.optional().describe('The figure that keeps the tier at a review; at most reach_threshold (default: equal to it)'),
  benefits: ZTierBenefitsInput.optional(),
});

/** A whole tier table, lowest tier first: ranks follow the order. */
export const ZTierTableInput = z.strictObject({
  tiers: z.array(ZTierInput).min(1).max(20).describe('Lowest tier first; reach thresholds strictly rising. Existing tiers left out are retired and their members moved'),
}).superRefine((v, c) => {
  const codes = new Set<string>();
  const ids = new Set<string>();
  v.tiers.forEach((t, i) => {
    if (codes.has(t.code)) c.addIssue({ code: 'custom', path: ['tiers', i, 'code'], message: MSG.duplicate_code.key });
    codes.add(t.code);
    if (t.id) {
      if (ids.has(t.id)) c.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: MSG.duplicate_id.key });
      ids.add(t.id);
    }
    if ((t.keep_threshold ?? t.reach_threshold) > t.reach_threshold) c.addIssue({ code: 'custom', path: ['tiers', i, 'keep_threshold'], message: MSG.keep_above_reach.key });
    const prev = v.tiers[i - 1];
    if (prev && t.reach_threshold <= prev.reach_threshold) {
      c.addIssue({ code: 'custom', path: ['tiers', i, 'reach_threshold'], message: MSG.reach_order.key, params: { previous: prev.reach_threshold } });
    }
  });
}).meta({ id: 'TierTable' });
export type TTierTableInput = z.infer<typeof ZTierTableInput>;

export const ZTierBenefitsOut = z.object({
  earn_multiplier_pct: z.number().int(), parking_hours: z.number().int(), birthday_gift: z.string().nullable(),
  account_manager: z.boolean(), reserved_offers: z.array(z.string()),
}).meta({ id: 'TierBenefitsView' });

export const ZTier = z.object({
  id: z.string(), code: z.string(), name: z.string(), name_en: z.string().nullable(), rank: z.number().int(),
  reach_threshold: z.number().int(), keep_threshold: z.number().int(), benefits: ZTierBenefitsOut,
}).meta({ id: 'Tier' });
export type TTier = z.infer<typeof ZTier>;

const basis = z.enum(['spend', 'points', 'visits']).describe('spend: fen spent (net of returns); points: points earned by purchases (net of returns); visits: days with a purchase');
const window = z.enum(['rolling_months', 'calendar_year', 'membership_year'])
  .describe('rolling_months: the last window_months months; calendar_year: 1 Jan–31 Dec; membership_year: from each enrolment anniversary');
const downgrade = z.enum(['one_down', 'to_supported']).describe('one_down: one tier down; to_supported: to the tier whose keep threshold the figure meets');

export const ZTierPolicyInput = z.strictObject({
  basis,
  window,
  window_months: z.number().int().min(1).max(120).optional().describe('rolling_months only (default 12)'),
  downgrade,
  grace_days: z.number().int().min(0).max(3650).describe('Days after a failed review before the member moves down'),
  warn_days: z.number().int().min(0).max(3650).describe('member.tier_will_drop goes out this many days before a review the member is short of'),
}).superRefine((v, c) => {
  if (v.window !== 'rolling_months' && v.window_months !== undefined) c.addIssue({ code: 'custom', path: ['window_months'], message: MSG.months_not_rolling.key });
}).meta({ id: 'TierPolicy' });
export type TTierPolicyInput = z.infer<typeof ZTierPolicyInput>;

export const ZTierPolicy = z.object({
  basis, window, window_months: z.number().int(), downgrade, grace_days: z.number().int(), warn_days: z.number().int(),
}).meta({ id: 'TierPolicyView' });

const ZTierCount = z.object({
  code: z.string(), name: z.string(), tier_id: z.string().nullable().describe('null for a tier the table would add'),
  before: z.number().int().describe('members in the tier now'),
  after: z.number().int().describe('members in the tier under the proposed table'),
  moving_up: z.number().int().describe('of its members now, how many would move up'),
  moving_down: z.number().int(), unchanged: z.number().int(),
});
export const ZTierPreview = z.object({
  members: z.number().int().describe('members evaluated (terminated members are not)'),
  up: z.number().int(), down: z.number().int(), unchanged: z.number().int(),
  no_tier_before: z.number().int(), no_tier_after: z.number().int(),
  by_tier: z.array(ZTierCount).describe('the proposed tiers in order, then the tiers the table would retire'),
}).meta({ id: 'TierPreview' });
export type TTierPreview = z.infer<typeof ZTierPreview>;

export const ZTierJob = z.object({
  id: z.string(), kind: z.enum(['apply_table', 'evaluate']), status: z.enum(['pending', 'running', 'done', 'failed']),
  total: z.number().int(), done: z.number().int(),
  summary: z.object({ up: z.number().int().optional(), down: z.number().int().optional(), unchanged: z.number().int().optional() }).loose(),
  error: z.string().nullable(), created_at: z.string(), started_at: z.string().nullable(), finished_at: z.string().nullable(),
}).meta({ id: 'TierJob' });
export type TTierJob = z.infer<typeof ZTierJob>;

export const ZTierJobParams = z.strictObject({ program_id: zId('prg'), job_id: zId('tjb') });
export const ZMemberTierParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });

export const ZTierFloorCreate = z.strictObject({
  tier_id: zId('tier'),
  reason: zText(500),
  ends_on: zDate.nullable().optional().describe('Last day of the floor (program time zone); none: until ended by hand'),
}).meta({ id: 'TierFloorCreate' });
export type TTierFloorCreate = z.infer<typeof ZTierFloorCreate>;

const ZTierRef = z.object({ id: z.string(), code: z.string(), name: z.string(), name_en: z.string().nullable() });
const ZWindow = z.object({ from: z.string(), to: z.string() });

export const ZTierFloor = z.object({
  id: z.string(), tier: ZTierRef.nullable(), reason: z.string(), ends_on: z.string().nullable(), actor: z.string().nullable(),
  created_at: z.string(), ended_at: z.string().nullable(), end_reason: z.string().nullable(),
}).meta({ id: 'TierFloor' });

export const ZMemberTier = z.object({
  member_id: z.string(),
  basis,
  tier: ZTier.nullable().describe('The current tier'),
  since: z.string().nullable().describe('When the member entered the current tier'),
  floor: ZTierFloor.nullable().describe('An active manual floor: the tier does not drop below it until it ends'),
  window: ZWindow.describe('The qualifying window today'),
  figure: z.number().int().describe('The qualifying figure in that window (fen, points or visits)'),
  next: z.object({ tier: ZTierRef, reach_threshold: z.number().int(), missing: z.number().int() }).nullable().describe('The next tier up and what is missing to reach it; null at the top'),
  keep: z.object({
    threshold: z.number().int(), review_on: z.string().describe('The review date: the figure in its window must meet the threshold'),
    window: ZWindow, figure: z.number().int().describe('The figure so far in the review\'s window'), missing: z.number().int(),
    drops_on: z.string().nullable().describe('When the member would move down if still short at the review (after the grace days); null when not at risk or held by a floor'),
  }).nullable(),
  history: z.array(z.object({
    id: z.string(), tier: ZTierRef.nullable(), from_tier: ZTierRef.nullable(), started_at: z.string(), ended_at: z.string().nullable(),
    source: z.enum(['enrol', 'purchase', 'evaluation', 'manual', 'floor_end', 'table_change', 'import']), reason: z.string().nullable(), actor: z.string().nullable(),
  })).describe('Tier periods, newest first'),
  floors: z.array(ZTierFloor).describe('Manual assignments, newest first'),
}).meta({ id: 'MemberTier' });
export type TMemberTier = z.infer<typeof ZMemberTier>;

export const ZTierRunRequest = z.strictObject({
  as_of: zDate.optional().describe('The day to evaluate as (program time zone); default today'),
}).nullish().meta({ id: 'TierRunRequest' });
export const ZTierRun = z.object({
  as_of: z.string(), members: z.number().int(), up: z.number().int(), down: z.number().int(),
  floors_ended: z.number().int(), warnings: z.number().int().describe('member.tier_will_drop events written'),
}).meta({ id: 'TierRun' });
