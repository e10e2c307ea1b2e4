import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { MemberStatus, MemberTable } from './member.table.ts';

export const findById = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('members').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

/** What a search matches (any one, all given must match) and what a list filters on. */
export interface MemberWhere { phoneIndex?: string; emailIndex?: string; memberNo?: string; namePrefix?: string }
export interface MemberFilter { status?: MemberStatus; tierId?: string; enrolledFrom?: Date; enrolledBefore?: Date }

/**
 * A page of the program's members, newest enrolled first (created_at desc, id desc: the id
 * breaks ties and makes the order total), after the cursor's row. Served by the index of
 * migration 035 (program_id, created_at desc, id desc); one row more than asked says whether
 * another page follows.
 */
export const findBy = (db: Db | Trx, programId: string, where: MemberWhere, filter: MemberFilter, after: { at: Date; id: string } | undefined, limit: number) => {
  let q = db.selectFrom('members').selectAll().where('program_id', '=', programId);
  if (where.phoneIndex) q = q.where('phone_index', '=', where.phoneIndex);
  if (where.emailIndex) q = q.where('email_index', '=', where.emailIndex);
  if (where.memberNo) q = q.where('member_no', '=', where.memberNo);
  if (where.namePrefix) q = q.where('name', 'like', `${where.namePrefix.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.tierId) q = q.where('tier_id', '=', filter.tierId);
  if (filter.enrolledFrom) q = q.where('created_at', '>=', filter.enrolledFrom);
  if (filter.enrolledBefore) q = q.where('created_at', '<', filter.enrolledBefore);
  // a row comparison, which the index range-scans from the cursor on
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
};

/** Inserts members; rows whose phone is taken are skipped. */
export async function insertMembers(trx: Trx, rows: Omit<Insertable<MemberTable>, 'member_no'>[]) {
  if (!rows.length) return [];
  const nos = await sql<{ no: string }>`SELECT nextval('member_no_seq')::text AS no FROM generate_series(1, ${rows.length})`.execute(trx);
  return trx.insertInto('members')
    .values(rows.map((r, i) => ({ ...r, member_no: nos.rows[i]!.no })))
    .onConflict((oc) => oc.columns(['program_id', 'phone_index']).doNothing())
    .returning(['id', 'phone_index'])
    .execute();
}

export const updateMember = (db: Db | Trx, programId: string, id: string, patch: Updateable<MemberTable>) =>
  db.updateTable('members').set({ ...patch, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returning('id').executeTakeFirst();

export const lockMember = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('members').select(['id', 'status']).where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const statusOf = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('members').select(['id', 'status']).where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const insertStatusChange = (trx: Trx, row: { program_id: string; member_id: string; from_status: MemberStatus; to_status: MemberStatus; reason: string; actor: string | null }) =>
  trx.insertInto('member_status_changes').values(row).execute();

/**
 * The earn statement's first step (workflows/record-purchase.ts): the member's id when the
 * member is active in the program, as a row source a CTE can select from. `also` adds a
 * condition another module owns (the store exists).
 */
export const activeMemberSql = (programId: string, memberId: string, also: ReturnType<typeof sql>) => sql`
      SELECT id FROM members
      WHERE program_id = ${programId} AND id = ${memberId} AND status = 'active'
        AND ${also}`;

/**
 * What the earning rules need of the member, as one jsonb (a scalar subquery of the
 * purchase's context read): status, birthday, enrolment time, current tier.
 */
export const memberContextSql = (programId: string, memberId: string) => sql<{ status: MemberStatus; birthday: string | null; enrolled_at: string; tier_id: string | null } | null>`(
  SELECT jsonb_build_object('status', status, 'birthday', birthday, 'enrolled_at', created_at, 'tier_id', tier_id)
  FROM members WHERE program_id = ${programId} AND id = ${memberId})`;

export const lockTier = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('members').select(['id', 'tier_id', 'status']).where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const tierInfo = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('members').select(['id', 'tier_id', 'status', 'created_at']).where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const tierPage = (db: Db | Trx, programId: string, after: string | null, limit: number) => {
  let q = db.selectFrom('members').select(['id', 'tier_id', 'status', 'created_at']).where('program_id', '=', programId).where('status', '!=', 'terminated');
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
};

export const countLive = async (db: Db | Trx, programId: string) =>
  Number((await db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('program_id', '=', programId).where('status', '!=', 'terminated').executeTakeFirstOrThrow()).n);

/**
 * Sets a member's current tier as a CTE body (the purchase statement's lift): with
 * `source`, only when that CTE has a row (the tier period changed).
 */
export const setTierSql = (programId: string, memberId: string, tierId: string | null, source?: string) => sql`
      UPDATE members SET tier_id = ${tierId}, updated_at = now()
      WHERE program_id = ${programId} AND id = ${memberId}
        ${source ? sql`AND EXISTS (SELECT 1 FROM ${sql.table(source)})` : sql``}
      RETURNING id`;

/** The columns of memberAttributesSql's rows. */
export interface MemberAttributes {
  member_id: string;
  member_no: string;
  tier_id: string | null;
  status: MemberStatus;
  birthday: string | null;
  /** the store the member enrolled at */
  store_id: string | null;
  enrolled_at: Date;
  marketing_consent_at: Date | null;
}

/**
 * The members of a program with the attributes segments select on, as a row source another
 * module's statement can select from (`FROM (${memberAttributesSql(p)}) m`): one row per
 * member, columns as in MemberAttributes.
 */
export const memberAttributesSql = (programId: string) => sql<MemberAttributes>`
      SELECT id AS member_id, member_no, tier_id, status, birthday, enrolled_store_id AS store_id,
             created_at AS enrolled_at, marketing_consent_at
      FROM members WHERE program_id = ${programId}`;
