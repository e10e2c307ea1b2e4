import type { Principal } from '../../platform/context.ts';
import { isFailure, validation, type Result } from '../../platform/errors.ts';
import { addDays, startOfDay } from '../../platform/time.ts';
import { QUALITY_MESSAGES, type TAssignment, type TDispute, type TReview } from '../../modules/quality/index.ts';
import type { Modules } from '../../services.ts';
import { caseSource } from './case-source.ts';

// What the quality workspace reads: reviews, samples, disputes and calibration with the
// staff's names (staff are another module's data), and the per-agent figures beside the SLA
// and CSAT ones from the CaseSource.

const names = async (s: Modules, programId: string) => new Map((await s.staff.list(programId)).map((x) => [x.id, x.display_name]));
const name = (m: Map<string, string>, id: string | null) => (id ? m.get(id) ?? null : null);

export async function qualityReviews(s: Modules, programId: string, f: { agent_id?: string; case_id?: string; reviewer_id?: string }): Promise<TReview[]> {
  const n = await names(s, programId);
  return (await s.quality.reviews(programId, f)).map((r) => ({ ...r, agent_name: name(n, r.agent_id), reviewer_name: name(n, r.reviewer_id) }));
}
/** The signed-in person's own reviews (我的质检): any staff session, whatever its role. */
export async function myQualityReviews(s: Modules, programId: string, actor: Principal): Promise<Result<{ items: TReview[]; disputes: TDispute[] }>> {
  if (!actor.staffId) return validation('staff', QUALITY_MESSAGES.staff_only());
  return { items: await qualityReviews(s, programId, { agent_id: actor.staffId }), disputes: await qualityDisputes(s, programId, { agent_id: actor.staffId }) };
}
export async function qualityDisputes(s: Modules, programId: string, f: { agent_id?: string } = {}): Promise<TDispute[]> {
  const n = await names(s, programId);
  return (await s.quality.disputes(programId, f)).map((d) => ({ ...d, agent_name: name(n, d.agent_id), resolved_by_name: name(n, d.resolved_by) }));
}
export async function qualitySamples(s: Modules, programId: string) {
  const n = await names(s, programId);
  return (await s.quality.samples(programId)).map(({ sample, assignments }) => ({
    id: sample.id, kind: sample.kind, from: sample.from_date, to: sample.to_date, agent_id: sample.agent_id, requested: sample.requested,
    scorecard_id: sample.scorecard_id, created_by: sample.created_by, created_at: sample.created_at.toISOString(),
    assignments: assignments.map((a): TAssignment => ({
      id: a.id, sample_id: a.sample_id, case_id: a.case_id, case_number: a.case_number, agent_id: a.agent_id, agent_name: name(n, a.agent_id),
      reviewer_id: a.reviewer_id, reviewer_name: name(n, a.reviewer_id), review_id: a.review_id, scorecard_id: sample.scorecard_id, created_at: a.created_at.toISOString(),
    })),
  }));
}
export async function qualityAssignments(s: Modules, programId: string, reviewerId: string): Promise<TAssignment[]> {
  const n = await names(s, programId);
  return (await s.quality.assignmentsFor(programId, reviewerId)).map((a) => ({
    id: a.id, sample_id: a.sample_id, case_id: a.case_id, case_number: a.case_number, agent_id: a.agent_id, agent_name: name(n, a.agent_id),
    reviewer_id: a.reviewer_id, reviewer_name: name(n, a.reviewer_id), review_id: a.review_id, scorecard_id: a.scorecard_id, created_at: a.created_at.toISOString(),
  }));
}
/** The calibration pairs (up to 100 cases): their reviews, disputes, scorecards and the staff's names read once for all. */
export async function qualityCalibrations(s: Modules, programId: string) {
  const cases = await s.quality.calibrationCases(programId);
  const [views, n] = await Promise.all([s.quality.calibrations(programId, cases.map((c) => c.case_id)), names(s, programId)]);
  return cases.flatMap((c) => { const v = views.get(c.case_id); return v ? [named(n, v)] : []; });
}
export async function qualityCalibration(s: Modules, programId: string, caseId: string) {
  const v = await s.quality.calibration(programId, caseId);
  if (isFailure(v)) return v;
  return named(await names(s, programId), v);
}
type Calibration = Exclude<Awaited<ReturnType<Modules['quality']['calibration']>>, { code: string }>;
const named = (n: Map<string, string>, v: Calibration) =>
  ({ ...v, agent_name: name(n, v.agent_id), reviews: v.reviews.map((r) => ({ ...r, agent_name: name(n, r.agent_id), reviewer_name: name(n, r.reviewer_id) })) });

/**
 * Per agent, for cases closed from..to (program days, inclusive): quality score (mean of the
 * reviews), the same for the range just before it (the trend), SLA compliance and CSAT %
 * from the CaseSource; null where a figure does not exist.
 */
export async function qualityAgents(s: Modules, programId: string, range: { from: string; to: string }) {
  const program = await s.programs.get(programId);
  if (isFailure(program)) return program;
  const tz = program.time_zone;
  const from = startOfDay(range.from, tz);
  const to = startOfDay(addDays(range.to, 1), tz);
  const prevFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const [now, before, figures, n] = await Promise.all([
    s.quality.agentScores(programId, from, to), s.quality.agentScores(programId, prevFrom, from), caseSource(s).agentFigures(programId, { from, to }), names(s, programId),
  ]);
  const agents = new Set([...now.keys(), ...figures.keys()]);
  return [...agents].map((id) => {
    const q = now.get(id);
    const f = figures.get(id);
    return {
      agent_id: id, agent_name: n.get(id) ?? null, reviews: q?.reviews ?? 0, quality: q?.mean ?? null, previous_quality: before.get(id)?.mean ?? null,
      sla: f && f.sla_total > 0 ? f.sla_met / f.sla_total : null, csat: f && f.csat_total > 0 ? f.csat_good / f.csat_total : null,
    };
  }).sort((a, b) => (a.agent_name ?? a.agent_id).localeCompare(b.agent_name ?? b.agent_id, 'zh'));
}
