import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { BalanceRow, LedgerEntryTable, LotRow, PointLotTable } from './points.table.ts';

export const lockBalance = (trx: Trx, programId: string, memberId: string) =>
  trx.selectFrom('point_balances').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).forUpdate().executeTakeFirst();

export interface BalanceDelta {
  available?: number;
  pending?: number;
  lifetime_earned?: number;
  spent?: number;
  expired?: number;
  reversed?: number;
}

export interface BalanceMarks {
  /** The member's next pending-lot maturity, recomputed by a release. */
  nextReleaseAt?: Date | null;
  /** A new lot's expiry day: lowers next_expiry_on when earlier. */
  lotExpiresOn?: string | null;
  /** Lots were closed: set next_expiry_on to the open lots' earliest day again. */
  refreshExpiry?: boolean;
}

export async function applyBalance(trx: Trx, programId: string, memberId: string, d: BalanceDelta, marks: BalanceMarks = {}) {
  const cols = Object.entries(d).filter(([, v]) => v);
  const sets = cols.map(([k]) => sql`${sql.ref(k)} = ${sql.ref(k)} + ${d[k as keyof BalanceDelta]!}`);
  if (marks.nextReleaseAt !== undefined) sets.push(sql`next_release_at = ${marks.nextReleaseAt}`);
  if (marks.lotExpiresOn) sets.push(sql`next_expiry_on = LEAST(next_expiry_on, ${marks.lotExpiresOn}::date)`);
  if (marks.refreshExpiry) {
    sets.push(sql`next_expiry_on = (SELECT min(expires_on) FROM point_lots
      WHERE program_id = ${programId} AND member_id = ${memberId} AND remaining > 0)`);
  }
  if (!sets.length) return;
  sets.push(sql`updated_at = now()`);
  await sql`UPDATE point_balances SET ${sql.join(sets)} WHERE program_id = ${programId} AND member_id = ${memberId}`.execute(trx);
}

export const insertLot = (trx: Trx, lot: Insertable<PointLotTable>) => trx.insertInto('point_lots').values(lot).execute();

export const insertEntry = (trx: Trx, entry: Insertable<LedgerEntryTable>) => trx.insertInto('ledger_entries').values(entry).execute();

/** Matures pending lots due by `now`; returns the points moved and the next due moment. */
export async function releaseLots(trx: Trx, programId: string, memberId: string, now: Date) {
  const released = await trx.updateTable('point_lots').set({ pending: false })
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('pending', '=', true).where('available_at', '<=', now)
    .returning('remaining').execute();
  const next = await trx.selectFrom('point_lots').select((eb) => eb.fn.min('available_at').as('next'))
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('pending', '=', true).executeTakeFirst();
  return { points: released.reduce((s, r) => s + r.remaining, 0), next: (next?.next as Date | null) ?? null };
}

export const pendingLots = (trx: Trx, programId: string, memberId: string) =>
  trx.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .where('pending', '=', true).where('remaining', '>', 0).orderBy('available_at', 'desc').orderBy('id', 'desc').forUpdate().execute();

/** Available lots in spending order: soonest expiry first, never-expiring last. */
export const availableLots = (trx: Trx, programId: string, memberId: string, limit: number, after?: LotRow) => {
  let q = trx.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .where('remaining', '>', 0).where('pending', '=', false);
  if (after) {
    // keyset: (coalesce(expires_at, infinity), created_at, id) > after's
    q = q.where(sql<boolean>`(coalesce(expires_at, 'infinity'::timestamptz), created_at, id) > (coalesce(${after.expires_at}::timestamptz, 'infinity'::timestamptz), ${after.created_at}::timestamptz, ${after.id})`);
  }
  return q.orderBy(sql`coalesce(expires_at, 'infinity'::timestamptz)`).orderBy('created_at').orderBy('id').limit(limit).forUpdate().execute();
};

export async function drawFromLots(trx: Trx, programId: string, memberId: string, entryId: string, draws: { lotId: string; points: number }[], reason: 'spent' | 'expired' | 'reversed') {
  if (!draws.length) return;
  const values = sql.join(draws.map((d) => sql`(${d.lotId}::text, ${d.points}::bigint)`));
  await sql`UPDATE point_lots l SET remaining = l.remaining - d.points,
      closed_reason = CASE WHEN l.remaining - d.points = 0 THEN ${reason} ELSE NULL END
    FROM (VALUES ${values}) AS d(id, points)
    WHERE l.program_id = ${programId} AND l.member_id = ${memberId} AND l.id = d.id`.execute(trx);
  await trx.insertInto('lot_draws').values(draws.map((d) => ({ program_id: programId, member_id: memberId, entry_id: entryId, lot_id: d.lotId, points: d.points }))).execute();
}

/**
 * The balance row with what a reader needs, in one round trip: points of pending lots
 * already due (not yet released), and open points expiring by date within [from, to].
 * Each lot look-up runs only when the row's marks say it can find something, so most
 * reads are one primary-key fetch.
 */
export async function balanceView(db: Db, programId: string, memberId: string, now: Date, from: string, to: string) {
  type Figures = Pick<BalanceRow, 'available' | 'pending' | 'lifetime_earned' | 'spent' | 'expired' | 'reversed'>;
  // only the figures the answer shows: no timestamps to parse on the busiest read
  const r = await sql<Figures & { due: number; soon: { date: string; points: number }[] | null }>`
    SELECT b.available, b.pending, b.lifetime_earned, b.spent, b.expired, b.reversed,
      CASE WHEN b.next_release_at <= ${now} THEN (
        SELECT coalesce(sum(remaining), 0) FROM point_lots
        WHERE program_id = b.program_id AND member_id = b.member_id AND pending AND available_at <= ${now}) ELSE 0 END AS due,
      CASE WHEN b.next_expiry_on <= ${to}::date THEN (
        SELECT json_agg(json_build_object('date', d.expires_on, 'points', d.points) ORDER BY d.expires_on) FROM (
          SELECT expires_on, sum(remaining) AS points FROM point_lots
          WHERE program_id = b.program_id AND member_id = b.member_id AND remaining > 0
            AND expires_on >= ${from}::date AND expires_on <= ${to}::date
          GROUP BY expires_on) d) END AS soon
    FROM point_balances b WHERE b.program_id = ${programId} AND b.member_id = ${memberId}`.execute(db);
  return r.rows[0];
}
