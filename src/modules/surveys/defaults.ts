import type { Question, SurveyKind } from './survey.table.ts';

// The questions a CSAT or NPS survey asks unless the operator writes their own: the headline
// rating first (what the results count), then "why?". 客户满意度调查 (seed 000 ch. 7).
export const DEFAULT_QUESTIONS: Record<Exclude<SurveyKind, 'custom'>, Question[]> = {
  csat: [
    { id: 'score', type: 'rating', label: '您对本次服务满意吗？（1 非常不满意 – 5 非常满意）', required: true, min: 1, max: 5 },
    { id: 'comment', type: 'text', label: '还有什么想告诉我们的吗？', required: false },
  ],
  nps: [
    { id: 'score', type: 'rating', label: '您有多大可能向朋友或同事推荐我们？（0 完全不可能 – 10 非常可能）', required: true, min: 0, max: 10 },
    { id: 'comment', type: 'text', label: '您给出这个分数的主要原因是什么？', required: false },
  ],
};
export const DEFAULT_TITLES = { csat: '服务满意度调查', nps: '会员推荐意愿调查（NPS）' } as const;
/** NPS rounds unless set: 200 members a month, nobody asked again within 90 days. */
export const NPS_DEFAULTS = { sample_size: 200, every_days: 30, recontact_days: 90 } as const;

/** A low score: one that "can open a follow-up case" (CSAT 1–2, NPS detractors 0–6). */
export const LOW = { csat: 2, nps: 6 } as const;
