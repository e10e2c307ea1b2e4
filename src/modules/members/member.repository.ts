import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { MemberTable } from './member.table.ts';

const withTier = (db: Db | Trx) =>
  db.selectFrom('members as m')
    .leftJoin('tiers as t', (j) => j.onRef('t.program_id', '=', 'm.program_id').onRef('t.id', '=', 'm.tier_id'))
    .selectAll('m')
    .select(['t.code as tier_code', 't.name as tier_name']);

export type MemberWithTier = Awaited<ReturnType<typeof findById>> & object;

export const findById = (db: Db | Trx, programId: string, id: string) =>
  withTier(db).where('m.program_id', '=', programId).where('m.id', '=', id).executeTakeFirst();

export const findBy = (db: Db | Trx, programId: string, where: { phoneIndex?: string; memberNo?: string; namePrefix?: string }, limit: number) => {
  let q = withTier(db).where('m.program_id', '=', programId);
  if (where.phoneIndex) q = q.where('m.phone_index', '=', where.phoneIndex);
  if (where.memberNo) q = q.where('m.member_no', '=', where.memberNo);
  if (where.namePrefix) q = q.where('m.name', 'like', `${where.namePrefix.replace(/[\\%_]/g, '\\$&')}%`);
  return q.orderBy('m.created_at', 'desc').limit(limit).execute();
};

/** Inserts members with their zeroed balance; rows whose phone is taken are skipped. */
export async function insertMembers(trx: Trx, rows: Omit<Insertable<MemberTable>, 'member_no'>[]) {
  if (!rows.length) return [];
  const nos = await sql<{ no: string }>`SELECT nextval('member_no_seq')::text AS no FROM generate_series(1, ${rows.length})`.execute(trx);
  const inserted = await trx.insertInto('members')
    .values(rows.map((r, i) => ({ ...r, member_no: nos.rows[i]!.no })))
    .onConflict((oc) => oc.columns(['program_id', 'phone_index']).doNothing())
    .returning(['id', 'phone_index'])
    .execute();
  if (inserted.length) {
    await trx.insertInto('point_balances')
      .values(inserted.map((m) => ({ program_id: rows[0]!.program_id, member_id: m.id, next_release_at: null })))
      .execute();
  }
  return inserted;
}

export const updateMember = (db: Db | Trx, programId: string, id: string, patch: Updateable<MemberTable>) =>
  db.updateTable('members').set({ ...patch, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returning('id').executeTakeFirst();

export const lockMember = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('members').select(['id', 'status']).where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
