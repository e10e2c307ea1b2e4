import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import { mulDiv } from '../../platform/arith.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { notFound, platformFailure, validation, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/outbox.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import type { PointsService } from '../points/index.ts';
import { PURCHASE_MESSAGES as MSG, returnExceedsPurchase } from './purchase.errors.ts';
import * as repo from './purchase.repository.ts';
import type { TPurchase, TReturnCreate } from './purchase.schema.ts';
import type { PurchaseLine, PurchaseRow } from './purchase.table.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

/**
 * What returning `take` more units of a line gives back in fen, when `done` are already
 * returned. Cumulative rounding: returning every unit gives back exactly the line amount.
 * The importer predicts a return with this same function.
 */
export const lineReturnFen = (line: { amount_fen: number; quantity: number }, done: number, take: number) =>
  mulDiv(line.amount_fen, done + take, line.quantity) - mulDiv(line.amount_fen, done, line.quantity);

/** Points a purchase has reversed once `returnedFen` of it is returned: floor(earned × returned / amount). */
const pointsToReverse = (p: { amount_fen: number; points_earned: number }, returnedFen: number) =>
  p.amount_fen === 0 ? p.points_earned : mulDiv(p.points_earned, returnedFen, p.amount_fen);

type LotDates = { available_at: Date; expires_on: string | null } | undefined;

function toPurchase(p: PurchaseRow, lot: LotDates, now = new Date()): TPurchase {
  return {
    id: p.id,
    member_id: p.member_id,
    store_id: p.store_id,
    amount_fen: p.amount_fen,
    returned_fen: p.returned_fen,
    receipt_no: p.receipt_no,
    occurred_at: p.occurred_at.toISOString(),
    points_earned: p.points_earned,
    points_asked: p.breakdown ? p.breakdown.reduce((s, i) => s + i.asked, 0) : p.points_earned,
    breakdown: p.breakdown,
    points_reversed: p.points_reversed,
    points_state: p.points_earned === 0 ? 'none' : lot && lot.available_at > now ? 'pending' : 'available',
    available_at: lot?.available_at.toISOString() ?? null,
    expires_on: lot?.expires_on ?? null,
    lines: p.lines,
    created_at: p.created_at.toISOString(),
  };
}

/** A return worked out against the locked purchase: what it gives back and what it reverses. */
export interface ReturnPlan {
  purchase: PurchaseRow;
  amountFen: number;
  lines: PurchaseLine[] | null;
  returnedAfter: number;
  pointsToReverse: number;
}

export function purchaseService(ctx: Ctx, deps: { points: PointsService }) {
  const service = {
    /**
     * Retention (定期清理过时信息): purchases that occurred before `before` lose their line
     * details (SKUs, categories, quantities) and their returns' lines; the amounts, points
     * and dates stay, so the ledger and every total still add up. Counts, or only counts
     * what it would clear when dry.
     */
    async clearLineDetails(programId: string, before: Date, dryRun: boolean): Promise<number> {
      if (dryRun) {
        const r = await ctx.db.selectFrom('purchases').select(sql<number>`count(*)::int`.as('n'))
          .where('program_id', '=', programId).where('occurred_at', '<', before).where('lines', 'is not', null).executeTakeFirstOrThrow();
        return r.n;
      }
      const done = await ctx.db.updateTable('purchases').set({ lines: null })
        .where('program_id', '=', programId).where('occurred_at', '<', before).where('lines', 'is not', null).returning('id').execute();
      await ctx.db.updateTable('returns').set({ lines: null })
        .where('program_id', '=', programId).where('lines', 'is not', null)
        .where('purchase_id', 'in', (eb) => eb.selectFrom('purchases as p').select('p.id').where('p.program_id', '=', programId).where('p.occurred_at', '<', before))
        .execute();
      return done.length;
    },
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['purchases', '消费记录', 'Purchases'],
      ['returns', '退货记录', 'Returns'],
    ]),
    /** The store a purchase is recorded for: a pos key's or store staff's own (whoever has a store acts for it only), or the one an admin names. */
    storeOf(actor: Principal, storeId: string | undefined): Result<string> {
      if (actor.storeId) {
        if (storeId && storeId !== actor.storeId) return platformFailure('forbidden', MSG.own_store(), { field: 'store_id' });
        return actor.storeId;
      }
      if (!storeId) return validation('store_id', MSG.store_required());
      return storeId;
    },

    async get(programId: string, id: string) {
      const p = await repo.findById(ctx.db, programId, id);
      if (!p) return notFound('purchase', 'purchase_id');
      return service.view(p);
    },

    /**
     * Each member's first purchase (earliest occurred_at) with what has been returned of it:
     * what a referral qualifies on. Members without a purchase are left out.
     */
    async firstPurchases(programId: string, memberIds: string[]): Promise<Map<string, { id: string; amount_fen: number; returned_fen: number; occurred_at: Date }>> {
      if (!memberIds.length) return new Map();
      const rows = await ctx.db.selectFrom('purchases').select(['member_id', 'id', 'amount_fen', 'returned_fen', 'occurred_at'])
        .distinctOn('member_id').where('program_id', '=', programId).where('member_id', 'in', memberIds)
        .orderBy('member_id').orderBy('occurred_at').orderBy('id').execute();
      return new Map(rows.map((r) => [r.member_id, { id: r.id, amount_fen: r.amount_fen, returned_fen: r.returned_fen, occurred_at: r.occurred_at }]));
    },

    /** The purchase recorded under an idempotency key, with the hash of its request. */
    /**
     * Members who bought since an instant, and purchases per local day from one (net of
     * returns), for the console's home page. A scan of the window's purchases (no index on
     * occurred_at keeps the earn path's writes lean); the caller caches it for a minute.
     */
    async activity(programId: string, timeZone: string, activeSince: Date, daysFrom: Date) {
      const [active, days] = await Promise.all([
        sql<{ n: number }>`SELECT count(DISTINCT member_id)::int AS n FROM purchases WHERE program_id = ${programId} AND occurred_at >= ${activeSince}`.execute(ctx.db),
        sql<{ day: string; purchases: number; amount_fen: number; points: number }>`
          SELECT to_char((occurred_at AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, count(*)::int AS purchases,
                 sum(amount_fen - returned_fen)::bigint AS amount_fen, sum(points_earned - points_reversed)::bigint AS points
          FROM purchases WHERE program_id = ${programId} AND occurred_at >= ${daysFrom}
          GROUP BY 1 ORDER BY 1`.execute(ctx.db),
      ]);
      return { activeMembers: active.rows[0]!.n, days: days.rows.map((d) => ({ ...d, amount_fen: Number(d.amount_fen), points: Number(d.points) })) };
    },
    async byKey(programId: string, key: string) {
      const p = await repo.findByKey(ctx.db, programId, key);
      return p && { requestHash: p.request_hash, purchase: await service.view(p) };
    },

    async view(p: PurchaseRow) {
      const lot = p.lot_id ? await deps.points.lotDates(p.program_id, p.member_id, p.lot_id) : undefined;
      return toPurchase(p, lot);
    },

    /**
     * Locks the purchase and works out a full or partial return against it. Points come
     * back in proportion to the amount returned (rounded so a full return takes back
     * exactly what was earned); nothing beyond what is left of the purchase can be returned.
     */
    async planReturn(trx: Trx, programId: string, input: TReturnCreate): Promise<Result<ReturnPlan>> {
      assertTransaction(trx);
      const p = await repo.lockPurchase(trx, programId, input.purchase_id);
      if (!p) return notFound('purchase', 'purchase_id');
      const left = p.amount_fen - p.returned_fen;
      let amount: number;
      let lines = p.lines;
      if (input.lines) {
        if (!p.lines) return validation('lines', MSG.no_lines());
        lines = p.lines.map((l) => ({ ...l }));
        amount = 0;
        for (const [i, want] of input.lines.entries()) {
          const line = lines.find((l) => l.sku === want.sku && l.quantity - (l.returned_quantity ?? 0) >= want.quantity)
            ?? lines.find((l) => l.sku === want.sku);
          if (!line) return validation(`lines[${i}].sku`, MSG.sku_missing({ sku: want.sku }));
          const done = line.returned_quantity ?? 0;
          if (done + want.quantity > line.quantity) {
            return returnExceedsPurchase(MSG.units_left({ units: line.quantity - done, sku: want.sku }), `lines[${i}].quantity`, { returnable_quantity: line.quantity - done });
          }
          amount += lineReturnFen(line, done, want.quantity);
          line.returned_quantity = done + want.quantity;
        }
      } else {
        amount = input.amount_fen ?? left;
      }
      if (amount > left || left === 0) {
        return returnExceedsPurchase(MSG.fen_left({ fen: left }), input.lines ? 'lines' : 'amount_fen', { returnable_fen: left });
      }
      const returnedAfter = p.returned_fen + amount;
      return {
        purchase: p, amountFen: amount, lines: input.lines ? lines : null, returnedAfter,
        pointsToReverse: Math.max(0, pointsToReverse(p, returnedAfter) - p.points_reversed),
      };
    },

    /** Writes a planned return: its row, the purchase's returned figures, the event. */
    async saveReturn(trx: Trx, plan: ReturnPlan, input: TReturnCreate, r: { id: string; storeId: string; occurredAt: Date; recovered: number; unrecovered: number; entryId: string | null; actor: string }) {
      assertTransaction(trx);
      const p = plan.purchase;
      const row = await repo.insertReturn(trx, {
        program_id: p.program_id, member_id: p.member_id, id: r.id, purchase_id: p.id, store_id: r.storeId,
        amount_fen: plan.amountFen, lines: input.lines ? JSON.stringify(input.lines) as never : null, points_reversed: r.recovered,
        points_unrecovered: r.unrecovered, occurred_at: r.occurredAt, actor: r.actor,
      });
      await repo.markReturned(trx, p.program_id, p.member_id, p.id, {
        returned_fen: plan.returnedAfter, points_reversed: p.points_reversed + plan.pointsToReverse, ...(plan.lines ? { lines: plan.lines } : {}),
      });
      const body = {
        id: r.id, purchase_id: p.id, member_id: p.member_id, amount_fen: plan.amountFen, points_reversed: r.recovered, points_unrecovered: r.unrecovered,
        created_at: row.created_at.toISOString(),
      };
      await emit(trx, { programId: p.program_id, topic: 'purchase.returned', aggregateId: p.member_id, payload: { ...body, entry_id: r.entryId } });
      return body;
    },

  };
  return service;
}
export type PurchaseService = ReturnType<typeof purchaseService>;
