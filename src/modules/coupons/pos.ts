import { randomBytes } from 'node:crypto';
import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type DomainError, type Result } from '../../platform/errors.ts';
import { idempotencyConflict } from '../../platform/idempotency.ts';
import { localDateTime } from '../../platform/time.ts';
import {
  COUPON_MESSAGES as MSG, couponExpired, couponMinSpend, couponNotYetValid, couponOtherMember, couponReserved, couponUsed, couponVoid,
  couponWrongStore, unknownCode,
} from './coupon.errors.ts';
import { printCode } from './coupon-code.ts';
import * as repo from './coupon.repository.ts';
import type { TCouponHold, TTill } from './coupon.schema.ts';
import type { CouponDeps } from './coupon.service.ts';
import type { CouponRow } from './coupon.table.ts';

// The POS: validate (hold the coupon for this till a few minutes), consume (once), release.
// Each is ONE guarded UPDATE; only when it finds nothing does a read explain why, in
// words a cashier can say to the member (used when and where, expired since, …).

export interface Consume extends TTill { purchase_ref: string }

/** "Already used, when and where": the refusal for a consumed coupon, its store named (the till's, and a void's). */
export async function usedRefusal(deps: Pick<CouponDeps, 'stores'>, programId: string, c: CouponRow, tz: string) {
  const store = c.consumed_store_id ? await deps.stores.get(programId, c.consumed_store_id) : null;
  const name = store && !isFailure(store) ? store.name : c.consumed_store_id ?? '?';
  return couponUsed(c.consumed_at!, localDateTime(c.consumed_at!, tz), c.consumed_store_id, name);
}

export function posOperations(ctx: Ctx, deps: CouponDeps, timeZone: (programId: string) => Promise<string>) {
  /** The till's store: the POS key's own, or the one named (an admin key must name one that exists). */
  async function storeOf(programId: string, input: TTill, actor: Principal): Promise<Result<string>> {
    if (actor.storeId) {
      if (input.store_id && input.store_id !== actor.storeId) return validation('store_id', MSG.store_mismatch());
      return actor.storeId;
    }
    if (!input.store_id) return validation('store_id', MSG.store_required());
    if (!(await deps.stores.exists(programId, input.store_id))) return notFound('store', 'store_id');
    return input.store_id;
  }

  /** Why the guarded UPDATE found nothing to change: the first reason that holds, in the order a cashier meets them. */
  async function explain(programId: string, t: repo.Till): Promise<DomainError | null> {
    const c = await repo.findByCode(ctx.db, programId, t.code);
    if (!c) return unknownCode(printCode(t.code));
    const tz = await timeZone(programId);
    if (c.status === 'consumed') return usedRefusal(deps, programId, c, tz);
    if (c.status === 'void') return couponVoid();
    if (c.valid_until <= t.now) return couponExpired(c.valid_until, localDateTime(c.valid_until, tz));
    if (c.valid_from > t.now) return couponNotYetValid(c.valid_from, localDateTime(c.valid_from, tz));
    const type = (await repo.findType(ctx.db, programId, c.type_id))!;
    if (type.store_ids.length && !type.store_ids.includes(t.storeId)) {
      const names = (await deps.stores.list(programId)).filter((s) => type.store_ids.includes(s.id)).map((s) => s.name);
      return couponWrongStore(type.store_ids, names.join(', '));
    }
    if (c.member_id && t.memberId && c.member_id !== t.memberId) return couponOtherMember();
    if (t.basketFen < Number(type.min_spend_fen)) return couponMinSpend(Number(type.min_spend_fen), t.basketFen);
    if (c.reserved_until && c.reserved_until > t.now) return couponReserved(c.reserved_until, localDateTime(c.reserved_until, tz));
    // nothing stands in the way any more (another till let go between the UPDATE and this read): try again
    return null;
  }

  /** Runs the guarded UPDATE; when it finds nothing, the reason, or (the coupon freed meanwhile) the UPDATE again. */
  async function attempt<U>(programId: string, t: repo.Till, update: () => Promise<U | undefined>): Promise<U | DomainError> {
    for (let i = 0; ; i++) {
      const u = await update();
      if (u) return u;
      const why = await explain(programId, t);
      if (why) return why;
      if (i === 2) return couponReserved(t.now, localDateTime(t.now, await timeZone(programId)));
    }
  }

  const answer = (u: repo.Used, token: string | null): TCouponHold => {
    return {
      code: printCode(u.code), coupon_id: u.id, kind: u.kind, type_name: u.type_name, type_name_en: u.type_name_en,
      gift_sku: u.gift_sku, gift_name: u.gift_name, member_id: u.member_id, discount_fen: Number(u.discount_fen),
      reservation_token: token, reserved_until: token && u.reserved_until ? u.reserved_until.toISOString() : null,
      consumed_at: u.consumed_at?.toISOString() ?? null, valid_until: u.valid_until.toISOString(),
    };
  };

  const till = (programId: string, input: TTill, storeId: string, now: Date): repo.Till => ({
    programId, code: input.code, storeId, basketFen: input.basket_fen, memberId: input.member_id ?? null, token: input.reservation_token ?? null, now,
  });

  return {
    /** Checks the coupon for this basket and holds it for this till (the type's hold minutes; it lapses by itself). A till may validate again with its token. */
    async validate(programId: string, input: TTill, actor: Principal, now = new Date()): Promise<Result<TCouponHold>> {
      const store = await storeOf(programId, input, actor);
      if (isFailure(store)) return store;
      const t = { ...till(programId, input, store, now), token: input.reservation_token ?? randomBytes(12).toString('base64url') };
      const u = await attempt(programId, t, () => repo.reserve(ctx.db, t));
      return isFailure(u) ? u : answer(u, t.token);
    },

    /**
     * Uses the coupon once, with this till's hold or directly when nobody else holds it. A
     * retry with the same Idempotency-Key (the key is kept on the coupon) gets the same
     * answer, marked replayed; the key with another request is a 409.
     */
    async consume(programId: string, input: Consume, actor: Principal, key: string | undefined, now = new Date()): Promise<Result<TCouponHold & { replayed: boolean }>> {
      const store = await storeOf(programId, input, actor);
      if (isFailure(store)) return store;
      const t = { ...till(programId, input, store, now), purchaseRef: input.purchase_ref, key: key ?? null };
      const u = await attempt(programId, t, () => repo.consume(ctx.db, t));
      if (!isFailure(u)) return { ...answer(u, null), replayed: false };
      if (key !== undefined && u.code === 'coupon_used') {
        const c = (await repo.findByCode(ctx.db, programId, input.code))!;
        if (c.consume_key === key) {
          if (c.purchase_ref !== input.purchase_ref || c.consumed_store_id !== store || Number(c.basket_fen) !== input.basket_fen) return idempotencyConflict();
          const type = (await repo.findType(ctx.db, programId, c.type_id))!;
          const used = { ...c, discount_fen: Number(c.discount_fen), kind: type.kind, type_name: type.name, type_name_en: type.name_en, gift_sku: type.gift_sku, gift_name: type.gift_name };
          return { ...answer(used, null), replayed: true };
        }
      }
      return u;
    },

    /** Lets go of this till's hold at once (else it lapses by itself): released false when the token no longer held it. */
    async release(programId: string, code: string, token: string): Promise<Result<{ code: string; released: boolean }>> {
      if (await repo.release(ctx.db, programId, code, token)) return { code: printCode(code), released: true };
      if (!(await repo.findByCode(ctx.db, programId, code))) return unknownCode(printCode(code));
      return { code: printCode(code), released: false };
    },
  };
}
