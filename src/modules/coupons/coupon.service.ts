import type { Insertable } from 'kysely';
import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate, localDateTime, startOfDay } from '../../platform/time.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import type { ProgramService } from '../programs/index.ts';
import type { StoreService } from '../stores/index.ts';
import { newCode } from './coupon-code.ts';
import { COUPON_MESSAGES as MSG, couponExpired, couponReserved, typeInactive } from './coupon.errors.ts';
import * as repo from './coupon.repository.ts';
import type { TCoupon, TCouponType, TCouponTypeCreate } from './coupon.schema.ts';
import type { CouponRow, CouponSource, CouponTable, CouponTypeRow } from './coupon.table.ts';
import { toCoupon, toType } from './coupon.ts';
import { posOperations, usedRefusal } from './pos.ts';
import { batchOperations } from './batch.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

export interface CouponDeps { programs: ProgramService; stores: StoreService; members: MemberService }

export interface IssueInput {
  typeId: string;
  /** null: unassigned (whoever holds the code may use it) */
  memberId: string | null;
  source: CouponSource;
  sourceRef?: string | null;
  /** goodwill: why */
  reason?: string | null;
  actor: Principal | string | null;
}

const actorId = (a: IssueInput['actor']) => (a === null ? null : typeof a === 'string' ? a : a.keyId);

export function couponService(ctx: Ctx, deps: CouponDeps) {
  const timeZone = (programId: string) => deps.programs.timeZone(programId);
  /** The coupon's dates from its type: fixed local days, or the issue's local day plus valid_days. */
  const validity = (t: CouponTypeRow, tz: string, now: Date) => {
    const from = t.valid_from ? startOfDay(t.valid_from, tz) : now;
    const until = t.valid_until ? startOfDay(addDays(t.valid_until, 1), tz) : startOfDay(addDays(localDate(now, tz), t.valid_days! + 1), tz);
    return { from, until };
  };
  /** Coupons as the API shows them, with their type and the store that used them. */
  const present = async (programId: string, rows: CouponRow[], now = new Date()): Promise<TCoupon[]> => {
    const types = new Map((await repo.typesByIds(ctx.db, programId, [...new Set(rows.map((r) => r.type_id))])).map((t) => [t.id, t]));
    const storeIds = new Set(rows.map((r) => r.consumed_store_id).filter((s): s is string => s !== null));
    const names = new Map(storeIds.size ? (await deps.stores.list(programId)).map((s) => [s.id, s.name]) : []);
    return rows.map((r) => toCoupon(r, types.get(r.type_id)!, r.consumed_store_id ? names.get(r.consumed_store_id) ?? r.consumed_store_id : null, now));
  };
  /** Inserts coupons, drawing a fresh code for any that collided with an existing one. */
  const insertFresh = async (rows: Omit<Insertable<CouponTable>, 'code'>[]): Promise<CouponRow[]> => {
    const out: CouponRow[] = [];
    let todo = rows.map((r) => ({ ...r, code: newCode() }));
    while (todo.length) {
      const got = await repo.insertCoupons(ctx.db, todo);
      out.push(...got);
      const taken = new Set(got.map((g) => g.id));
      todo = todo.filter((r) => !taken.has(r.id)).map((r) => ({ ...r, code: newCode() }));
    }
    return out;
  };

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['coupons', '优惠券', 'Coupons'],
    ]),
    /** How many unused coupons the member holds: what voidForMember would void (a termination's preview). */
    async unusedCount(programId: string, memberId: string): Promise<number> {
      const r = await ctx.db.selectFrom('coupons').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('status', '=', 'issued').executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Which of these coupons were used at a till (a redemption whose coupon was used stands). */
    async consumed(programId: string, ids: readonly string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await ctx.db.selectFrom('coupons').select('id').where('program_id', '=', programId).where('id', 'in', [...ids]).where('status', '=', 'consumed').execute();
      return new Set(rows.map((r) => r.id));
    },
    /** Voids the member's unused coupons (an erased or terminated member cannot use them): how many. */
    async voidForMember(programId: string, memberId: string, reason: string): Promise<number> {
      const done = await ctx.db.updateTable('coupons').set({ status: 'void', reason, reserved_until: null, reservation_token: null, reserved_store_id: null, reserved_basket_fen: null })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('status', '=', 'issued').returning('id').execute();
      return done.length;
    },
    /**
     * An erasure (PIPL 第四十七条), in the caller's transaction: the member's unused coupons are
     * voided (an erased member cannot use them; reason `erased`, a code), and the reasons people
     * wrote on the others (a goodwill coupon's "C-000123: 张三来电投诉…", a void's reason) become
     * ERASED_TEXT. Each coupon keeps its type, source and reference (the case), dates and, when
     * used, the purchase and discount. How many were voided, and how many reasons erased.
     */
    async forgetMember(programId: string, memberId: string): Promise<{ voided: number; reasons: number }> {
      assertTransaction(ctx.db);
      const voided = await service.voidForMember(programId, memberId, 'erased');
      const reasons = await ctx.db.updateTable('coupons').set({ reason: ERASED_TEXT })
        .where('program_id', '=', programId).where('member_id', '=', memberId)
        .where('reason', 'is not', null).where('reason', 'not in', ['erased', ERASED_TEXT]).returning('id').execute();
      return { voided, reasons: reasons.length };
    },
    /**
     * Retention: unused coupons (issued or void, never consumed) whose validity ended
     * before `before` are deleted with their codes; consumed ones stay, as a purchase
     * names them. How many, or how many it would delete when dry.
     */
    async purgeExpired(programId: string, before: Date, dryRun: boolean): Promise<number> {
      const q = (db: typeof ctx.db) => db.deleteFrom('coupons').where('program_id', '=', programId).where('status', '<>', 'consumed').where('valid_until', '<', before);
      if (dryRun) {
        const r = await ctx.db.selectFrom('coupons').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('program_id', '=', programId).where('status', '<>', 'consumed').where('valid_until', '<', before).executeTakeFirstOrThrow();
        return Number(r.n);
      }
      return (await q(ctx.db).returning('id').execute()).length;
    },
    async createType(programId: string, input: TCouponTypeCreate, actor: string | null): Promise<Result<TCouponType>> {
      for (const [i, id] of (input.store_ids ?? []).entries()) {
        if (!(await deps.stores.exists(programId, id))) return validation(`store_ids[${i}]`, MSG.unknown_store({ id }));
      }
      const row = await repo.insertType(ctx.db, {
        program_id: programId, id: newId('cpt'), name: input.name, name_en: input.name_en ?? null, kind: input.kind,
        amount_off_fen: input.kind === 'amount' ? input.amount_off_fen! : null,
        percent_off: input.kind === 'percent' ? input.percent_off! : null, max_off_fen: input.kind === 'percent' ? input.max_off_fen! : null,
        gift_sku: input.kind === 'gift' ? input.gift_sku ?? null : null, gift_name: input.kind === 'gift' ? input.gift_name! : null,
        min_spend_fen: input.min_spend_fen ?? 0, store_ids: [...new Set(input.store_ids ?? [])],
        valid_from: input.valid_from ?? null, valid_until: input.valid_until ?? null, valid_days: input.valid_days ?? null,
        hold_minutes: input.hold_minutes ?? 5, actor,
      });
      return toType(row);
    },
    async types(programId: string): Promise<TCouponType[]> {
      return (await repo.listTypes(ctx.db, programId)).map(toType);
    },
    async type(programId: string, id: string): Promise<Result<CouponTypeRow>> {
      return (await repo.findType(ctx.db, programId, id)) ?? notFound('coupon type', 'type_id');
    },
    async updateType(programId: string, id: string, input: { name?: string; name_en?: string | null; active?: boolean }): Promise<Result<TCouponType>> {
      const row = await repo.updateType(ctx.db, programId, id, input);
      return row ? toType(row) : notFound('coupon type', 'type_id');
    },

    /**
     * Issues one coupon of a type, to a member or unassigned, in the caller's transaction
     * when there is one (a redemption, a campaign award, a service case). The type must be
     * active and the member active; the dates come from the type in the program's zone.
     */
    async issue(programId: string, input: IssueInput, now = new Date()): Promise<Result<TCoupon>> {
      return inTransaction(ctx.db, async () => {
        const type = await repo.findType(ctx.db, programId, input.typeId);
        if (!type) return notFound('coupon type', 'type_id');
        if (!type.active) return typeInactive();
        if (input.memberId !== null) {
          const status = await deps.members.requireStatus(programId, input.memberId, ['active']);
          if (isFailure(status)) return status;
        }
        const tz = await timeZone(programId);
        const { from, until } = validity(type, tz, now);
        if (until <= from) return couponExpired(until, localDateTime(until, tz));
        const [row] = await insertFresh([{
          program_id: programId, id: newId('cpn'), type_id: type.id, member_id: input.memberId, source: input.source,
          source_ref: input.sourceRef ?? null, reason: input.reason ?? null, batch_id: null, issued_at: now, valid_from: from, valid_until: until,
          reserved_until: null, reservation_token: null, reserved_store_id: null, reserved_basket_fen: null, consumed_at: null, consumed_store_id: null,
          purchase_ref: null, basket_fen: null, discount_fen: null, consume_key: null, actor: actorId(input.actor),
        }]);
        if (input.memberId) {
          await emit(ctx.db, { programId, topic: 'coupon.issued', aggregateId: input.memberId, payload: { coupon_id: row!.id, type_id: type.id, source: input.source, source_ref: input.sourceRef ?? null } });
        }
        return toCoupon(row!, type, null, now);
      });
    },
    /**
     * Issues one coupon of a type to each of many members (a campaign's target, the bench's
     * seeding), 1,000 a statement, in the caller's transaction when there is one. The caller
     * vouches that the members are active. Returns the coupons' ids, codes and members.
     */
    async issueMany(programId: string, input: Omit<IssueInput, 'memberId'> & { memberIds: string[] }, now = new Date()): Promise<Result<{ id: string; code: string; member_id: string }[]>> {
      const type = await repo.findType(ctx.db, programId, input.typeId);
      if (!type) return notFound('coupon type', 'type_id');
      if (!type.active) return typeInactive();
      const tz = await timeZone(programId);
      const { from, until } = validity(type, tz, now);
      if (until <= from) return couponExpired(until, localDateTime(until, tz));
      const out: { id: string; code: string; member_id: string }[] = [];
      for (let i = 0; i < input.memberIds.length; i += 1000) {
        const rows = await insertFresh(input.memberIds.slice(i, i + 1000).map((memberId) => ({
          program_id: programId, id: newId('cpn'), type_id: type.id, member_id: memberId, source: input.source,
          source_ref: input.sourceRef ?? null, reason: input.reason ?? null, issued_at: now, valid_from: from, valid_until: until, actor: actorId(input.actor),
        })));
        out.push(...rows.map((r) => ({ id: r.id, code: r.code, member_id: r.member_id! })));
      }
      return out;
    },
    /**
     * Voids an unused coupon (a cancelled redemption takes back what it gave), in the
     * caller's transaction. A used coupon cannot be taken back: the refusal says when and
     * where it was used. One held at a till is refused until the hold lapses; a second
     * void changes nothing.
     */
    async voidCoupon(programId: string, id: string, reason: string, now = new Date()): Promise<Result<true>> {
      const done = await ctx.db.updateTable('coupons').set({ status: 'void', reason })
        .where('program_id', '=', programId).where('id', '=', id).where('status', '=', 'issued')
        .where((eb) => eb.or([eb('reserved_until', 'is', null), eb('reserved_until', '<=', now)]))
        .returning('id').executeTakeFirst();
      if (done) return true;
      const c = await ctx.db.selectFrom('coupons').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      if (!c) return notFound('coupon', 'coupon_id');
      if (c.status === 'void') return true;
      const tz = await timeZone(programId);
      if (c.status === 'consumed') return usedRefusal(deps, programId, c, tz);
      return couponReserved(c.reserved_until!, localDateTime(c.reserved_until!, tz));
    },
    async list(programId: string, f: { memberId?: string; batchId?: string; status?: CouponRow['status']; limit?: number }): Promise<TCoupon[]> {
      return present(programId, await repo.listCoupons(ctx.db, programId, { ...f, limit: f.limit ?? 50 }));
    },
    /** A coupon by its code, for the cashier's look-up. */
    async lookup(programId: string, code: string, now = new Date()): Promise<Result<TCoupon>> {
      const row = await repo.findByCode(ctx.db, programId, code);
      if (!row) return notFound('coupon', 'code');
      return (await present(programId, [row], now))[0]!;
    },
    ...posOperations(ctx, deps, timeZone),
    ...batchOperations(ctx, async (programId, typeId, now) => {
      const type = await repo.findType(ctx.db, programId, typeId);
      if (!type) return notFound('coupon type', 'type_id');
      if (!type.active) return typeInactive();
      const tz = await timeZone(programId);
      const d = validity(type, tz, now);
      return d.until <= d.from ? couponExpired(d.until, localDateTime(d.until, tz)) : d;
    }),
  };
  return service;
}
export type CouponService = ReturnType<typeof couponService>;
