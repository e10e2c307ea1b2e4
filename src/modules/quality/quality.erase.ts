import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ERASED_TEXT } from '../../platform/member-data.ts';

// Erasure of a member (PIPL 第四十七条 删除) as the quality module carries it out, in the
// caller's transaction, for the member's cases (their ids come from the cases module through
// the erasure workflow: this module keeps no member id).
//
// Stays: each review's case number, agent, reviewer, scorecard, every answer's value, the
// score and its critical flag, the dates; each dispute's agent, status, scores before and after
// and dates. The agents' figures and the calibration pairs do not move.
//
// Goes, replaced by ERASED_TEXT: what reviewers and agents wrote, which may quote the member
// or name them — a review's comment and its answers' comments, a dispute's reason and its
// resolution. An empty comment stays empty (nothing was said).

export interface QualityErased { reviews: number; disputes: number }

export async function forgetCases(db: Db, programId: string, caseIds: readonly string[]): Promise<QualityErased> {
  if (!caseIds.length) return { reviews: 0, disputes: 0 };
  const rows = await db.selectFrom('quality_reviews').select(['id', 'comment', 'answers'])
    .where('program_id', '=', programId).where('case_id', 'in', caseIds).orderBy('id').execute();
  let reviews = 0;
  for (const r of rows) {
    const answers = r.answers.map((a) => (a.comment === '' ? a : { ...a, comment: ERASED_TEXT }));
    const comment = r.comment === '' ? '' : ERASED_TEXT;
    if (comment === r.comment && JSON.stringify(answers) === JSON.stringify(r.answers)) continue;
    await db.updateTable('quality_reviews').set({ comment, answers: JSON.stringify(answers) })
      .where('program_id', '=', programId).where('id', '=', r.id).execute();
    reviews++;
  }
  let disputes = 0;
  if (rows.length) {
    const ids = rows.map((r) => r.id);
    // one statement for both texts: the reason always, the resolution when there is one
    const done = await db.updateTable('quality_disputes')
      .set({ reason: ERASED_TEXT, resolution: sql<string | null>`CASE WHEN resolution IS NULL THEN NULL ELSE ${ERASED_TEXT} END` })
      .where('program_id', '=', programId).where('review_id', 'in', ids)
      .where((eb) => eb.or([eb('reason', '<>', ERASED_TEXT), eb.and([eb('resolution', 'is not', null), eb('resolution', '<>', ERASED_TEXT)])]))
      .returning('id').execute();
    disputes = done.length;
  }
  return { reviews, disputes };
}
