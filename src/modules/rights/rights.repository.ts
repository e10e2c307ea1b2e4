import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ERASED_TEXT } from '../../platform/member-data.ts';
import type { RightsKind, RightsRequestTable, RightsStatus } from './rights.table.ts';

export const findSettings = (db: Db, programId: string) =>
  db.selectFrom('rights_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();

export const upsertSettings = (db: Db, programId: string, row: { deadline_working_days?: number; retention?: string }) =>
  db.insertInto('rights_settings').values({ program_id: programId, ...row })
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...row, updated_at: new Date() })).execute();

export const findRequest = (db: Db, programId: string, id: string) =>
  db.selectFrom('rights_requests').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const lockRequest = (db: Db, programId: string, id: string) =>
  db.selectFrom('rights_requests').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export function listRequests(db: Db, programId: string, f: { status?: RightsStatus; kind?: RightsKind; memberId?: string; overdueOn?: string; notOverdueOn?: string; limit: number }) {
  let q = db.selectFrom('rights_requests').selectAll().where('program_id', '=', programId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.memberId) q = q.where('member_id', '=', f.memberId);
  if (f.overdueOn) q = q.where('status', 'in', ['received', 'in_progress']).where('due_on', '<', f.overdueOn);
  if (f.notOverdueOn) q = q.where((eb) => eb.or([eb('status', 'in', ['completed', 'refused']), eb('due_on', '>=', f.notOverdueOn!)]));
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export const updateRequest = (db: Db, programId: string, id: string, patch: Updateable<RightsRequestTable>) =>
  db.updateTable('rights_requests').set({ ...patch, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/**
 * After an erasure: the member's correction requests lose the values they asked for (the field
 * names stay), and every request of theirs loses what staff wrote (the note on filing and on
 * completion, a refusal's explanation): ERASED_TEXT. Kind, channel, status, dates, refusal
 * reason code, handler and result counts stay: the record that the requests were answered.
 * How many requests had a text.
 */
export async function forgetMember(db: Db, programId: string, memberId: string): Promise<number> {
  await db.updateTable('rights_requests')
    .set({ details: sql`(SELECT jsonb_object_agg(k, 'erased') FROM jsonb_object_keys(details) AS k)` })
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('details', 'is not', null).execute();
  const texts = (column: 'note' | 'refusal_text') => sql<boolean>`(${sql.ref(column)} IS NOT NULL AND ${sql.ref(column)} <> ${ERASED_TEXT})`;
  const done = await db.updateTable('rights_requests')
    .set({
      note: sql`CASE WHEN ${texts('note')} THEN ${ERASED_TEXT} ELSE note END`,
      refusal_text: sql`CASE WHEN ${texts('refusal_text')} THEN ${ERASED_TEXT} ELSE refusal_text END`,
      result: sql`CASE WHEN result ? 'note' THEN jsonb_set(result, '{note}', to_jsonb(${ERASED_TEXT}::text)) ELSE result END`,
    })
    .where('program_id', '=', programId).where('member_id', '=', memberId)
    .where((eb) => eb.or([texts('note'), texts('refusal_text'), sql<boolean>`(result ? 'note' AND result->>'note' <> ${ERASED_TEXT})`]))
    .returning('id').execute();
  return done.length;
}

export const runs = (db: Db, programId: string, limit: number) =>
  db.selectFrom('retention_runs').selectAll().where('program_id', '=', programId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
