import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type {
  MembershipPaymentTable, MembershipPlanTable, MembershipRefundTable, MembershipTable, MembershipSeatTable, PlanKind,
} from './membership.table.ts';

// ---- the purchase path's fragment

/** The VIP benefit in force for a member at an instant, as vipAtSql gives it. */
export interface VipAt { plan_id: string; pct: number }

/**
 * The earn multiplier of the VIP plan in force for a member at `at` (local day `day`), as
 * a scalar subquery for the purchase's context read: {plan_id, pct} or null. In force = the
 * member held a seat then, a payment of the membership covers that day, and the
 * membership had not been ended early before `at`. So a purchase reported late is judged
 * as it was when it happened, and one after the end earns no VIP bonus even before the
 * expiry job has run. The highest multiplier wins when seats overlap in time.
 */
export const vipAtSql = (programId: string, memberId: string, at: Date, day: string) => sql<VipAt | null>`(
      SELECT jsonb_build_object('plan_id', pl.id, 'pct', pl.earn_multiplier_pct)
      FROM membership_seats st
      JOIN memberships ms ON ms.program_id = st.program_id AND ms.id = st.membership_id
      JOIN membership_plans pl ON pl.program_id = ms.program_id AND pl.id = ms.plan_id
      WHERE st.program_id = ${programId} AND st.member_id = ${memberId}
        AND st.added_at <= ${at}::timestamptz AND (st.removed_at IS NULL OR st.removed_at > ${at}::timestamptz)
        AND (ms.ended_at IS NULL OR ms.ended_at > ${at}::timestamptz)
        AND EXISTS (SELECT 1 FROM membership_payments py WHERE py.program_id = ms.program_id AND py.membership_id = ms.id
                    AND py.covers_from <= ${day}::date AND py.covers_to >= ${day}::date AND ms.ends_on >= ${day}::date)
      ORDER BY pl.earn_multiplier_pct DESC LIMIT 1)`;

// ---- plans

export const insertPlan = (db: Db | Trx, row: Insertable<MembershipPlanTable>) =>
  db.insertInto('membership_plans').values(row).returningAll().executeTakeFirstOrThrow();
export const findPlan = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('membership_plans').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
export const listPlans = (db: Db | Trx, programId: string) =>
  db.selectFrom('membership_plans').selectAll().where('program_id', '=', programId).orderBy('created_at').orderBy('id').execute();
export const updatePlan = (db: Db | Trx, programId: string, id: string, set: Updateable<MembershipPlanTable>) =>
  db.updateTable('membership_plans').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();
export const hasPlans = async (db: Db | Trx, programId: string) =>
  (await db.selectFrom('membership_plans').select('id').where('program_id', '=', programId).limit(1).executeTakeFirst()) !== undefined;
export async function activeCounts(db: Db | Trx, programId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('memberships').select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('program_id', '=', programId).where('status', '=', 'active').groupBy('plan_id').execute();
  return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
}

// ---- memberships

export const insertMembership = (db: Db | Trx, row: Insertable<MembershipTable>) =>
  db.insertInto('memberships').values(row).returningAll().executeTakeFirstOrThrow();
export const findMembership = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('memberships').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
export const lockMembership = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('memberships').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
export const updateMembership = (db: Db | Trx, programId: string, id: string, set: Updateable<MembershipTable>) =>
  db.updateTable('memberships').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();

export function listMemberships(db: Db | Trx, programId: string, f: { status?: string; kind?: PlanKind; memberId?: string; today: string }) {
  let q = db.selectFrom('memberships').selectAll().where('program_id', '=', programId);
  if (f.status === 'expiring') q = q.where('status', '=', 'active').where(sql<boolean>`ends_on <= ${f.today}::date + 30`);
  else if (f.status) q = q.where('status', '=', f.status as 'active');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.memberId) {
    const memberId = f.memberId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('membership_seats').select('membership_id').where('program_id', '=', programId).where('member_id', '=', memberId));
  }
  return q.orderBy('ends_on').orderBy('id').limit(500).execute();
}

/** Active memberships whose last day is before `day` (the expiry job), locked. */
export const lapsedMemberships = (trx: Trx, programId: string, day: string) =>
  trx.selectFrom('memberships').selectAll().where('program_id', '=', programId).where('status', '=', 'active')
    .where(sql<boolean>`ends_on < ${day}::date`).orderBy('id').forUpdate().execute();

/** Active memberships ending within `days` of `day` (on or after it). */
export const endingWithin = (db: Db | Trx, programId: string, day: string, days: number) =>
  db.selectFrom('memberships').selectAll().where('program_id', '=', programId).where('status', '=', 'active')
    .where(sql<boolean>`ends_on >= ${day}::date AND ends_on <= ${day}::date + ${days}::int`).orderBy('id').execute();

/** Records a notice once per membership, term end and lead; true when newly recorded. */
export async function claimNotice(db: Db | Trx, programId: string, membershipId: string, endsOn: string, days: number) {
  const r = await db.insertInto('membership_notices').values({ program_id: programId, membership_id: membershipId, ends_on: endsOn, days })
    .onConflict((oc) => oc.columns(['program_id', 'membership_id', 'ends_on', 'days']).doNothing()).returning('days').executeTakeFirst();
  return r !== undefined;
}

// ---- seats

export const seatsOf = (db: Db | Trx, programId: string, membershipIds: string[]) =>
  membershipIds.length === 0 ? Promise.resolve([]) : db.selectFrom('membership_seats').selectAll().where('program_id', '=', programId)
    .where('membership_id', 'in', membershipIds).orderBy('added_at').orderBy('id').execute();
export const insertSeat = (db: Db | Trx, row: Insertable<MembershipSeatTable>) =>
  db.insertInto('membership_seats').values(row).onConflict((oc) => oc.columns(['program_id', 'member_id']).where('removed_at', 'is', null).doNothing())
    .returningAll().executeTakeFirst();
/** The member's open seat in the program, if any (a member holds one at a time: a unique index). */
export const openSeatOf = (db: Db | Trx, programId: string, memberId: string) =>
  db.selectFrom('membership_seats').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).where('removed_at', 'is', null).executeTakeFirst();
export const closeSeat = (db: Db | Trx, programId: string, memberId: string, id: string, at: Date, reason: string) =>
  db.updateTable('membership_seats').set({ removed_at: at, removed_reason: reason })
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('id', '=', id).where('removed_at', 'is', null).execute();
export const setSeatFloor = (db: Db | Trx, programId: string, memberId: string, id: string, floorId: string | null) =>
  db.updateTable('membership_seats').set({ floor_id: floorId }).where('program_id', '=', programId).where('member_id', '=', memberId).where('id', '=', id).execute();

// ---- payments and refunds

export const insertPayment = (db: Db | Trx, row: Insertable<MembershipPaymentTable>) =>
  db.insertInto('membership_payments').values(row).onConflict((oc) => oc.columns(['program_id', 'receipt_no']).doNothing()).returningAll().executeTakeFirst();
export const paymentsOf = (db: Db | Trx, programId: string, membershipId: string) =>
  db.selectFrom('membership_payments').selectAll().where('program_id', '=', programId).where('membership_id', '=', membershipId)
    .orderBy('covers_from').orderBy('id').execute();
export const insertRefund = (db: Db | Trx, row: Insertable<MembershipRefundTable>) =>
  db.insertInto('membership_refunds').values(row).returningAll().executeTakeFirstOrThrow();
export const refundsOf = (db: Db | Trx, programId: string, membershipId: string) =>
  db.selectFrom('membership_refunds').selectAll().where('program_id', '=', programId).where('membership_id', '=', membershipId).orderBy('created_at').execute();
