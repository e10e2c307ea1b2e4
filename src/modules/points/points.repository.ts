import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { BalanceRow, LedgerEntryTable, LotRow, PointLotTable } from './points.table.ts';

// Written as literals, not parameters: a prepared statement's generic plan can use the
// partial lot indexes (WHERE remaining > 0, WHERE pending) only if the query repeats
// their predicates word for word. Otherwise a member's every lot, ever, is read.
export const isOpen = sql<boolean>`remaining > 0`;
export const isPending = sql<boolean>`pending`;
export const isReleased = sql<boolean>`NOT pending`;

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
      WHERE program_id = ${programId} AND member_id = ${memberId} AND ${isOpen})`);
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
    .where('program_id', '=', programId).where('member_id', '=', memberId).where(isPending).where('available_at', '<=', now)
    .returning('remaining').execute();
  const next = await trx.selectFrom('point_lots').select((eb) => eb.fn.min('available_at').as('next'))
    .where('program_id', '=', programId).where('member_id', '=', memberId).where(isPending).executeTakeFirst();
  return { points: released.reduce((s, r) => s + r.remaining, 0), next: (next?.next as Date | null) ?? null };
}

export const pendingLots = (trx: Trx, programId: string, memberId: string) =>
  trx.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .where(isPending).where(isOpen).orderBy('available_at', 'desc').orderBy('id', 'desc').forUpdate().execute();

/**
 * Available lots in spending order: soonest expiry day first, never-expiring last, then by
 * id (time-ordered). This is point_lots_open_idx's own order, and the page after `after`
 * starts where that lot sits in the index, so each page reads only its own lots however
 * many the member holds: lots that expire first, then (when those run out) the rest.
 */
export async function availableLots(trx: Trx, programId: string, memberId: string, limit: number, after?: LotRow): Promise<LotRow[]> {
  const open = () => trx.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .where(isOpen).where(isReleased);
  const page: LotRow[] = [];
  if (after?.expires_on !== null) {
    const q = after
      ? open().where(sql<boolean>`(expires_on, id) > (${after.expires_on}::date, ${after.id})`)
      : open().where('expires_on', 'is not', null);
    page.push(...await q.orderBy('expires_on').orderBy('id').limit(limit).forUpdate().execute());
    if (page.length === limit) return page;
  }
  let rest = open().where('expires_on', 'is', null);
  if (after?.expires_on === null) rest = rest.where('id', '>', after.id);
  page.push(...await rest.orderBy('id').limit(limit - page.length).forUpdate().execute());
  return page;
}

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
 * Marks open lots expiring in (asOf, until] whose member has not been told yet, and
 * returns them. Members come from next_expiry_on, then each member's own open lots.
 */
export async function markNotices(trx: Trx, programId: string, asOf: string, until: string, now: Date) {
  const r = await sql<{ id: string; member_id: string; remaining: number; expires_on: string }>`
    WITH due AS MATERIALIZED (
      SELECT member_id FROM point_balances WHERE program_id = ${programId} AND next_expiry_on <= ${until}::date
    )
    UPDATE point_lots l SET notice_sent_at = ${now}
    FROM due
    WHERE l.program_id = ${programId} AND l.member_id = due.member_id AND l.remaining > 0 AND l.notice_sent_at IS NULL
      AND l.expires_on > ${asOf}::date AND l.expires_on <= ${until}::date
    RETURNING l.id, l.member_id, l.remaining, l.expires_on`.execute(trx);
  return r.rows;
}

export interface BalanceAsk {
  memberId: string;
  now: Date;
  /** The window of "expiring soon", local days. */
  from: string;
  to: string;
}

type Figures = Pick<BalanceRow, 'available' | 'pending' | 'lifetime_earned' | 'spent' | 'expired' | 'reversed'>;
export type BalanceView = Figures & { member_id: string; due: number; soon: { date: string; points: number }[] | null };

/**
 * Balance rows with what a reader needs, for one or many members of a program, in one
 * statement: points of pending lots already due (not yet released), and open points
 * expiring by day within [from, to], each member at their own `now`. A lot look-up runs
 * only when the row's marks say it can find something, so most members cost one
 * primary-key fetch. Only the figures the answer shows are read: no timestamps to parse.
 * Answers come in the order asked; a member without a balance row is undefined.
 */
export async function balanceViews(db: Db, programId: string, asks: BalanceAsk[]): Promise<(BalanceView | undefined)[]> {
  const r = await sql<BalanceView & { i: number }>`
    SELECT q.i::int AS i, b.member_id, b.available, b.pending, b.lifetime_earned, b.spent, b.expired, b.reversed,
      CASE WHEN b.next_release_at <= q.now THEN (
        SELECT coalesce(sum(remaining), 0) FROM point_lots
        WHERE program_id = b.program_id AND member_id = b.member_id AND pending AND available_at <= q.now) ELSE 0 END AS due,
      CASE WHEN b.next_expiry_on <= q.until THEN (
        SELECT json_agg(json_build_object('date', d.expires_on, 'points', d.points) ORDER BY d.expires_on) FROM (
          SELECT expires_on, sum(remaining) AS points FROM point_lots
          WHERE program_id = b.program_id AND member_id = b.member_id AND remaining > 0
            AND expires_on >= q.since AND expires_on <= q.until
          GROUP BY expires_on) d) END AS soon
    FROM unnest(${asks.map((a) => a.memberId)}::text[], ${asks.map((a) => a.now)}::timestamptz[],
                ${asks.map((a) => a.from)}::date[], ${asks.map((a) => a.to)}::date[]) WITH ORDINALITY AS q(member_id, now, since, until, i)
    JOIN point_balances b ON b.program_id = ${programId} AND b.member_id = q.member_id`.execute(db);
  const out: (BalanceView | undefined)[] = new Array(asks.length).fill(undefined);
  for (const row of r.rows) out[row.i - 1] = row;
  return out;
}

/** What the earn statement writes to the ledger for one purchase (workflows/record-purchase.ts). */
export interface EarnWrite {
  programId: string;
  memberId: string;
  purchaseId: string;
  storeId: string;
  occurredAt: Date;
  points: number;
  lotId: string;
  entryId: string;
  pending: boolean;
  availableAt: Date;
  expiresOn: string | null;
  expiresAt: Date | null;
  actor: string | null;
  /** which rule, version and line each point came from (the rules path) */
  breakdown?: unknown;
  /** the rules path: write only if the member's ledger is still at this version (else no balance row: retry) */
  expectVersion?: number;
}

/** The member's ledger version, read with the rules path's context (a scalar subquery). */
export const ledgerVersionSql = (programId: string, memberId: string) =>
  sql<string | null>`(SELECT version FROM point_balances WHERE program_id = ${programId} AND member_id = ${memberId})`;

/**
 * The ledger's part of the one-statement earn, as CTE bodies that run once per row of
 * `source` (the purchase CTE: no row when the purchase was not inserted): the lot, its
 * earn entry, and the balance. Only this module names these tables.
 */
export function earnSql(r: EarnWrite, source: string) {
  const earns = r.points > 0;
  const from = sql.table(source);
  return {
    lot: sql`
      INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on, expires_at, purchase_id, earned_at)
      SELECT ${r.programId}, ${r.memberId}, ${r.lotId}, 'purchase', ${r.points}, ${r.points}, ${r.pending},
             ${r.availableAt}, ${r.expiresOn}::date, ${r.expiresAt}, ${r.purchaseId}, ${r.occurredAt}
      FROM ${from} WHERE ${earns}`,
    entry: sql`
      INSERT INTO ledger_entries (program_id, member_id, id, kind, direction, points, purchase_id, lot_id, store_id, actor, occurred_at, breakdown)
      SELECT ${r.programId}, ${r.memberId}, ${r.entryId}, 'earn', 'credit', ${r.points}, ${r.purchaseId}, ${r.lotId}, ${r.storeId}, ${r.actor}, ${r.occurredAt},
             ${r.breakdown === undefined ? null : JSON.stringify(r.breakdown)}::jsonb
      FROM ${from} WHERE ${earns}`,
    balance: sql`
      UPDATE point_balances SET
        available = available + ${r.pending ? 0 : r.points},
        pending = pending + ${r.pending ? r.points : 0},
        lifetime_earned = lifetime_earned + ${r.points},
        next_release_at = ${r.pending && earns ? sql`LEAST(coalesce(next_release_at, ${r.availableAt}), ${r.availableAt})` : sql`next_release_at`},
        next_expiry_on = ${earns ? sql`LEAST(next_expiry_on, ${r.expiresOn}::date)` : sql`next_expiry_on`},
        version = version + 1,
        updated_at = now()
      WHERE program_id = ${r.programId} AND member_id = ${r.memberId} AND EXISTS (SELECT 1 FROM ${from})
        AND ${r.expectVersion === undefined ? sql`${earns}` : sql`version = ${r.expectVersion}`}
      RETURNING 1`,
  };
}

/** Opens members' points accounts (their zeroed balance rows), in the enrolment's transaction. */
export async function openAccounts(trx: Trx, programId: string, memberIds: string[]) {
  if (!memberIds.length) return;
  await trx.insertInto('point_balances').values(memberIds.map((id) => ({ program_id: programId, member_id: id, next_release_at: null }))).execute();
}

/** Lot dates for purchases' lots (a purchase shows when its points mature and expire). */
export const lotDates = (db: Db | Trx, programId: string, memberId: string, lotId: string) =>
  db.selectFrom('point_lots').select(['available_at', 'expires_on'])
    .where('program_id', '=', programId).where('member_id', '=', memberId).where('id', '=', lotId).executeTakeFirst();

/** The lots a debit drew from, with each lot's expiry, locked: what a restore gives back to. */
const draws = (db: Db | Trx, programId: string, memberId: string, entryId: string) =>
  db.selectFrom('lot_draws as d').innerJoin('point_lots as l', (j) => j.onRef('l.program_id', '=', 'd.program_id').onRef('l.member_id', '=', 'd.member_id').onRef('l.id', '=', 'd.lot_id'))
    .select(['d.lot_id', 'd.points', 'l.expires_on', 'l.closed_reason'])
    .where('d.program_id', '=', programId).where('d.member_id', '=', memberId).where('d.entry_id', '=', entryId)
    .orderBy('d.lot_id');
export const drawsOf = (trx: Trx, programId: string, memberId: string, entryId: string) => draws(trx, programId, memberId, entryId).forUpdate().execute();
/** The same draws unlocked, for a preview. */
export const drawsSeen = (db: Db | Trx, programId: string, memberId: string, entryId: string) => draws(db, programId, memberId, entryId).execute();

/** Puts points back into the lots they were drawn from (they reopen) and records it under the crediting entry. */
export async function restoreToLots(trx: Trx, programId: string, memberId: string, entryId: string, back: { lotId: string; points: number }[]) {
  if (!back.length) return;
  const values = sql.join(back.map((d) => sql`(${d.lotId}::text, ${d.points}::bigint)`));
  await sql`UPDATE point_lots l SET remaining = l.remaining + d.points, closed_reason = NULL
    FROM (VALUES ${values}) AS d(id, points)
    WHERE l.program_id = ${programId} AND l.member_id = ${memberId} AND l.id = d.id`.execute(trx);
  await trx.insertInto('lot_restores').values(back.map((d) => ({ program_id: programId, member_id: memberId, entry_id: entryId, lot_id: d.lotId, points: d.points }))).execute();
}
