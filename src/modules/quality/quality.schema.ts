import { z } from 'zod';
import { zDate, zId, zText } from '../../platform/schema.ts';
import { QUALITY_MESSAGES as M } from './quality.errors.ts';

const zLong = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'));
const zKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).describe('A stable key for the category (a–z, 0–9, _)');

export const ZCategory = z.strictObject({
  key: zKey,
  name_zh: zText(60), name_en: zText(60),
  weight: z.number().int().min(1).max(100).describe('Relative weight of the category'),
  min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(10),
  critical: z.boolean().default(false).describe('Answered under its pass mark, the whole review scores 0'),
  pass_mark: z.number().int().min(0).max(10).nullable().default(null).describe('For a critical category: the lowest passing value on its scale'),
  na_allowed: z.boolean().default(false),
}).refine((c) => c.max > c.min, { message: M.scale.key, path: ['max'] })
  .refine((c) => !c.critical || (c.pass_mark !== null && c.pass_mark > c.min && c.pass_mark <= c.max), { message: M.pass_mark.key, path: ['pass_mark'] })
  .meta({ id: 'QualityCategory' });

export const ZScorecardIn = z.strictObject({
  name_zh: zText(60), name_en: zText(60),
  categories: z.array(ZCategory).min(1).max(30)
    .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, { message: M.duplicate_key.key }),
}).meta({ id: 'QualityScorecardIn' });
export const ZScorecard = z.object({
  id: z.string(), family_id: z.string(), version: z.number(), name_zh: z.string(), name_en: z.string(),
  categories: z.array(z.object({
    key: z.string(), name_zh: z.string(), name_en: z.string(), weight: z.number(), min: z.number(), max: z.number(),
    critical: z.boolean(), pass_mark: z.number().nullable(), na_allowed: z.boolean(),
  })),
  active: z.boolean(), used: z.boolean().describe('A review uses it: a change makes a new version'), created_at: z.string(),
}).meta({ id: 'QualityScorecard' });

const SAMPLE_KINDS = ['random', 'low_csat', 'breached_sla'] as const;
export const ZSampleIn = z.strictObject({
  kind: z.enum(SAMPLE_KINDS).describe('random: n closed cases; low_csat: every closed case with a CSAT answer of 2 or less; breached_sla: every closed case with a breached clock'),
  from: zDate.describe('First day of closing (program time zone)'), to: zDate.describe('Last day of closing, inclusive'),
  size: z.number().int().min(1).max(200).default(10).describe('How many cases at most'),
  agent_id: zId('stf').nullable().default(null).describe('Only cases this agent closed'),
  scorecard_id: zId('qsc'),
  reviewer_ids: z.array(zId('stf')).min(1).max(20).describe('Reviewers (quality.review); cases are dealt among them in turn'),
  reviewers_per_case: z.number().int().min(1).max(2).default(1).describe('2: each case goes to two reviewers (calibration)'),
}).refine((s) => s.to >= s.from, { message: M.range.key, path: ['to'] }).meta({ id: 'QualitySampleIn' });
export const ZAssignment = z.object({
  id: z.string(), sample_id: z.string(), case_id: z.string(), case_number: z.string(), agent_id: z.string().nullable(), agent_name: z.string().nullable(),
  reviewer_id: z.string(), reviewer_name: z.string().nullable(), review_id: z.string().nullable(), scorecard_id: z.string(), created_at: z.string(),
}).meta({ id: 'QualityAssignment' });
export const ZSample = z.object({
  id: z.string(), kind: z.enum(SAMPLE_KINDS), from: z.string(), to: z.string(), agent_id: z.string().nullable(), requested: z.number(),
  scorecard_id: z.string(), created_by: z.string(), created_at: z.string(), assignments: z.array(ZAssignment),
}).meta({ id: 'QualitySample' });

export const ZAnswer = z.strictObject({
  key: zKey, value: z.number().int().min(0).max(10).nullable().describe('null: not applicable'), comment: zLong(1000).default(''),
});
export const ZReviewIn = z.strictObject({
  case_id: zId('cas'), scorecard_id: zId('qsc'),
  answers: z.array(ZAnswer).min(1).max(30), comment: zLong(2000).default(''),
}).meta({ id: 'QualityReviewIn' });
export const ZReview = z.object({
  id: z.string(), case_id: z.string(), case_number: z.string(), case_closed_at: z.string(), agent_id: z.string().nullable(), agent_name: z.string().nullable(),
  reviewer_id: z.string(), reviewer_name: z.string().nullable(), scorecard_id: z.string(),
  answers: z.array(z.object({ key: z.string(), value: z.number().nullable(), comment: z.string() })), comment: z.string(),
  score: z.number().nullable().describe('0..1, null when every category was N/A'), critical_failed: z.boolean(),
  reviewed_at: z.string(), updated_at: z.string(), dispute_status: z.enum(['open', 'upheld', 'rejected']).nullable(),
}).meta({ id: 'QualityReview' });
export const ZReviewQuery = z.strictObject({
  agent_id: zId('stf').optional(), case_id: zId('cas').optional(), reviewer_id: zId('stf').optional(),
});

export const ZDisputeIn = z.strictObject({ reason: zText(1000) }).meta({ id: 'QualityDisputeIn' });
export const ZResolveIn = z.strictObject({
  outcome: z.enum(['upheld', 'rejected']), resolution: zText(1000).describe('What was decided and why'),
  answers: z.array(ZAnswer).min(1).max(30).optional().describe('Upheld: the review\'s re-score (its new answers)'),
}).refine((r) => r.outcome === 'rejected' || r.answers !== undefined, { message: M.rescore_required.key, path: ['answers'] }).meta({ id: 'QualityResolveIn' });
export const ZDispute = z.object({
  id: z.string(), review_id: z.string(), case_number: z.string(), agent_id: z.string(), agent_name: z.string().nullable(), reason: z.string(),
  status: z.enum(['open', 'upheld', 'rejected']), raised_at: z.string(), resolved_by: z.string().nullable(), resolved_by_name: z.string().nullable(),
  resolved_at: z.string().nullable(), resolution: z.string().nullable(), score_before: z.number().nullable(), score_after: z.number().nullable(),
}).meta({ id: 'QualityDispute' });

export const ZCalibrationCase = z.object({
  case_id: z.string(), case_number: z.string(), agent_id: z.string().nullable(), agent_name: z.string().nullable(), reviews: z.array(ZReview),
  categories: z.array(z.object({
    key: z.string(), name_zh: z.string(), name_en: z.string(), values: z.array(z.number().nullable()),
    gap: z.number().nullable().describe('Largest difference between the reviewers\' category scores (0..1); null when fewer than two answered'),
    disagree: z.boolean(),
  })),
  score_gap: z.number().nullable(),
}).meta({ id: 'QualityCalibration' });

export const ZRangeQuery = z.strictObject({ from: zDate, to: zDate }).refine((s) => s.to >= s.from, { message: M.range.key, path: ['to'] });
export const ZAgentFigures = z.object({
  agent_id: z.string(), agent_name: z.string().nullable(), reviews: z.number(),
  quality: z.number().nullable().describe('Mean review score (0..1) of the cases closed in the range'),
  previous_quality: z.number().nullable().describe('The same for the range just before (trend)'),
  sla: z.number().nullable().describe('Share of SLA clocks met (0..1); null when the SLA figures do not exist'),
  csat: z.number().nullable().describe('Share of CSAT answers 4–5 (0..1); null when there are none'),
}).meta({ id: 'QualityAgentFigures' });

export const zScorecardParams = z.strictObject({ program_id: zId('prg'), scorecard_id: zId('qsc') });
export const zReviewParams = z.strictObject({ program_id: zId('prg'), review_id: zId('qrv') });
export const zDisputeParams = z.strictObject({ program_id: zId('prg'), dispute_id: zId('qdp') });
export const zCaseParams = z.strictObject({ program_id: zId('prg'), case_id: zId('cas') });

export type TScorecardIn = z.infer<typeof ZScorecardIn>;
export type TScorecard = z.infer<typeof ZScorecard>;
export type TSampleIn = z.infer<typeof ZSampleIn>;
export type TAssignment = z.infer<typeof ZAssignment>;
export type TReviewIn = z.infer<typeof ZReviewIn>;
export type TReview = z.infer<typeof ZReview>;
export type TResolveIn = z.infer<typeof ZResolveIn>;
export type TDispute = z.infer<typeof ZDispute>;
export type TAnswerIn = z.infer<typeof ZAnswer>;
