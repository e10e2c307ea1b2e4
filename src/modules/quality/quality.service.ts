import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import { forgetCases, type QualityErased } from './quality.erase.ts';
import { alreadyDisputed, alreadyReviewed, answerMessage, disputeClosed, QUALITY_MESSAGES as M } from './quality.errors.ts';
import * as repo from './quality.repository.ts';
import type { TAnswerIn, TDispute, TResolveIn, TReview, TReviewIn, TSampleIn, TScorecard, TScorecardIn } from './quality.schema.ts';
import { checkAnswers, scoreReview, type Answer, type Category } from './quality.score.ts';
import type { AssignmentRow, DisputeRow, ReviewRow, ScorecardRow } from './quality.table.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toScorecard = (r: ScorecardRow, used: boolean): TScorecard => ({
  id: r.id, family_id: r.family_id, version: r.version, name_zh: r.name_zh, name_en: r.name_en, categories: r.categories,
  active: r.active, used, created_at: r.created_at.toISOString(),
});
const toReview = (r: ReviewRow, disputeStatus: TReview['dispute_status'] = null): TReview => ({
  id: r.id, case_id: r.case_id, case_number: r.case_number, case_closed_at: r.case_closed_at.toISOString(), agent_id: r.agent_id, agent_name: null,
  reviewer_id: r.reviewer_id, reviewer_name: null, scorecard_id: r.scorecard_id, answers: r.answers, comment: r.comment,
  score: r.score === null ? null : Number(r.score), critical_failed: r.critical_failed,
  reviewed_at: r.reviewed_at.toISOString(), updated_at: r.updated_at.toISOString(), dispute_status: disputeStatus,
});
const toDispute = (d: DisputeRow, caseNumber: string): TDispute => ({
  id: d.id, review_id: d.review_id, case_number: caseNumber, agent_id: d.agent_id, agent_name: null, reason: d.reason, status: d.status,
  raised_at: d.raised_at.toISOString(), resolved_by: d.resolved_by, resolved_by_name: null, resolved_at: iso(d.resolved_at), resolution: d.resolution,
  score_before: d.score_before === null ? null : Number(d.score_before), score_after: d.score_after === null ? null : Number(d.score_after),
});
const normalise = (categories: TScorecardIn['categories']): Category[] =>
  categories.map((c) => ({ ...c, pass_mark: c.critical ? c.pass_mark : null }));
const answersOf = (a: TAnswerIn[]): Answer[] => a.map((x) => ({ key: x.key, value: x.value, comment: x.comment }));

/** A case's reviews (oldest first) side by side by the categories of the first one's scorecard (a pair is normally on the same one). */
function compare(caseId: string, reviews: TReview[], cards: ReadonlyMap<string, ScorecardRow>) {
  const first = cards.get(reviews[0]!.scorecard_id)!;
  const categories = first.categories.map((cat) => {
    const values = reviews.map((r) => r.answers.find((a) => a.key === cat.key)?.value ?? null);
    const norm = values.filter((v): v is number => v !== null).map((v) => (v - cat.min) / (cat.max - cat.min));
    const gap = norm.length >= 2 ? Math.max(...norm) - Math.min(...norm) : null;
    // one reviewer said N/A and the other scored it: that is a disagreement too
    const disagree = new Set(values).size > 1;
    return { key: cat.key, name_zh: cat.name_zh, name_en: cat.name_en, values, gap, disagree };
  });
  const scores = reviews.map((r) => r.score).filter((s): s is number => s !== null);
  return {
    case_id: caseId, case_number: reviews[0]!.case_number, agent_id: reviews[0]!.agent_id, agent_name: null, reviews, categories,
    score_gap: scores.length >= 2 ? Math.max(...scores) - Math.min(...scores) : null,
  };
}

/** A closed case as the quality module keeps it (copied in from the cases module by the workflow). */
export interface ReviewedCase { id: string; number: string; closed_at: Date; agent_id: string | null }
export interface Pick_ { case_id: string; case_number: string; agent_id: string | null; reviewer_id: string }

export function qualityService(ctx: Ctx) {
  async function scored(programId: string, scorecardId: string, answers: Answer[], field = 'answers'): Promise<Result<{ card: ScorecardRow; score: number | null; critical_failed: boolean }>> {
    const card = await repo.scorecard(ctx.db, programId, scorecardId);
    if (!card) return notFound('scorecard', 'scorecard_id');
    const problem = checkAnswers(card.categories, answers);
    if (problem) return validation(field, answerMessage(problem));
    return { card, ...scoreReview(card.categories, answers) };
  }
  async function withDisputes(programId: string, rows: ReviewRow[]) {
    const ds = new Map((await repo.disputes(ctx.db, programId, { review_ids: rows.map((r) => r.id) })).map((d) => [d.review_id, d.status]));
    return rows.map((r) => toReview(r, ds.get(r.id) ?? null));
  }

  const service = {
    /** An erasure (PIPL 第四十七条), in the caller's transaction: the reviews of the member's cases keep their scores, lose their words (quality.erase.ts). */
    forgetCases: (programId: string, caseIds: readonly string[]): Promise<QualityErased> => {
      assertTransaction(ctx.db);
      return forgetCases(ctx.db, programId, caseIds);
    },
    async scorecards(programId: string, activeOnly = true): Promise<TScorecard[]> {
      const rows = await repo.scorecards(ctx.db, programId, activeOnly);
      const used = await repo.usedScorecards(ctx.db, programId, rows.map((r) => r.id));
      return rows.map((r) => toScorecard(r, used.has(r.id)));
    },
    async scorecard(programId: string, id: string): Promise<Result<TScorecard>> {
      const r = await repo.scorecard(ctx.db, programId, id);
      if (!r) return notFound('scorecard', 'scorecard_id');
      return toScorecard(r, (await repo.usedScorecards(ctx.db, programId, [id])).has(id));
    },
    async createScorecard(programId: string, input: TScorecardIn, actor: Principal): Promise<TScorecard> {
      const id = newId('qsc');
      const r = await repo.insertScorecard(ctx.db, { program_id: programId, id, family_id: id, version: 1, name_zh: input.name_zh, name_en: input.name_en, categories: normalise(input.categories), created_by: actor.keyId });
      return toScorecard(r, false);
    },
    /**
     * Change a scorecard. Once a review uses it, its reviews must keep meaning what they meant:
     * the change becomes a new version (the old one retired), never an edit under them.
     */
    changeScorecard: (programId: string, id: string, input: TScorecardIn, actor: Principal): Promise<Result<TScorecard>> => inTransaction(ctx.db, async () => {
      const r = await repo.lockScorecard(ctx.db, programId, id);
      if (!r) return notFound('scorecard', 'scorecard_id');
      if (!r.active) return validation('scorecard_id', M.retired());
      const set = { name_zh: input.name_zh, name_en: input.name_en, categories: normalise(input.categories) };
      if (!(await repo.usedScorecards(ctx.db, programId, [id])).has(id)) return toScorecard(await repo.updateScorecard(ctx.db, r, set), false);
      await repo.updateScorecard(ctx.db, r, { active: false });
      const next = await repo.insertScorecard(ctx.db, { program_id: programId, id: newId('qsc'), family_id: r.family_id, version: r.version + 1, ...set, created_by: actor.keyId });
      return toScorecard(next, false);
    }),

    /** Record a sample and its assignments (the cases picked by the sampling workflow). */
    createSample: (programId: string, input: TSampleIn, picks: Pick_[], actor: Principal) => inTransaction(ctx.db, async () => {
      const s = await repo.insertSample(ctx.db, {
        program_id: programId, id: newId('qsm'), kind: input.kind, from_date: input.from, to_date: input.to, agent_id: input.agent_id, requested: input.size,
        scorecard_id: input.scorecard_id, created_by: actor.keyId,
      });
      const assignments = await repo.insertAssignments(ctx.db, picks.map((p) => ({ program_id: programId, id: newId('qas'), sample_id: s.id, ...p })));
      return { sample: s, assignments };
    }),
    /** Cases already sampled or reviewed: a new sample leaves them out. */
    takenCases: (programId: string, caseIds: string[]) => repo.takenCases(ctx.db, programId, caseIds),
    async samples(programId: string, limit = 50) {
      const rows = await repo.samples(ctx.db, programId, limit);
      const all = await repo.assignmentsOf(ctx.db, programId, rows.map((r) => r.id));
      return rows.map((sample) => ({ sample, assignments: all.filter((a) => a.sample_id === sample.id) }));
    },
    async assignmentsFor(programId: string, reviewerId: string): Promise<Array<AssignmentRow & { scorecard_id: string }>> {
      const rows = await repo.openAssignments(ctx.db, programId, reviewerId);
      const cards = new Map((await repo.samples(ctx.db, programId, 1000)).map((s) => [s.id, s.scorecard_id]));
      return rows.map((a) => ({ ...a, scorecard_id: cards.get(a.sample_id) ?? '' }));
    },

    /** Score a closed case: one review per reviewer per case; the reviewer's assignments of it are done. */
    submitReview: (programId: string, c: ReviewedCase, input: TReviewIn, actor: Principal, now = new Date()): Promise<Result<TReview>> => inTransaction(ctx.db, async () => {
      const answers = answersOf(input.answers);
      const s = await scored(programId, input.scorecard_id, answers);
      if (isFailure(s)) return s;
      if (!s.card.active) return validation('scorecard_id', M.retired());
      const r = await repo.insertReview(ctx.db, {
        program_id: programId, id: newId('qrv', now.getTime()), case_id: c.id, case_number: c.number, case_closed_at: c.closed_at, agent_id: c.agent_id,
        reviewer_id: actor.keyId, scorecard_id: s.card.id, answers, comment: input.comment, score: s.score, critical_failed: s.critical_failed, reviewed_at: now, updated_at: now,
      });
      if (!r) return alreadyReviewed();
      await repo.completeAssignments(ctx.db, programId, c.id, actor.keyId, r.id);
      return toReview(r);
    }),
    async review(programId: string, id: string): Promise<Result<TReview>> {
      const r = await repo.review(ctx.db, programId, id);
      if (!r) return notFound('review', 'review_id');
      return (await withDisputes(programId, [r]))[0]!;
    },
    async reviews(programId: string, f: { agent_id?: string; case_id?: string; reviewer_id?: string }) {
      return withDisputes(programId, await repo.reviews(ctx.db, programId, f));
    },
    /** Mean score per agent of the reviewed cases closed in [from, to) (N/A-only reviews have no score and are left out). */
    async agentScores(programId: string, from: Date, to: Date) {
      const by = new Map<string, { sum: number; n: number }>();
      for (const r of await repo.scoredInRange(ctx.db, programId, from, to)) {
        const a = by.get(r.agent_id!) ?? { sum: 0, n: 0 };
        a.sum += Number(r.score); a.n += 1;
        by.set(r.agent_id!, a);
      }
      return new Map([...by].map(([agent, a]) => [agent, { reviews: a.n, mean: a.sum / a.n }]));
    },

    /** One case's reviews side by side (calibrations for one). */
    async calibration(programId: string, caseId: string) {
      return (await service.calibrations(programId, [caseId])).get(caseId) ?? notFound('review', 'case_id');
    },
    /**
     * Per case reviewed twice or more: each category's values side by side and where they
     * disagree. The cases' reviews, their disputes and their scorecards in three queries, however
     * many cases. A case without reviews is not in the answer.
     */
    async calibrations(programId: string, caseIds: readonly string[]) {
      const rows = await repo.reviewsOfCases(ctx.db, programId, caseIds);
      const [reviews, cards] = await Promise.all([withDisputes(programId, rows), repo.scorecardsById(ctx.db, programId, [...new Set(rows.map((r) => r.scorecard_id))])]);
      const byCase = new Map<string, TReview[]>();
      for (const r of reviews) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r]);
      return new Map([...byCase].map(([caseId, list]) => [caseId, compare(caseId, list, cards)]));
    },
    calibrationCases: (programId: string) => repo.calibrationCases(ctx.db, programId),

    /** The agent disputes a review of their own work, once. */
    raiseDispute: (programId: string, reviewId: string, reason: string, actor: Principal, now = new Date()): Promise<Result<TDispute>> => inTransaction(ctx.db, async () => {
      if (!actor.staffId) return validation('review_id', M.staff_only());
      const r = await repo.review(ctx.db, programId, reviewId);
      // someone else's review is answered as not found: an agent learns nothing of colleagues' reviews
      if (!r || r.agent_id !== actor.staffId) return notFound('review', 'review_id');
      const d = await repo.insertDispute(ctx.db, { program_id: programId, id: newId('qdp', now.getTime()), review_id: r.id, agent_id: actor.staffId, reason, raised_at: now });
      if (!d) return alreadyDisputed();
      return toDispute(d, r.case_number);
    }),
    /** A reviewer decides: upheld re-scores the review with new answers, rejected leaves it; either way the outcome is recorded. */
    resolveDispute: (programId: string, disputeId: string, input: TResolveIn, actor: Principal, now = new Date()): Promise<Result<TDispute>> => inTransaction(ctx.db, async () => {
      const d = await repo.lockDispute(ctx.db, programId, disputeId);
      if (!d) return notFound('dispute', 'dispute_id');
      if (d.status !== 'open') return disputeClosed();
      const r = (await repo.review(ctx.db, programId, d.review_id, true))!;
      if (r.reviewer_id === actor.keyId) return validation('dispute_id', M.own_review());
      const before = r.score === null ? null : Number(r.score);
      let after = before;
      if (input.outcome === 'upheld') {
        const answers = answersOf(input.answers!);
        const s = await scored(programId, r.scorecard_id, answers);
        if (isFailure(s)) return s;
        after = (await repo.rescore(ctx.db, r, { answers, score: s.score, critical_failed: s.critical_failed, at: now })).score;
      }
      const done = await repo.resolveDispute(ctx.db, d, {
        status: input.outcome, resolved_by: actor.keyId, resolved_at: now, resolution: input.resolution, score_before: before, score_after: after,
      });
      return toDispute(done, r.case_number);
    }),
    async disputes(programId: string, f: { agent_id?: string } = {}) {
      const rows = await repo.disputes(ctx.db, programId, f);
      const numbers = await repo.caseNumbers(ctx.db, programId, [...new Set(rows.map((d) => d.review_id))]);
      return rows.map((d) => toDispute(d, numbers.get(d.review_id) ?? ''));
    },
  };
  return service;
}
export type QualityService = ReturnType<typeof qualityService>;
