import type { Db } from '../../db/database.ts';
import type { Answer, Category } from './quality.score.ts';
import type { AssignmentRow, DisputeRow, ReviewRow, SampleKind, ScorecardRow } from './quality.table.ts';

// The quality module's queries. Every function takes the handle: inside a workflow's
// transaction ctx.db is that transaction.

export const scorecards = (db: Db, programId: string, activeOnly: boolean) => {
  let q = db.selectFrom('quality_scorecards').selectAll().where('program_id', '=', programId);
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('family_id').orderBy('version', 'desc').execute();
};
export const scorecard = (db: Db, programId: string, id: string) =>
  db.selectFrom('quality_scorecards').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
/** Scorecards by id, in one query. */
export const scorecardsById = async (db: Db, programId: string, ids: readonly string[]) => new Map(ids.length
  ? (await db.selectFrom('quality_scorecards').selectAll().where('program_id', '=', programId).where('id', 'in', [...ids]).execute()).map((r) => [r.id, r])
  : []);
export const lockScorecard = (db: Db, programId: string, id: string) =>
  db.selectFrom('quality_scorecards').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
export async function usedScorecards(db: Db, programId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db.selectFrom('quality_reviews').select('scorecard_id').distinct().where('program_id', '=', programId).where('scorecard_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.scorecard_id));
}
export const insertScorecard = (db: Db, v: { program_id: string; id: string; family_id: string; version: number; name_zh: string; name_en: string; categories: Category[]; created_by: string }) =>
  db.insertInto('quality_scorecards').values({ ...v, categories: JSON.stringify(v.categories) }).returningAll().executeTakeFirstOrThrow();
export const updateScorecard = (db: Db, row: ScorecardRow, { categories, ...set }: { name_zh?: string; name_en?: string; categories?: Category[]; active?: boolean }) =>
  db.updateTable('quality_scorecards').set({ ...set, ...(categories ? { categories: JSON.stringify(categories) } : {}) })
    .where('program_id', '=', row.program_id).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();

export const insertSample = (db: Db, v: { program_id: string; id: string; kind: SampleKind; from_date: string; to_date: string; agent_id: string | null; requested: number; scorecard_id: string; created_by: string }) =>
  db.insertInto('quality_samples').values(v).returningAll().executeTakeFirstOrThrow();
export const insertAssignments = (db: Db, rows: Omit<AssignmentRow, 'created_at' | 'review_id'>[]) =>
  rows.length ? db.insertInto('quality_assignments').values(rows).returningAll().execute() : Promise.resolve([]);
export const samples = (db: Db, programId: string, limit: number) =>
  db.selectFrom('quality_samples').selectAll().where('program_id', '=', programId).orderBy('id', 'desc').limit(limit).execute();
export const assignmentsOf = (db: Db, programId: string, sampleIds: string[]) =>
  sampleIds.length ? db.selectFrom('quality_assignments').selectAll().where('program_id', '=', programId).where('sample_id', 'in', sampleIds).orderBy('id').execute() : Promise.resolve([]);
export const openAssignments = (db: Db, programId: string, reviewerId: string) =>
  db.selectFrom('quality_assignments').selectAll().where('program_id', '=', programId).where('reviewer_id', '=', reviewerId).where('review_id', 'is', null).orderBy('id').execute();
export const completeAssignments = (db: Db, programId: string, caseId: string, reviewerId: string, reviewId: string) =>
  db.updateTable('quality_assignments').set({ review_id: reviewId }).where('program_id', '=', programId).where('case_id', '=', caseId)
    .where('reviewer_id', '=', reviewerId).where('review_id', 'is', null).execute();

/** Of these cases, those already reviewed or given to a reviewer. */
export async function takenCases(db: Db, programId: string, caseIds: string[]) {
  if (!caseIds.length) return new Set<string>();
  const [a, r] = await Promise.all([
    db.selectFrom('quality_assignments').select('case_id').where('program_id', '=', programId).where('case_id', 'in', caseIds).execute(),
    db.selectFrom('quality_reviews').select('case_id').where('program_id', '=', programId).where('case_id', 'in', caseIds).execute(),
  ]);
  return new Set([...a, ...r].map((x) => x.case_id));
}
/** null when this reviewer already reviewed the case (the unique index decides, also under a race). */
export const insertReview = (db: Db, v: Omit<ReviewRow, 'answers'> & { answers: Answer[] }) =>
  db.insertInto('quality_reviews').values({ ...v, answers: JSON.stringify(v.answers) })
    .onConflict((oc) => oc.columns(['program_id', 'case_id', 'reviewer_id']).doNothing()).returningAll().executeTakeFirst();
/** Case numbers of reviews by id (one query for a list of disputes). */
export const caseNumbers = async (db: Db, programId: string, ids: readonly string[]) => new Map(ids.length
  ? (await db.selectFrom('quality_reviews').select(['id', 'case_number']).where('program_id', '=', programId).where('id', 'in', [...ids]).execute()).map((r) => [r.id, r.case_number])
  : []);

export const review = (db: Db, programId: string, id: string, lock = false) => {
  const q = db.selectFrom('quality_reviews').selectAll().where('program_id', '=', programId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};
export function reviews(db: Db, programId: string, f: { agent_id?: string; case_id?: string; reviewer_id?: string }) {
  let q = db.selectFrom('quality_reviews').selectAll().where('program_id', '=', programId);
  if (f.agent_id) q = q.where('agent_id', '=', f.agent_id);
  if (f.case_id) q = q.where('case_id', '=', f.case_id);
  if (f.reviewer_id) q = q.where('reviewer_id', '=', f.reviewer_id);
  return q.orderBy('reviewed_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}
/** Every review of these cases (calibration: at most 100 cases, a few reviewers each), oldest first. */
export const reviewsOfCases = (db: Db, programId: string, caseIds: readonly string[]) =>
  caseIds.length
    ? db.selectFrom('quality_reviews').selectAll().where('program_id', '=', programId).where('case_id', 'in', [...caseIds]).orderBy('reviewed_at').orderBy('id').execute()
    : Promise.resolve([]);
export const rescore = (db: Db, row: ReviewRow, v: { answers: Answer[]; score: number | null; critical_failed: boolean; at: Date }) =>
  db.updateTable('quality_reviews').set({ answers: JSON.stringify(v.answers), score: v.score, critical_failed: v.critical_failed, updated_at: v.at })
    .where('program_id', '=', row.program_id).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
/** Cases reviewed by two or more reviewers: the calibration pairs. */
export const calibrationCases = (db: Db, programId: string) =>
  db.selectFrom('quality_reviews').select(['case_id']).select((eb) => eb.fn.countAll<number>().as('n')).select((eb) => eb.fn.max('reviewed_at').as('last'))
    .where('program_id', '=', programId).groupBy('case_id').having((eb) => eb.fn.countAll(), '>=', 2).orderBy('last', 'desc').limit(100).execute();
/** Reviews of cases closed in [from, to), with a score. */
export const scoredInRange = (db: Db, programId: string, from: Date, to: Date) =>
  db.selectFrom('quality_reviews').select(['agent_id', 'score']).where('program_id', '=', programId).where('case_closed_at', '>=', from)
    .where('case_closed_at', '<', to).where('score', 'is not', null).where('agent_id', 'is not', null).execute();

/** null when the review already has its dispute. */
export const insertDispute = (db: Db, v: Pick<DisputeRow, 'program_id' | 'id' | 'review_id' | 'agent_id' | 'reason' | 'raised_at'>) =>
  db.insertInto('quality_disputes').values({ ...v, status: 'open' }).onConflict((oc) => oc.columns(['program_id', 'review_id']).doNothing()).returningAll().executeTakeFirst();
export const lockDispute = (db: Db, programId: string, id: string) =>
  db.selectFrom('quality_disputes').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
export const resolveDispute = (db: Db, row: DisputeRow, set: Pick<DisputeRow, 'status' | 'resolved_by' | 'resolved_at' | 'resolution' | 'score_before' | 'score_after'>) =>
  db.updateTable('quality_disputes').set(set).where('program_id', '=', row.program_id).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
export function disputes(db: Db, programId: string, f: { agent_id?: string; review_ids?: string[] }) {
  let q = db.selectFrom('quality_disputes').selectAll().where('program_id', '=', programId);
  if (f.agent_id) q = q.where('agent_id', '=', f.agent_id);
  if (f.review_ids) { if (!f.review_ids.length) return Promise.resolve([]); q = q.where('review_id', 'in', f.review_ids); }
  return q.orderBy('raised_at', 'desc').limit(500).execute();
}
