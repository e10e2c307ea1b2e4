import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { PurchaseLine } from './purchase.table.ts';

export interface EarnRow {
  programId: string;
  memberId: string;
  purchaseId: string;
  storeId: string;
  receiptNo: string | null;
  amountFen: number;
  lines: PurchaseLine[] | null;
  occurredAt: Date;
  points: number;
  lotId: string;
  entryId: string;
  pending: boolean;
  availableAt: Date;
  expiresOn: string | null;
  expiresAt: Date | null;
  idempotencyKey: string;
  requestHash: string;
  actor: string | null;
  event: Record<string, unknown>;
}

/**
 * Records a purchase and its points in ONE statement: the purchase row, its lot, the
 * ledger entry, the balance and the outbox event, each conditional on the purchase row
 * being new (ON CONFLICT on the idempotency key) and the member active in the store's
 * program. One round trip and one implicit transaction is what keeps recording a
 * purchase as cheap as a TPC-B transaction (docs/architecture.md). This is the one
 * place the purchases module writes the ledger's tables directly, for that reason.
 */
export async function insertPurchaseWithEarn(db: Db | Trx, r: EarnRow) {
  const earns = r.points > 0;
  const result = await sql<{ member_ok: number; inserted: number; created_at: Date | null }>`
    WITH m AS (
      SELECT id FROM members
      WHERE program_id = ${r.programId} AND id = ${r.memberId} AND status = 'active'
        AND EXISTS (SELECT 1 FROM stores WHERE program_id = ${r.programId} AND id = ${r.storeId})
    ), pur AS (
      INSERT INTO purchases (program_id, member_id, id, store_id, receipt_no, amount_fen, lines, occurred_at,
                             points_earned, lot_id, idempotency_key, request_hash, actor)
      SELECT ${r.programId}, m.id, ${r.purchaseId}, ${r.storeId}, ${r.receiptNo}, ${r.amountFen},
             ${r.lines ? JSON.stringify(r.lines) : null}::jsonb, ${r.occurredAt}, ${r.points},
             ${earns ? r.lotId : null}, ${r.idempotencyKey}, ${r.requestHash}, ${r.actor}
      FROM m
      ON CONFLICT (program_id, idempotency_key) DO NOTHING
      RETURNING created_at
    ), lot AS (
      INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on, expires_at, purchase_id)
      SELECT ${r.programId}, ${r.memberId}, ${r.lotId}, 'purchase', ${r.points}, ${r.points}, ${r.pending},
             ${r.availableAt}, ${r.expiresOn}::date, ${r.expiresAt}, ${r.purchaseId}
      FROM pur WHERE ${earns}
    ), ent AS (
      INSERT INTO ledger_entries (program_id, member_id, id, kind, direction, points, purchase_id, lot_id, store_id, actor, occurred_at)
      SELECT ${r.programId}, ${r.memberId}, ${r.entryId}, 'earn', 'credit', ${r.points}, ${r.purchaseId}, ${r.lotId}, ${r.storeId}, ${r.actor}, ${r.occurredAt}
      FROM pur WHERE ${earns}
    ), bal AS (
      UPDATE point_balances SET
        available = available + ${r.pending ? 0 : r.points},
        pending = pending + ${r.pending ? r.points : 0},
        lifetime_earned = lifetime_earned + ${r.points},
        next_release_at = ${r.pending ? sql`LEAST(coalesce(next_release_at, ${r.availableAt}), ${r.availableAt})` : sql`next_release_at`},
        next_expiry_on = LEAST(next_expiry_on, ${r.expiresOn}::date),
        updated_at = now()
      WHERE program_id = ${r.programId} AND member_id = ${r.memberId} AND ${earns} AND EXISTS (SELECT 1 FROM pur)
    ), ob AS (
      INSERT INTO outbox (program_id, topic, aggregate_id, payload)
      SELECT ${r.programId}, 'purchase.recorded', ${r.memberId}, ${JSON.stringify(r.event)}::jsonb FROM pur
    )
    SELECT (SELECT count(*) FROM m)::int AS member_ok, (SELECT count(*) FROM pur)::int AS inserted, (SELECT created_at FROM pur) AS created_at
  `.execute(db);
  return result.rows[0]!;
}

export const findByKey = (db: Db | Trx, programId: string, key: string) =>
  db.selectFrom('purchases as p')
    .leftJoin('point_lots as l', (j) => j.onRef('l.program_id', '=', 'p.program_id').onRef('l.member_id', '=', 'p.member_id').onRef('l.id', '=', 'p.lot_id'))
    .selectAll('p').select(['l.available_at', 'l.expires_on'])
    .where('p.program_id', '=', programId).where('p.idempotency_key', '=', key).executeTakeFirst();

export const findById = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('purchases as p')
    .leftJoin('point_lots as l', (j) => j.onRef('l.program_id', '=', 'p.program_id').onRef('l.member_id', '=', 'p.member_id').onRef('l.id', '=', 'p.lot_id'))
    .selectAll('p').select(['l.available_at', 'l.expires_on'])
    .where('p.program_id', '=', programId).where('p.id', '=', id).executeTakeFirst();

export const lockPurchase = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('purchases').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
