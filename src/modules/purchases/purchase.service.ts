import type { Ctx, Principal } from '../../platform/context.ts';
import { DomainError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { idempotencyConflict, idempotent, requestHash } from '../../platform/idempotency.ts';
import { emit } from '../../platform/outbox.ts';
import { normalizeMobile } from '../../platform/validate.ts';
import type { MemberService } from '../members/index.ts';
import { earnPoints, lotTerms, type PointsService } from '../points/index.ts';
import type { ProgramService } from '../programs/index.ts';
import * as repo from './purchase.repository.ts';
import type { TPurchase, TPurchaseCreate, TReturnCreate } from './purchase.schema.ts';
import type { PurchaseLine } from './purchase.table.ts';

/** a × b / c rounded down, exactly: the float product passes 2^53 for large purchases and
 * a full return then took back one point (or one fen of a line) too few. */
const mulDiv = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));

type PurchaseView = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

function toPurchase(p: PurchaseView, now = new Date()): TPurchase {
  return {
    id: p.id,
    member_id: p.member_id,
    store_id: p.store_id,
    amount_fen: p.amount_fen,
    returned_fen: p.returned_fen,
    receipt_no: p.receipt_no,
    occurred_at: p.occurred_at.toISOString(),
    points_earned: p.points_earned,
    points_reversed: p.points_reversed,
    points_state: p.points_earned === 0 ? 'none' : p.available_at && p.available_at > now ? 'pending' : 'available',
    available_at: p.available_at?.toISOString() ?? null,
    expires_on: p.expires_on ?? null,
    lines: p.lines,
    created_at: p.created_at.toISOString(),
  };
}

export function purchaseService(ctx: Ctx, deps: { programs: ProgramService; members: MemberService; points: PointsService }) {
  async function resolveMember(programId: string, input: { member_id?: string; member_no?: string; phone?: string }) {
    if (input.member_id) return input.member_id;
    if (input.member_no) {
      const id = await deps.members.idByMemberNo(programId, input.member_no);
      if (!id) throw notFound('member', 'member_no');
      return id;
    }
    const phone = normalizeMobile(input.phone ?? '');
    if (!phone) throw validation('phone', 'Invalid mobile number: expected a mainland China mobile such as 13812345678');
    const id = await deps.members.idByPhone(programId, phone);
    if (!id) throw notFound('member', 'phone');
    return id;
  }

  function storeOf(actor: Principal, storeId: string | undefined) {
    if (actor.role === 'pos') {
      if (storeId && storeId !== actor.storeId) throw new DomainError('forbidden', 'A pos key records purchases for its own store only', { field: 'store_id' });
      return actor.storeId!;
    }
    if (!storeId) throw validation('store_id', 'Required: the store where the purchase happened');
    return storeId;
  }

  const service = {
    /** Records a purchase from a POS and earns its points; a retry with the same key is harmless. */
    async record(programId: string, input: TPurchaseCreate, actor: Principal, key: string, now = new Date()) {
      const hash = requestHash(input);
      const storeId = storeOf(actor, input.store_id);
      const memberId = await resolveMember(programId, input);
      const settings = await deps.programs.settings(programId);
      const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now;
      if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw validation('occurred_at', 'Invalid date time: a purchase cannot be in the future');
      const points = earnPoints(settings, { amountFen: input.amount_fen });
      const terms = lotTerms(settings, occurredAt, now);
      const purchaseId = newId('pur');
      const lines: PurchaseLine[] | null = input.lines?.map((l) => ({ sku: l.sku, category: l.category ?? null, quantity: l.quantity, amount_fen: l.amount_fen, returned_quantity: 0 })) ?? null;
      const r = await repo.insertPurchaseWithEarn(ctx.db, {
        programId, memberId, purchaseId, storeId, receiptNo: input.receipt_no ?? null, amountFen: input.amount_fen, lines, occurredAt, points,
        lotId: newId('lot'), entryId: newId('ent'), pending: terms.pending, availableAt: terms.availableAt, expiresOn: terms.expiresOn, expiresAt: terms.expiresAt,
        idempotencyKey: key, requestHash: hash, actor: actor.keyId,
        event: { purchase_id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, points, pending: terms.pending, occurred_at: occurredAt.toISOString() },
      });
      if (r.inserted === 1) {
        return {
          replayed: false,
          body: {
            id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, returned_fen: 0, receipt_no: input.receipt_no ?? null,
            occurred_at: occurredAt.toISOString(), points_earned: points, points_reversed: 0,
            points_state: points === 0 ? 'none' : terms.pending ? 'pending' : 'available',
            available_at: points ? terms.availableAt.toISOString() : null, expires_on: points ? terms.expiresOn : null,
            lines, created_at: (r.created_at ?? now).toISOString(),
          } satisfies TPurchase,
        };
      }
      const prior = await repo.findByKey(ctx.db, programId, key);
      if (prior) {
        if (prior.request_hash !== hash) throw idempotencyConflict();
        return { replayed: true, body: toPurchase(prior) };
      }
      if (r.member_ok === 0) {
        const store = await ctx.db.selectFrom('stores').select('id').where('program_id', '=', programId).where('id', '=', storeId).executeTakeFirst();
        if (!store) throw notFound('store', 'store_id');
        await deps.members.requireActive(programId, memberId);
      }
      throw new DomainError('conflict', 'The purchase could not be recorded; retry with the same Idempotency-Key');
    },

    async get(programId: string, id: string) {
      const p = await repo.findById(ctx.db, programId, id);
      if (!p) throw notFound('purchase', 'purchase_id');
      return toPurchase(p);
    },

    /**
     * A full or partial return against the original purchase. Points come back in
     * proportion to the amount returned (rounded so a full return takes back exactly what
     * was earned); nothing beyond what is left of the purchase can be returned.
     */
    async recordReturn(programId: string, input: TReturnCreate, actor: Principal, key: string) {
      return idempotent(ctx.db, { programId, scope: 'return', key, hash: requestHash(input) }, async (trx) => {
        const p = await repo.lockPurchase(trx, programId, input.purchase_id);
        if (!p) throw notFound('purchase', 'purchase_id');
        const left = p.amount_fen - p.returned_fen;
        let amount: number;
        let lines = p.lines;
        if (input.lines) {
          if (!p.lines) throw validation('lines', 'The purchase has no lines; return by amount_fen');
          lines = p.lines.map((l) => ({ ...l }));
          amount = 0;
          for (const [i, want] of input.lines.entries()) {
            const line = lines.find((l) => l.sku === want.sku && l.quantity - (l.returned_quantity ?? 0) >= want.quantity)
              ?? lines.find((l) => l.sku === want.sku);
            if (!line) throw validation(`lines[${i}].sku`, `SKU ${want.sku} is not on the purchase`);
            const done = line.returned_quantity ?? 0;
            if (done + want.quantity > line.quantity) {
              throw new DomainError('return_exceeds_purchase', `Only ${line.quantity - done} of ${want.sku} are left to return`, { field: `lines[${i}].quantity`, extra: { returnable_quantity: line.quantity - done } });
            }
            // cumulative rounding: returning every unit gives back exactly the line amount
            amount += mulDiv(line.amount_fen, done + want.quantity, line.quantity) - mulDiv(line.amount_fen, done, line.quantity);
            line.returned_quantity = done + want.quantity;
          }
        } else {
          amount = input.amount_fen ?? left;
        }
        if (amount > left || left === 0) {
          throw new DomainError('return_exceeds_purchase', `Only ${left} fen of this purchase is left to return`, { field: input.lines ? 'lines' : 'amount_fen', extra: { returnable_fen: left } });
        }
        const returnedAfter = p.returned_fen + amount;
        const target = p.amount_fen === 0 ? p.points_earned : mulDiv(p.points_earned, returnedAfter, p.amount_fen);
        const toReverse = Math.max(0, target - p.points_reversed);
        const id = newId('ret');
        const occurredAt = input.occurred_at ? new Date(input.occurred_at) : new Date();
        const r = toReverse > 0
          ? await deps.points.reverse(trx, programId, p.member_id, toReverse, p.lot_id, { purchaseId: p.id, returnId: id, actor: actor.keyId, storeId: input.store_id ?? actor.storeId ?? p.store_id, occurredAt })
          : { recovered: 0, unrecovered: 0, entryId: null };
        const row = await trx.insertInto('returns').values({
          program_id: programId, member_id: p.member_id, id, purchase_id: p.id, store_id: input.store_id ?? actor.storeId ?? p.store_id,
          amount_fen: amount, lines: input.lines ? JSON.stringify(input.lines) as never : null, points_reversed: r.recovered,
          points_unrecovered: r.unrecovered, occurred_at: occurredAt, actor: actor.keyId,
        }).returning('created_at').executeTakeFirstOrThrow();
        await trx.updateTable('purchases').set({
          returned_fen: returnedAfter, points_reversed: p.points_reversed + toReverse, ...(input.lines ? { lines: JSON.stringify(lines) as never } : {}),
        }).where('program_id', '=', programId).where('member_id', '=', p.member_id).where('id', '=', p.id).execute();
        const body = {
          id, purchase_id: p.id, member_id: p.member_id, amount_fen: amount, points_reversed: r.recovered, points_unrecovered: r.unrecovered,
          created_at: row.created_at.toISOString(),
        };
        await emit(trx, { programId, topic: 'purchase.returned', aggregateId: p.member_id, payload: { ...body, entry_id: r.entryId } });
        return { status: 201, body };
      });
    },
  };
  return service;
}
export type PurchaseService = ReturnType<typeof purchaseService>;
