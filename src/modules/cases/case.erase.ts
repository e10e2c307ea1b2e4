import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ERASED_TEXT } from '../../platform/member-data.ts';
import type { CaseEventKind, CaseType } from './case.table.ts';

// Erasure of a member (PIPL 第四十七条 删除; seed 002 §6.2 限制信息访问权限) as the cases module
// carries it out, in the caller's transaction.
//
// Stays, as the service desk's business record: each case's number, type, channel, priority,
// status, waiting flag, store, assignee, linked purchase / redemption ids, every date
// (opened, first response, resolved, closed, the member's last message) and the reopen count,
// and every timeline event with its kind, actor, time and structural data (status moves,
// assignments, delivery, goodwill points / coupon ids). The SLA clocks, quality samples and
// CSAT answers keep reading them, so the figures do not move.
//
// Goes, replaced by ERASED_TEXT: every text the member wrote or staff wrote about them —
// the subject, description and solution, every event's body (the opening description,
// messages either way, notes, reasons, proceeding outcomes, goodwill reasons), a reply's
// subject, an attachment's or proceeding document's name, the parties named in a mediation
// or arbitration. A free text may name the member anywhere, so none is kept.
// An attachment's `url` stays: Patron holds a reference, not the file, and the operator needs
// it to delete the file from their own storage (said in the README and the erasure result).
// The dedicated account manager row goes (a terminated member is served no more).

/** The event's data with its free-text fields erased; the structure (ids, kinds, sizes, dates) stays. */
function erasedEventData(kind: CaseEventKind, data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  if (kind === 'message_out' && typeof out.subject === 'string' && out.subject) out.subject = ERASED_TEXT;
  if (kind === 'attachment' && 'name' in out) out.name = ERASED_TEXT;
  if (kind === 'proceeding') {
    if (Array.isArray(out.parties)) out.parties = out.parties.map(() => ERASED_TEXT);
    if (typeof out.outcome === 'string') out.outcome = ERASED_TEXT;
    if (Array.isArray(out.documents)) out.documents = (out.documents as Record<string, unknown>[]).map((d) => ({ ...d, name: ERASED_TEXT }));
  }
  return out;
}

export interface CasesErased { cases: number; events: number; attachments: number; /** every case of the member's (the quality module's reviews of them are erased too) */ ids: string[]; /** the member's cases still open: nobody can answer them now */ open: { id: string; type: CaseType }[] }

export async function forgetMember(db: Db, programId: string, memberId: string, now: Date): Promise<CasesErased> {
  const cases = await db.updateTable('cases')
    .set({ subject: ERASED_TEXT, description: ERASED_TEXT, solution: sql<string | null>`CASE WHEN solution IS NULL THEN NULL ELSE ${ERASED_TEXT} END`, updated_at: now })
    .where('program_id', '=', programId).where('member_id', '=', memberId).returning(['id', 'type', 'closed_at']).execute();
  let events = 0;
  let attachments = 0;
  if (cases.length) {
    const rows = await db.selectFrom('case_events').select(['id', 'kind', 'body', 'data'])
      .where('program_id', '=', programId).where('case_id', 'in', cases.map((c) => c.id)).execute();
    for (const e of rows) {
      const data = erasedEventData(e.kind, e.data);
      const body = e.body === '' ? '' : ERASED_TEXT;
      attachments += e.kind === 'attachment' ? 1 : e.kind === 'proceeding' && Array.isArray(e.data.documents) ? e.data.documents.length : 0;
      if (body === e.body && JSON.stringify(data) === JSON.stringify(e.data)) continue;
      await db.updateTable('case_events').set({ body, data: JSON.stringify(data) }).where('program_id', '=', programId).where('id', '=', e.id).execute();
      events++;
    }
  }
  await db.deleteFrom('case_account_managers').where('program_id', '=', programId).where('member_id', '=', memberId).execute();
  // nobody can answer an erased member: their open cases close here (no survey, no message), so
  // no later step starts a clock on them (the workflow cancels the running ones)
  const open = cases.filter((c) => c.closed_at === null);
  if (open.length) {
    await db.updateTable('cases').set({ status: 'closed', closed_at: now, waiting: false, updated_at: now })
      .where('program_id', '=', programId).where('id', 'in', open.map((c) => c.id)).execute();
  }
  return { cases: cases.length, events, attachments, ids: cases.map((c) => c.id), open: open.map((c) => ({ id: c.id, type: c.type })) };
}
