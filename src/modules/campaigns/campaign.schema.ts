import { z } from 'zod';
import { FIELD } from '../../platform/i18n.ts';
import { isId } from '../../platform/ids.ts';
import { MAX_POINTS, zDate, zDateTime, zId, zPoints, zText } from '../../platform/schema.ts';
import { CAMPAIGN_MESSAGES as MSG } from './campaign.errors.ts';

// platform/ids.ts has no segment prefix on this branch yet (the segments module brings it).
const zSegmentId = z.string().refine((v) => isId(v) && v.startsWith('seg_'), { message: FIELD.id.key, params: { prefix: 'seg' } });

export const CAMPAIGN_STATUSES = ['draft', 'active', 'ended', 'cancelled'] as const;
export const CAMPAIGN_KINDS = ['rules', 'award'] as const;

const fields = {
  name: zText(100),
  name_en: zText(100).nullable().optional(),
  description: zText(1000).nullable().optional(),
  starts_at: zDateTime.describe('When the campaign starts (inclusive)'),
  ends_at: zDateTime.describe('When it ends (exclusive): a purchase at starts_at ≤ t < ends_at counts'),
  segment_id: zSegmentId.nullable().optional().describe('The segment it targets; null or absent: every member'),
  award_points: zPoints.nullable().optional().describe('kind award: points each member of the target receives once'),
  coupon_type_id: zId('cpt').nullable().optional().describe('kind award: also issue one coupon of this type to each member awarded'),
  budget_points: z.number().int().min(0).max(MAX_POINTS).nullable().optional().describe('Points the campaign may give in all (its rules and its award); null: no budget'),
  per_member_limit: zPoints.nullable().optional().describe('Points one member may receive from the campaign; null: no limit'),
  holdout_pct: z.number().int().min(0).max(50).optional().describe('Percent of the target held out at random (sticky per member), who get nothing: the control group of the report. Default 0'),
};

const endsAfterStart = (v: { starts_at?: string; ends_at?: string }) =>
  !v.starts_at || !v.ends_at || Date.parse(v.ends_at) > Date.parse(v.starts_at);

export const ZCampaignCreate = z.strictObject({
  ...fields,
  kind: z.enum(CAMPAIGN_KINDS).describe('rules: switches on earning rules that name it (campaign_id); award: gives award_points once to every member of the target'),
}).refine(endsAfterStart, { path: ['ends_at'], message: MSG.ends_before_start.key })
  .refine((v) => v.kind !== 'award' || (v.award_points ?? null) !== null, { path: ['award_points'], message: MSG.award_points_required.key })
  .refine((v) => v.kind !== 'rules' || (v.award_points ?? null) === null, { path: ['award_points'], message: MSG.award_points_rules.key })
  .refine((v) => v.kind !== 'rules' || (v.coupon_type_id ?? null) === null, { path: ['coupon_type_id'], message: MSG.coupon_type_rules.key })
  .meta({ id: 'CampaignCreate' });
export type TCampaignCreate = z.infer<typeof ZCampaignCreate>;

export const ZCampaignUpdate = z.strictObject({
  name: fields.name.optional(), name_en: fields.name_en, description: fields.description,
  starts_at: fields.starts_at.optional(), ends_at: fields.ends_at.optional(), segment_id: fields.segment_id,
  award_points: fields.award_points, coupon_type_id: fields.coupon_type_id, budget_points: fields.budget_points, per_member_limit: fields.per_member_limit, holdout_pct: fields.holdout_pct,
}).refine(endsAfterStart, { path: ['ends_at'], message: MSG.ends_before_start.key })
  .meta({ id: 'CampaignUpdate', description: 'Only while draft or active. Once active, the start, target, award and holdout are fixed; the end may move (not into the past) and the budget may grow or shrink down to what is used.' });
export type TCampaignUpdate = z.infer<typeof ZCampaignUpdate>;

export const ZCampaignStatusChange = z.strictObject({
  status: z.enum(['active', 'ended', 'cancelled']).describe('active: start (from draft); ended: stop now, ends_at becomes now (from active); cancelled: never applies again (from draft or active)'),
}).meta({ id: 'CampaignStatusChange' });

export const ZCampaignParams = z.strictObject({ program_id: zId('prg'), campaign_id: zId('cmp') });
export const ZCampaignJobParams = z.strictObject({
  program_id: zId('prg'), campaign_id: zId('cmp'), job_id: zId('cjb'),
});
export const ZCampaignListQuery = z.strictObject({ status: z.enum(CAMPAIGN_STATUSES).optional().describe('Only campaigns in this status (default: all)') });

export const ZCampaign = z.object({
  id: z.string(), name: z.string(), name_en: z.string().nullable(), description: z.string().nullable(),
  starts_at: z.string(), ends_at: z.string(), segment_id: z.string().nullable(), kind: z.enum(CAMPAIGN_KINDS),
  award_points: z.number().int().nullable(), coupon_type_id: z.string().nullable().describe('A coupon type the award issues too'), budget_points: z.number().int().nullable(),
  budget_used: z.number().int().describe('Points given so far (rules and award); never above budget_points'),
  budget_left: z.number().int().nullable().describe('budget_points − budget_used; null: no budget'),
  per_member_limit: z.number().int().nullable(), holdout_pct: z.number().int(), status: z.enum(CAMPAIGN_STATUSES),
  members_reached: z.number().int().describe('Members who received points from the campaign'),
  members_awarded: z.number().int().describe('Members who received the one-off award'),
  actor: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Campaign' });
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZAwardJob = z.object({
  id: z.string(), campaign_id: z.string(), status: z.enum(['running', 'done', 'failed']),
  total: z.number().int().describe('Members of the target, held-out ones left out'),
  done: z.number().int().describe('Members gone through so far'),
  awarded: z.number().int().describe('Members this run awarded'),
  skipped: z.number().int().describe('Members skipped: already awarded (an earlier or overlapping run), not active, or at their limit'),
  points: z.number().int().describe('Points this run awarded'),
  stop_reason: z.enum(['budget_spent']).nullable().describe('budget_spent: the run stopped because the budget could not pay another award'),
  error: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'CampaignAwardJob' });
export type TAwardJob = z.infer<typeof ZAwardJob>;

const ZGroupFigures = z.object({
  members: z.number().int(),
  spend_fen: z.number().int().describe('Spend net of returns over the window, in all'),
  visits: z.number().int().describe('Days with a purchase, summed over the members'),
  points: z.number().int().describe('Points earned by purchases in the window, plus the campaign\'s award'),
  mean_spend_fen: z.number(), mean_visits: z.number(), mean_points: z.number(),
}).meta({ id: 'CampaignGroupFigures' });

const ZLift = z.object({
  absolute: z.number().nullable().describe('Treated mean − held-out mean per member'),
  pct: z.number().nullable().describe('absolute / held-out mean × 100; null when the held-out mean is 0'),
  ci_low: z.number().nullable().describe('95 % confidence interval of absolute (Welch\'s t); null with fewer than 2 members on a side'),
  ci_high: z.number().nullable(),
  ci_low_pct: z.number().nullable().describe('The interval relative to the held-out mean (the mean taken as exact)'),
  ci_high_pct: z.number().nullable(),
  df: z.number().nullable().describe('Welch–Satterthwaite degrees of freedom'),
  significant: z.boolean().describe('The interval excludes 0'),
}).meta({ id: 'CampaignLift' });

export const ZCampaignReport = z.object({
  campaign_id: z.string(), from: z.string(), to: z.string().describe('The window\'s end: ends_at, or now while the campaign runs'),
  holdout_pct: z.number().int(),
  treated: ZGroupFigures, held_out: ZGroupFigures,
  lift: z.object({ spend_fen: ZLift, visits: ZLift, points: ZLift }),
  daily: z.array(z.object({
    date: z.string().describe('Local date in the program\'s time zone'),
    treated_spend_fen: z.number().int(), held_out_spend_fen: z.number().int(),
    treated_mean_spend_fen: z.number(), held_out_mean_spend_fen: z.number(),
    treated_visitors: z.number().int(), held_out_visitors: z.number().int(),
  })).describe('One entry per local day of the window'),
}).meta({ id: 'CampaignReport' });
export type TCampaignReport = z.infer<typeof ZCampaignReport>;

export const ZBirthdayRunRequest = z.strictObject({
  as_of: zDate.optional().describe('The local day whose birthdays are greeted. Default: today in the program\'s time zone'),
}).nullish().meta({ id: 'BirthdayRunRequest' });
export const ZBirthdayRun = z.object({
  as_of: z.string(), birthdays: z.number().int().describe('Active members with a birthday that day'),
  consenting: z.number().int().describe('…of whom consent to marketing'),
  sent: z.number().int().describe('member.birthday events written (a member is greeted once a year)'),
}).meta({ id: 'BirthdayRun' });
