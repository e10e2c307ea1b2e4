import { z } from 'zod';
import { zDate, zId, zProgramParams, zText } from '../../platform/schema.ts';
import { SURVEY_MESSAGES as M } from './survey.errors.ts';

export const ZQuestion = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/).describe('Stable id, e.g. score, comment, q1'),
  type: z.enum(['rating', 'single', 'multiple', 'text']),
  label: zText(300),
  required: z.boolean().default(false),
  min: z.number().int().min(0).max(10).optional().describe('rating: lowest score'),
  max: z.number().int().min(1).max(10).optional().describe('rating: highest score'),
  options: z.array(zText(100)).optional().describe('single / multiple: the choices'),
}).superRefine((q, ctx) => {
  if (q.type === 'rating' && (q.min === undefined || q.max === undefined || q.min >= q.max)) ctx.addIssue({ code: 'custom', message: M.rating_range.key, path: ['max'] });
  if ((q.type === 'single' || q.type === 'multiple') && (!q.options || q.options.length < 2 || q.options.length > 20 || new Set(q.options).size !== q.options.length)) {
    ctx.addIssue({ code: 'custom', message: M.options_needed.key, path: ['options'] });
  }
});
const zQuestions = z.array(ZQuestion).min(1).max(30).refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: M.question_ids.key });

const zSettings = {
  title: zText(100),
  intro: z.string().trim().max(500).optional(),
  status: z.enum(['draft', 'active', 'closed']).optional(),
  link_days: z.number().int().min(1).max(90).optional().describe('Days a link stays open (default 14)'),
  sample_size: z.number().int().min(1).max(100000).nullable().optional().describe('NPS: members invited per round'),
  every_days: z.number().int().min(1).max(366).nullable().optional().describe('NPS: days between rounds'),
  recontact_days: z.number().int().min(0).max(3660).nullable().optional().describe('NPS: no member invited again within this many days (default 90)'),
};
export const ZSurveyCreate = z.strictObject({
  kind: z.enum(['csat', 'nps', 'custom']),
  ...zSettings,
  questions: zQuestions.optional().describe('CSAT and NPS: default 1–5 / 0–10 and a comment when omitted'),
});
export const ZSurveyUpdate = z.strictObject({ ...zSettings, title: zText(100).optional(), questions: zQuestions.optional() });

export const ZSurvey = z.object({
  id: z.string(), kind: z.enum(['csat', 'nps', 'custom']), title: z.string(), intro: z.string(),
  questions: z.array(z.object({ id: z.string(), type: z.enum(['rating', 'single', 'multiple', 'text']), label: z.string(), required: z.boolean(), min: z.number().optional(), max: z.number().optional(), options: z.array(z.string()).optional() })),
  status: z.enum(['draft', 'active', 'closed']), link_days: z.number().int(),
  sample_size: z.number().int().nullable(), every_days: z.number().int().nullable(), recontact_days: z.number().int().nullable(), last_round_at: z.string().nullable(),
  frozen: z.boolean().describe('Has answers: the questions can no longer change'),
  invited: z.number().int(), answered: z.number().int(),
  created_at: z.string(), updated_at: z.string(),
});

export const ZInvite = z.strictObject({
  member_ids: z.array(zId('mem')).min(1).max(500).optional().describe('These members; or'),
  segment_id: zId('seg').optional().describe('every member of this segment (its current membership)'),
  store_id: zId('sto').optional(),
  campaign_id: zText(40).optional().describe('The campaign the answers belong to'),
}).refine((v) => (v.member_ids === undefined) !== (v.segment_id === undefined), { message: M.who.key, path: ['member_ids'] });
export const ZInvited = z.object({
  items: z.array(z.object({ member_id: z.string(), invitation_id: z.string().nullable(), status: z.enum(['sent', 'skipped', 'already']), reason: z.string().nullable() })),
});

export const ZResultsQuery = z.strictObject({ from: zDate.optional(), to: zDate.optional() });
const ZFigure = z.object({ answers: z.number().int(), value: z.number().nullable().describe('CSAT %, NPS, or the average rating (custom)') });
const ZGroup = ZFigure.extend({ key: z.string().nullable(), name: z.string().nullable() });
export const ZResults = z.object({
  survey_id: z.string(), kind: z.string(), metric: z.enum(['csat', 'nps', 'average']),
  invited: z.number().int(), answered: z.number().int(), response_rate: z.number().nullable().describe('% of invitations sent that were answered'),
  value: z.number().nullable(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(),
  distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  by_week: z.array(ZGroup), by_month: z.array(ZGroup),
  by_store: z.array(ZGroup), by_tier: z.array(ZGroup), by_agent: z.array(ZGroup),
  questions: z.array(z.object({ id: z.string(), type: z.string(), label: z.string(), counts: z.record(z.string(), z.number().int()) })),
  comments: z.array(z.object({
    answer_id: z.string(), member_id: z.string(), score: z.number().int().nullable(), comment: z.string(), answered_at: z.string(),
    store_id: z.string().nullable(), agent_staff_id: z.string().nullable(), case_id: z.string().nullable(),
  })),
});

export const ZLowScoresQuery = z.strictObject({ survey_id: zId('srv').optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const ZLowScore = z.object({
  answer_id: z.string(), survey_id: z.string(), kind: z.string(), member_id: z.string(), score: z.number().int(), comment: z.string().nullable(),
  case_id: z.string().nullable(), store_id: z.string().nullable(), agent_staff_id: z.string().nullable(), answered_at: z.string(),
});

export const ZMemberSurveys = z.object({
  items: z.array(z.object({
    invitation_id: z.string(), survey_id: z.string(), title: z.string(), kind: z.string(), status: z.enum(['sent', 'answered', 'skipped', 'expired']),
    reason: z.string().nullable(), case_number: z.string().nullable(), created_at: z.string(), expires_at: z.string().nullable(),
    answer: z.object({ score: z.number().int().nullable(), comment: z.string().nullable(), answered_at: z.string() }).nullable(),
  })),
});

export const zSurveyParams = zProgramParams.extend({ survey_id: zId('srv') });
export const zMemberParams = zProgramParams.extend({ member_id: zId('mem') });

export type TQuestion = z.infer<typeof ZQuestion>;
export type TSurvey = z.infer<typeof ZSurvey>;
export type TSurveyCreate = z.infer<typeof ZSurveyCreate>;
export type TSurveyUpdate = z.infer<typeof ZSurveyUpdate>;
export type TResults = z.infer<typeof ZResults>;
export type TInvite = z.infer<typeof ZInvite>;
