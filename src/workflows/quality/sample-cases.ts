import { sample as pickRandom } from '../../platform/rng.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { roleCan, STAFF_ROLES } from '../../platform/permissions.ts';
import { addDays, startOfDay } from '../../platform/time.ts';
import { caseNotClosed, QUALITY_MESSAGES, type TReviewIn, type TReview, type TSampleIn } from '../../modules/quality/index.ts';
import type { Modules } from '../../services.ts';
import { LOW_SCORES } from '../../modules/surveys/index.ts';
import { caseSource } from './case-source.ts';
import { qualitySamples } from './quality-views.ts';

const REVIEWERS = STAFF_ROLES.filter((r) => roleCan(r, 'quality.review'));

/** Who may be given cases to score: active staff whose role holds quality.review. */
export async function qualityReviewers(s: Modules, programId: string) {
  return (await s.staff.active(programId, REVIEWERS)).map((x) => ({ id: x.id, display_name: x.display_name }));
}

/**
 * Sample closed cases for review (质量监控, seed 002 §4.2 (3)): random n of the cases closed
 * in the range (optionally one agent's), or by rule every low-CSAT / breached-SLA one (up to n,
 * oldest first), leaving out cases already sampled or reviewed; each case goes to the next reviewer in turn, or to two (a calibration pair).
 */
export async function sampleCases(s: Modules, programId: string, input: TSampleIn, actor: Principal) {
  const program = await s.programs.get(programId);
  if (isFailure(program)) return program;
  const card = await s.quality.scorecard(programId, input.scorecard_id);
  if (isFailure(card)) return card;
  if (!card.active) return validation('scorecard_id', QUALITY_MESSAGES.retired());
  const reviewers = new Set((await s.staff.active(programId, REVIEWERS)).map((x) => x.id));
  if (input.reviewer_ids.some((id) => !reviewers.has(id))) return validation('reviewer_ids', QUALITY_MESSAGES.not_reviewer());
  if (input.reviewers_per_case > input.reviewer_ids.length) return validation('reviewers_per_case', QUALITY_MESSAGES.not_reviewer());

  const from = startOfDay(input.from, program.time_zone);
  const to = startOfDay(addDays(input.to, 1), program.time_zone);
  let cases = (await s.cases.closedInRange(programId, from, to)).filter((c) => c.assignee_id !== null);
  if (input.agent_id) cases = cases.filter((c) => c.assignee_id === input.agent_id);
  // a case already sampled or reviewed is not drawn again (a second opinion is a calibration pair, asked for in one sample)
  const taken = await s.quality.takenCases(programId, cases.map((c) => c.id));
  cases = cases.filter((c) => !taken.has(c.id));
  const source = caseSource(s);
  if (input.kind === 'low_csat') {
    const csat = await source.csatOf(programId, cases.map((c) => c.id));
    cases = cases.filter((c) => (csat.get(c.id) ?? Infinity) <= LOW_SCORES.csat).slice(0, input.size);
  } else if (input.kind === 'breached_sla') {
    const breached = await source.breachedOf(programId, cases.map((c) => c.id));
    cases = cases.filter((c) => breached.has(c.id)).slice(0, input.size);
  } else cases = pickRandom(cases, input.size);

  const ids = input.reviewer_ids;
  const picks = cases.flatMap((c, i) => Array.from({ length: input.reviewers_per_case }, (_, k) => ({
    case_id: c.id, case_number: c.number, agent_id: c.assignee_id, reviewer_id: ids[(i * input.reviewers_per_case + k) % ids.length]!,
  })));
  const made = await s.quality.createSample(programId, input, picks, actor);
  const sample = (await qualitySamples(s, programId)).find((x) => x.id === made.sample.id);
  return sample ?? notFound('sample');
}

/** Score a closed case: the case's number, agent and closing time come from the cases module. */
export async function reviewCase(s: Modules, programId: string, input: TReviewIn, actor: Principal): Promise<Result<TReview>> {
  const c = await s.cases.get(programId, input.case_id, actor);
  if (isFailure(c)) return c;
  if (!c.closed_at) return caseNotClosed();
  if (!c.assignee_id) return validation('case_id', QUALITY_MESSAGES.no_agent());
  return s.quality.submitReview(programId, { id: c.id, number: c.number, closed_at: new Date(c.closed_at), agent_id: c.assignee_id }, input, actor);
}
