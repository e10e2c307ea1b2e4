import { createHash, randomInt } from 'node:crypto';
import type { Trx } from '../../db/database.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, ownStoreOnly, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit, erasePayloadTexts } from '../../platform/outbox.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import type { StoreService } from '../stores/index.ts';
import type { TierService } from '../tiers/index.ts';
import { pickupMismatch, redemptionStatus, REWARD_MESSAGES as MSG } from './reward.errors.ts';
import * as repo from './reward.repository.ts';
import { MAX_IMAGE_BYTES, type TRedemption, type TReward, type TRewardCreate, type TRewardUpdate } from './reward.schema.ts';
import type { Delivery, ExpiredPoints, RewardRow } from './reward.table.ts';
import { sniffImage } from './reward.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

export const imageUrl = (r: Pick<RewardRow, 'program_id' | 'id' | 'image_etag'>) =>
  r.image_etag ? `/media/programs/${r.program_id}/rewards/${r.id}/image?v=${r.image_etag}` : null;

export function toReward(r: RewardRow): TReward {
  return {
    id: r.id, kind: r.kind, name: r.name, name_en: r.name_en, description: r.description, description_en: r.description_en,
    points: Number(r.points), cash_fen: Number(r.cash_fen), stock: r.stock === null ? null : Number(r.stock), redeemed: Number(r.redeemed),
    per_member_limit: r.per_member_limit, period_limit: r.period_limit, limit_period: r.limit_period,
    tier_ids: r.tier_ids, store_ids: r.store_ids, valid_from: r.valid_from, valid_to: r.valid_to,
    parking_hours: r.parking_hours, coupon_type_id: r.coupon_type_id, active: r.active, image_url: imageUrl(r),
    created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  };
}

type RedemptionView = NonNullable<Awaited<ReturnType<typeof repo.redemptionView>>>;
export function toRedemption(r: RedemptionView, balanceAfter?: number): TRedemption {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id, reward_id: r.reward_id, reward_name: r.reward_name, reward_name_en: r.reward_name_en, reward_kind: r.reward_kind,
    member_id: r.member_id, status: r.status, points: Number(r.points), cash_fen: Number(r.cash_fen), payment_ref: r.payment_ref,
    store_id: r.store_id, delivery: r.delivery, pickup_code: r.pickup_code, tracking_note: r.tracking_note, entry_id: r.entry_id,
    coupon_ref: r.coupon_ref, cancel_reason: r.cancel_reason, points_restored: n(r.points_restored), points_fresh: n(r.points_fresh),
    points_forfeited: n(r.points_forfeited), ...(balanceAfter === undefined ? {} : { balance_after: balanceAfter }), actor: r.actor,
    created_at: r.created_at.toISOString(), fulfilled_at: r.fulfilled_at?.toISOString() ?? null, cancelled_at: r.cancelled_at?.toISOString() ?? null,
  };
}

/** Six digits, shown to the member and checked at the counter: not a secret, a match. */
const pickupCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function rewardService(ctx: Ctx, deps: { tiers: TierService; stores: StoreService }) {
  /** Tiers and stores named by an item must be the program's own. */
  async function checkRefs(programId: string, input: { tier_ids?: string[]; store_ids?: string[] }): Promise<Result<true>> {
    if (input.tier_ids?.length) {
      const known = new Set((await deps.tiers.list(programId)).map((t) => t.id));
      const i = input.tier_ids.findIndex((id) => !known.has(id));
      if (i >= 0) return validation(`tier_ids[${i}]`, MSG.tier_unknown({ id: input.tier_ids[i]! }));
    }
    for (const [i, id] of (input.store_ids ?? []).entries()) {
      if (!(await deps.stores.exists(programId, id))) return validation(`store_ids[${i}]`, MSG.store_unknown({ id }));
    }
    return true;
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['reward_redemptions', '礼品兑换', 'Reward redemptions'],
      ['reward_counters', '兑换次数', 'Redemption counts'],
    ]),
    /**
     * An erasure (PIPL 第四十七条), in the caller's transaction: what staff wrote on the member's
     * redemptions — a shipment's tracking note (it may hold the address it went to) and a
     * cancellation's reason — becomes ERASED_TEXT, on the rows and in the `reward.*` events that
     * copied them. Each redemption keeps its reward, points, cash, store, delivery kind, status,
     * ledger entry and dates; the stock and limits' counts stay. How many texts.
     */
    async forgetMember(programId: string, memberId: string): Promise<number> {
      assertTransaction(ctx.db);
      let n = 0;
      for (const column of ['tracking_note', 'cancel_reason'] as const) {
        const done = await ctx.db.updateTable('reward_redemptions').set({ [column]: ERASED_TEXT })
          .where('program_id', '=', programId).where('member_id', '=', memberId)
          .where(column, 'is not', null).where(column, '<>', ERASED_TEXT).returning('id').execute();
        n += done.length;
      }
      await erasePayloadTexts(ctx.db, programId, ['reward.redeemed', 'reward.fulfilled', 'reward.cancelled'], { aggregateId: memberId }, ['tracking_note', 'cancel_reason']);
      return n;
    },
    async create(programId: string, input: TRewardCreate, actor: Principal): Promise<Result<TReward>> {
      const ok = await checkRefs(programId, input);
      if (isFailure(ok)) return ok;
      const row = await repo.insertReward(ctx.db, {
        program_id: programId, id: newId('rwd'), kind: input.kind, name: input.name, name_en: input.name_en ?? null,
        description: input.description ?? null, description_en: input.description_en ?? null, points: input.points, cash_fen: input.cash_fen ?? 0,
        stock: input.stock ?? null, per_member_limit: input.per_member_limit ?? null, period_limit: input.period_limit ?? null,
        limit_period: input.limit_period ?? null, tier_ids: input.tier_ids ?? [], store_ids: input.store_ids ?? [],
        valid_from: input.valid_from ?? null, valid_to: input.valid_to ?? null, parking_hours: input.parking_hours ?? null,
        coupon_type_id: input.coupon_type_id ?? null, active: input.active ?? true, image_etag: null, actor: actor.keyId,
      });
      return toReward(row);
    },

    async update(programId: string, id: string, input: TRewardUpdate): Promise<Result<TReward>> {
      const ok = await checkRefs(programId, input);
      if (isFailure(ok)) return ok;
      return inTransaction(ctx.db, async (trx) => {
        const cur = await trx.selectFrom('rewards').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!cur) return notFound('reward', 'reward_id');
        const merged = { ...cur, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as RewardRow;
        if ((merged.period_limit === null) !== (merged.limit_period === null)) return validation('limit_period', MSG.period_pair());
        if (merged.valid_from && merged.valid_to && merged.valid_from > merged.valid_to) return validation('valid_to', MSG.dates());
        if ((merged.kind === 'coupon') !== Boolean(merged.coupon_type_id)) return validation('coupon_type_id', MSG.coupon_type());
        if ((merged.kind === 'parking') !== Boolean(merged.parking_hours)) return validation('parking_hours', MSG.parking_hours());
        const row = await repo.updateReward(trx, programId, id, input);
        return toReward(row!);
      });
    },

    async get(programId: string, id: string): Promise<Result<TReward>> {
      const row = await repo.rewardRow(ctx.db, programId, id);
      return row ? toReward(row) : notFound('reward', 'reward_id');
    },

    /** The item as stored, for the redemption workflow's checks. */
    async row(programId: string, id: string): Promise<Result<RewardRow>> {
      return (await repo.rewardRow(ctx.db, programId, id)) ?? notFound('reward', 'reward_id');
    },

    async list(programId: string, f: { kind?: string; active?: 'true' | 'false'; q?: string; limit: number; offset: number }) {
      const [rows, count] = await repo.listRewards(ctx.db, programId, { ...f, active: f.active === undefined ? undefined : f.active === 'true' });
      return { items: rows.map(toReward), total: Number(count.n) };
    },

    async setImage(programId: string, id: string, contentType: 'image/png' | 'image/jpeg' | 'image/webp', base64: string): Promise<Result<TReward>> {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > MAX_IMAGE_BYTES) return validation('data_base64', MSG.image_size());
      if (sniffImage(bytes) !== contentType) return validation('data_base64', MSG.image_type());
      const etag = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      return inTransaction(ctx.db, async (trx) => {
        if (!(await repo.rewardRow(trx, programId, id))) return notFound('reward', 'reward_id');
        await repo.setImage(trx, programId, id, contentType, bytes, etag);
        return toReward((await repo.updateReward(trx, programId, id, { image_etag: etag }))!);
      });
    },

    image: (programId: string, id: string) => repo.image(ctx.db, programId, id),

    settings: async (programId: string) => ({ expired_points: await repo.settings(ctx.db, programId) }),
    async setSettings(programId: string, expired: ExpiredPoints) {
      await repo.setSettings(ctx.db, programId, expired);
      return { expired_points: expired };
    },

    // ---- what the redemption workflow composes, inside its transaction

    /** One use of a limit ('' lifetime, else a period key), unless the limit is reached. */
    countUse: (trx: Trx, programId: string, rewardId: string, memberId: string, period: string, limit: number) =>
      repo.countUse(trx, programId, rewardId, memberId, period, limit),
    takeStock: (trx: Trx, programId: string, rewardId: string) => repo.takeStock(trx, programId, rewardId),

    async record(trx: Trx, programId: string, r: {
      id: string; reward: RewardRow; memberId: string; points: number; cashFen: number; paymentRef: string | null; storeId: string | null;
      delivery: Delivery; period: string | null; entryId: string; actor: string | null;
    }) {
      await repo.insertRedemption(trx, {
        program_id: programId, id: r.id, reward_id: r.reward.id, member_id: r.memberId, points: r.points, cash_fen: r.cashFen,
        payment_ref: r.paymentRef, store_id: r.storeId, delivery: r.delivery, pickup_code: r.delivery === 'pickup' ? pickupCode() : null,
        tracking_note: null, period: r.period, entry_id: r.entryId, coupon_ref: null, cancel_reason: null, points_restored: null,
        points_fresh: null, points_forfeited: null, actor: r.actor, fulfilled_by: null, cancelled_by: null, fulfilled_at: null, cancelled_at: null,
      });
      const view = (await repo.redemptionView(trx, programId, r.id))!;
      await emit(trx, { programId, topic: 'reward.redeemed', aggregateId: r.memberId, payload: { ...toRedemption(view), pickup_code: undefined } });
      return view;
    },

    async setCouponRef(trx: Trx, programId: string, id: string, couponRef: string) {
      await trx.updateTable('reward_redemptions').set({ coupon_ref: couponRef }).where('program_id', '=', programId).where('id', '=', id).execute();
    },

    /** Marks a created redemption cancelled (once) and gives back its stock and limit places. */
    async cancel(trx: Trx, programId: string, id: string, reason: string, actor: string | null) {
      const cur = await repo.redemptionView(trx, programId, id);
      if (!cur) return notFound('redemption', 'redemption_id');
      const row = await repo.leaveCreated(trx, programId, id, { status: 'cancelled', cancel_reason: reason, cancelled_by: actor, cancelled_at: new Date() });
      if (!row) return redemptionStatus(cur.status, 'cancelled');
      await repo.releaseUse(trx, programId, row.reward_id, row.member_id, row.period ? ['', row.period] : ['']);
      await repo.returnStock(trx, programId, row.reward_id);
      return row;
    },

    async recordCancel(trx: Trx, programId: string, id: string, figures: { restored: number; fresh: number; forfeited: number }, balanceAfter: number) {
      await trx.updateTable('reward_redemptions').set({ points_restored: figures.restored, points_fresh: figures.fresh, points_forfeited: figures.forfeited })
        .where('program_id', '=', programId).where('id', '=', id).execute();
      const view = (await repo.redemptionView(trx, programId, id))!;
      await emit(trx, { programId, topic: 'reward.cancelled', aggregateId: view.member_id, payload: { ...toRedemption(view), pickup_code: undefined } });
      return toRedemption(view, balanceAfter);
    },

    /** Collected (the pickup code matches) or shipped (with a tracking note): created → fulfilled. */
    async fulfil(programId: string, id: string, input: { pickup_code?: string; tracking_note?: string }, actor: Principal): Promise<Result<TRedemption>> {
      return inTransaction(ctx.db, async (trx) => {
        const cur = await repo.redemptionView(trx, programId, id);
        if (!cur) return notFound('redemption', 'redemption_id');
        if (cur.status !== 'created') return redemptionStatus(cur.status, 'fulfilled');
        if (actor.storeId && cur.store_id && cur.store_id !== actor.storeId) return ownStoreOnly();
        if (cur.delivery === 'pickup') {
          if (!input.pickup_code) return validation('pickup_code', MSG.pickup_code_required());
          if (input.pickup_code !== cur.pickup_code) return pickupMismatch();
        } else if (!input.tracking_note) return validation('tracking_note', MSG.tracking_required());
        const row = await repo.leaveCreated(trx, programId, id, {
          status: 'fulfilled', tracking_note: input.tracking_note ?? null, fulfilled_by: actor.keyId, fulfilled_at: new Date(),
        });
        if (!row) return redemptionStatus('fulfilled', 'fulfilled');
        const view = toRedemption((await repo.redemptionView(trx, programId, id))!);
        await emit(trx, { programId, topic: 'reward.fulfilled', aggregateId: view.member_id, payload: { ...view, pickup_code: undefined } });
        return view;
      });
    },

    async redemption(programId: string, id: string): Promise<Result<TRedemption>> {
      const r = await repo.redemptionView(ctx.db, programId, id);
      return r ? toRedemption(r) : notFound('redemption', 'redemption_id');
    },

    /** The member's redemptions not yet fulfilled nor cancelled, oldest first: what a termination cancels. */
    async pendingOf(programId: string, memberId: string) {
      const rows = await repo.pendingOf(ctx.db, programId, memberId);
      return rows.map((r) => ({
        id: r.id, reward_name: r.reward_name, reward_name_en: r.reward_name_en, points: Number(r.points), entry_id: r.entry_id, coupon_ref: r.coupon_ref,
      }));
    },

    async redemptions(programId: string, f: { status?: string; store_id?: string; member_id?: string; reward_id?: string; limit: number; offset: number }) {
      const [rows, count] = await repo.listRedemptions(ctx.db, programId, f);
      return { items: rows.map((r) => toRedemption(r)), total: Number(count.n) };
    },
  };
  return service;
}

export type RewardService = ReturnType<typeof rewardService>;
