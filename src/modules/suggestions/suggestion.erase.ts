import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ERASED_TEXT, redact } from '../../platform/member-data.ts';
import { rewritePayloads } from '../../platform/outbox.ts';

// Erasure of a member (PIPL 第四十七条 删除) as the suggestions module carries it out, in the
// caller's transaction.
//
// A suggestion the member authored keeps its row, category, store, channel, status, dates,
// support count, merge link, reward points and history (who decided what, when): the board's
// counts and the adoption figures stay. Its body goes, and so do the title, the decline
// reason and any note — replaced by ERASED_TEXT, here, in its history and in the outbox
// events that copied them — unless the suggestion was ADOPTED: an adopted suggestion's title
// and decision note are the program's record of a change it decided and paid a reward for
// (seed 000 第四章 建议采纳与奖励; the reward stays in the ledger under the suggestion's id, and
// the supporters were told of it). With the author's id anonymised and their name, phone and
// e-mail blotted out of that title, it names the idea, not the person (PIPL 第七十三条(四):
// anonymised information is no longer personal information). The member's body, their own
// words about it, goes in every case; nobody may read it any more (seed 002 §6.2 限制信息访问权限).
//
// The member's support rows stay: a row carries only the (now anonymous) member id and a
// time, like the ledger's, and the support counts the program reads stay exact.

export interface SuggestionsErased { suggestions: number; titles_kept: number }

export async function forgetMember(db: Db, programId: string, memberId: string, identifiers: readonly (string | null)[], now: Date): Promise<SuggestionsErased> {
  const rows = await db.selectFrom('suggestions').select(['id', 'title', 'status', 'decision_note', 'decline_reason'])
    .where('program_id', '=', programId).where('member_id', '=', memberId).orderBy('id').execute();
  let kept = 0;
  for (const r of rows) {
    const adopted = r.status === 'adopted';
    if (adopted) kept++;
    const title = adopted ? redact(r.title, identifiers) : ERASED_TEXT;
    const note = adopted && r.decision_note !== null ? redact(r.decision_note, identifiers) : ERASED_TEXT;
    await db.updateTable('suggestions').set({
      title, body: ERASED_TEXT, decision_note: r.decision_note === null ? null : note,
      decline_reason: r.decline_reason === null ? null : ERASED_TEXT, updated_at: now,
    }).where('program_id', '=', programId).where('id', '=', r.id).execute();
    // the history's copies: a decline's reason, an adoption's note
    for (const [key, value] of [['reason', ERASED_TEXT], ['note', note]] as const) {
      await sql`UPDATE suggestion_history SET detail = jsonb_set(detail, ARRAY[${key}::text], to_jsonb(${value}::text))
        WHERE program_id = ${programId} AND suggestion_id = ${r.id} AND detail ? ${key}`.execute(db);
    }
    await rewritePayloads(db, programId, 'suggestion.', r.id, { title, reason: ERASED_TEXT });
  }
  return { suggestions: rows.length, titles_kept: kept };
}
