import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
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

/** The member's correction requests lose the values they asked for (the field names stay): after an erasure. */
export const forgetDetails = (db: Db, programId: string, memberId: string) =>
  db.updateTable('rights_requests')
    .set({ details: sql`(SELECT jsonb_object_agg(k, 'erased') FROM jsonb_object_keys(details) AS k)`, note: null })
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('details', 'is not', null).execute();

export const runs = (db: Db, programId: string, limit: number) =>
  db.selectFrom('retention_runs').selectAll().where('program_id', '=', programId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
