import type { Db } from '../../db/database.ts';
import { ERASED_TEXT } from '../../platform/member-data.ts';
import { erasePayloadTexts } from '../../platform/outbox.ts';
import { REASON_CODES } from './points.schema.ts';

// Erasure of a member (PIPL 第四十七条 删除) as the points module carries it out, in the
// caller's transaction.
//
// Stays: every entry, lot, draw and balance, with its kind, direction, points, reason code,
// references (purchase, return, redemption, lot, store), actor and dates: the ledger is the
// program's books and names nobody once the member row is anonymised.
//
// Goes, replaced by ERASED_TEXT: the notes a person wrote — a manual adjustment's (goodwill
// "C-000123: 张三来电投诉…", correction, service recovery, migration, other), a cancelled
// reward redemption's reason, the termination reason a forfeiture copied, and what a direct
// points redemption was for (its description, and the debit's note that copied it) — here and
// in the `points.adjusted` / `points.redeemed` events that copied them. Notes the program
// wrote itself stay: a campaign's name, an event reward's reference, an expiry's date, a
// reward redemption's catalogue item.

/** Reason codes whose note a person wrote (points.adjust's codes, and the workflows that pass a person's reason on). */
const WRITTEN_BY_STAFF = [...REASON_CODES, 'redemption_cancelled', 'terminated'];

export async function forgetMember(db: Db, programId: string, memberId: string): Promise<number> {
  const redemptions = await db.updateTable('redemptions').set({ description: ERASED_TEXT })
    .where('program_id', '=', programId).where('member_id', '=', memberId)
    .where('description', 'is not', null).where('description', '<>', ERASED_TEXT).returning('id').execute();
  const ids = redemptions.map((r) => r.id);
  const entries = await db.updateTable('ledger_entries').set({ note: ERASED_TEXT })
    .where('program_id', '=', programId).where('member_id', '=', memberId)
    .where('note', 'is not', null).where('note', '<>', ERASED_TEXT)
    .where((eb) => eb.or([
      eb('reason_code', 'in', WRITTEN_BY_STAFF),
      ...(ids.length ? [eb('redemption_id', 'in', ids)] : []),
    ]))
    .returning('id').execute();
  await erasePayloadTexts(db, programId, ['points.adjusted', 'points.redeemed'], { aggregateId: memberId }, ['note', 'description']);
  return entries.length + redemptions.length;
}
