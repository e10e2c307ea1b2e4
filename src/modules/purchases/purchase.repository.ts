import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { PurchaseLine, ReturnTable } from './purchase.table.ts';

/** The purchase row the earn statement inserts (workflows/record-purchase.ts). */
export interface PurchaseWrite {
  programId: string;
  purchaseId: string;
  storeId: string;
  receiptNo: string | null;
  amountFen: number;
  lines: PurchaseLine[] | null;
  occurredAt: Date;
  points: number;
  lotId: string | null;
  idempotencyKey: string;
  requestHash: string;
  actor: string | null;
  breakdown?: unknown;
}

/**
 * The purchases module's part of the one-statement earn: a CTE body inserting the purchase
 * for each row of `member` (the active-member CTE: no row, no purchase), doing nothing when
 * the program's idempotency key is taken. It returns created_at; a row means "inserted".
 */
export const insertPurchaseSql = (r: PurchaseWrite, member: string) => sql`
      INSERT INTO purchases (program_id, member_id, id, store_id, receipt_no, amount_fen, lines, occurred_at,
                             points_earned, lot_id, idempotency_key, request_hash, actor, breakdown)
      SELECT ${r.programId}, m.id, ${r.purchaseId}, ${r.storeId}, ${r.receiptNo}, ${r.amountFen},
             ${r.lines ? JSON.stringify(r.lines) : null}::jsonb, ${r.occurredAt}, ${r.points},
             ${r.lotId}, ${r.idempotencyKey}, ${r.requestHash}, ${r.actor}, ${r.breakdown === undefined ? null : JSON.stringify(r.breakdown)}::jsonb
      FROM ${sql.table(member)} m
      ON CONFLICT (program_id, idempotency_key) DO NOTHING
      RETURNING created_at`;

export const findByKey = (db: Db | Trx, programId: string, key: string) =>
  db.selectFrom('purchases').selectAll().where('program_id', '=', programId).where('idempotency_key', '=', key).executeTakeFirst();

export const findById = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('purchases').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const lockPurchase = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('purchases').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const insertReturn = (trx: Trx, row: Insertable<ReturnTable>) =>
  trx.insertInto('returns').values(row).returning('created_at').executeTakeFirstOrThrow();

export const markReturned = (trx: Trx, programId: string, memberId: string, id: string, set: { returned_fen: number; points_reversed: number; lines?: PurchaseLine[] }) =>
  trx.updateTable('purchases').set({
    returned_fen: set.returned_fen, points_reversed: set.points_reversed, ...(set.lines ? { lines: JSON.stringify(set.lines) as never } : {}),
  }).where('program_id', '=', programId).where('member_id', '=', memberId).where('id', '=', id).execute();

/**
 * Whether the member has any purchase yet (the "first purchase" condition of a rule). Not
 * EXISTS: as a prepared statement's generic plan, EXISTS on one program's purchases became
 * a sequential scan (the planner expected a match early in it); the ORDER BY follows the
 * primary key, so the plan walks the member's index entries whatever the estimate.
 */
export const hasPurchaseSql = (programId: string, memberId: string) =>
  sql<boolean>`((SELECT id FROM purchases WHERE program_id = ${programId} AND member_id = ${memberId} ORDER BY program_id, member_id, id LIMIT 1) IS NOT NULL)`;

/**
 * Per-member purchase figures as of a moment, as a row source another module's statement can
 * select from (segments' stats): one row per member with a purchase up to asOf, with
 * `last_purchase_at` and, for each window of d days (today in the program's time zone and the
 * d - 1 days before it), `spend_fen_<d>d` (net of returns) and `visits_<d>d` (days with a purchase).
 */
export const purchaseAggregatesSql = (programId: string, opts: { asOf: Date; timeZone: string; windowDays: readonly number[] }) => {
  const today = sql`(${opts.asOf}::timestamptz AT TIME ZONE ${opts.timeZone})::date`;
  const windows = opts.windowDays.flatMap((d) => {
    const inside = sql`day > ${today} - ${d}::int`;
    return [
      sql`coalesce(sum(spend) FILTER (WHERE ${inside}), 0)::bigint AS ${sql.ref(`spend_fen_${d}d`)}`,
      sql`(count(*) FILTER (WHERE ${inside}))::int AS ${sql.ref(`visits_${d}d`)}`,
    ];
  });
  return sql`
      SELECT member_id, max(last_at) AS last_purchase_at, ${sql.join(windows)}
      FROM (SELECT member_id, (occurred_at AT TIME ZONE ${opts.timeZone})::date AS day,
                   sum(amount_fen - returned_fen) AS spend, max(occurred_at) AS last_at
            FROM purchases
            WHERE program_id = ${programId} AND occurred_at <= ${opts.asOf}
            GROUP BY member_id, day) per_day
      GROUP BY member_id`;
};

/**
 * Each member's purchases per local day of a window, as a row source another module's
 * statement can select from (a campaign's report): one row per member and local day with a
 * purchase in from ≤ occurred_at < to, with `member_id`, `day` (date, in timeZone),
 * `spend_fen` (net of what was returned, whenever) and `points` (earned net of reversed).
 */
export const purchaseDaysSql = (programId: string, opts: { from: Date; to: Date; timeZone: string }) => sql<{ member_id: string; day: string; spend_fen: number; points: number }>`
      SELECT member_id, (occurred_at AT TIME ZONE ${opts.timeZone})::date AS day,
             sum(amount_fen - returned_fen)::bigint AS spend_fen, sum(points_earned - points_reversed)::bigint AS points
      FROM purchases
      WHERE program_id = ${programId} AND occurred_at >= ${opts.from}::timestamptz AND occurred_at < ${opts.to}::timestamptz
      GROUP BY member_id, day`;
