// The review score (issue 12, exactly as written there; the Zendesk QA model in
// research/service-desk-anchors.md §4): each category scores (chosen − min)/(max − min); the
// review is the weighted mean of the categories answered; N/A drops out of the weights; a
// critical category answered under its pass mark sets the whole review to 0. A review whose
// every category is N/A has no score (null, "not scorable"): 0 would punish the agent for
// a case the scorecard did not fit, 100 % would reward them for it.

export interface Category {
  key: string;
  name_zh: string;
  name_en: string;
  /** relative weight, 1..100 */
  weight: number;
  min: number;
  max: number;
  critical: boolean;
  /** for a critical category: the lowest value on the scale that passes */
  pass_mark: number | null;
  na_allowed: boolean;
}
/** value null = N/A */
export interface Answer { key: string; value: number | null; comment: string }

export interface Scored { score: number | null; critical_failed: boolean }

/** The categories' answers are assumed checked (checkAnswers) before this is called. */
export function scoreReview(categories: readonly Category[], answers: readonly Answer[]): Scored {
  const byKey = new Map(answers.map((a) => [a.key, a.value]));
  let weights = 0;
  let sum = 0;
  let criticalFailed = false;
  for (const c of categories) {
    const v = byKey.get(c.key) ?? null;
    if (v === null) continue;
    if (c.critical && c.pass_mark !== null && v < c.pass_mark) criticalFailed = true;
    weights += c.weight;
    sum += c.weight * ((v - c.min) / (c.max - c.min));
  }
  if (criticalFailed) return { score: 0, critical_failed: true };
  return { score: weights === 0 ? null : sum / weights, critical_failed: false };
}

export type AnswerProblem =
  | { kind: 'missing'; key: string } | { kind: 'unknown'; key: string } | { kind: 'na_not_allowed'; key: string }
  | { kind: 'off_scale'; key: string; min: number; max: number };

/** What is wrong with a set of answers to a scorecard, if anything: every category answered once, on its scale. */
export function checkAnswers(categories: readonly Category[], answers: readonly Answer[]): AnswerProblem | null {
  const keys = new Set(categories.map((c) => c.key));
  for (const a of answers) if (!keys.has(a.key)) return { kind: 'unknown', key: a.key };
  for (const c of categories) {
    const a = answers.find((x) => x.key === c.key);
    if (!a) return { kind: 'missing', key: c.key };
    if (a.value === null) { if (!c.na_allowed) return { kind: 'na_not_allowed', key: c.key }; continue; }
    if (!Number.isInteger(a.value) || a.value < c.min || a.value > c.max) return { kind: 'off_scale', key: c.key, min: c.min, max: c.max };
  }
  return null;
}
