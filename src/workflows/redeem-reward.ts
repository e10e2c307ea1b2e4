import type { Principal } from '../platform/context.ts';
import { isFailure, ownStoreOnly, validation, type Result } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { idempotent, requestHash } from '../platform/idempotency.ts';
import { inTransaction } from '../platform/transaction.ts';
import { localDate } from '../platform/time.ts';
import {
  expired, inactive, memberLimit, notYetValid, outOfStock, periodKey, periodLimit, REWARD_MESSAGES, storeNotAllowed, tierNotAllowed,
  type RewardRow, type TRedeem, type TRedemption,
} from '../modules/rewards/index.ts';
import type { Modules } from '../services.ts';

/** Why a member may not redeem an item today at a store, before anything is written. */
function refusal(reward: RewardRow, today: string, tierId: string | null, storeId: string | null) {
  if (!reward.active) return inactive();
  if (reward.valid_from && today < reward.valid_from) return notYetValid(reward.valid_from);
  if (reward.valid_to && today > reward.valid_to) return expired(reward.valid_to);
  if (reward.tier_ids.length && (!tierId || !reward.tier_ids.includes(tierId))) return tierNotAllowed();
  if (storeId && reward.store_ids.length && !reward.store_ids.includes(storeId)) return storeNotAllowed();
  if (reward.stock !== null && Number(reward.stock) <= 0) return outOfStock();
  return null;
}

/**
 * Redeems a catalogue item for a member, all in one transaction (seed 000 §4.3 积分兑换):
 * the member is active, the item valid today in the program's time zone, allowed for the
 * member's current tier and at the store; then, in one lock order for every redemption
 * (the member's ledger, their limit counters, the item's row), the limits are counted by
 * guarded upserts, the points debited from the member's lots, and the stock taken by a
 * guarded UPDATE. Any refusal rolls everything back. Idempotency-Key is required: a POS
 * retry replays the first answer and never debits twice.
 */
export async function redeemReward(s: Modules, programId: string, memberId: string, input: TRedeem, actor: Principal, key: string) {
  return idempotent<TRedemption>(s.ctx.db, { programId, scope: 'reward_redemption', key, hash: requestHash({ memberId, ...input }) }, async (trx) => {
    const status = await s.members.requireStatus(programId, memberId);
    if (isFailure(status)) return status;
    const reward = await s.rewards.row(programId, input.reward_id);
    if (isFailure(reward)) return reward;
    const settings = await s.programs.settings(programId);
    if (isFailure(settings)) return settings;
    if (actor.storeId && input.store_id && input.store_id !== actor.storeId) return ownStoreOnly();
    const storeId = input.store_id ?? actor.storeId ?? null;
    if (input.store_id && !(await s.stores.exists(programId, input.store_id))) return validation('store_id', REWARD_MESSAGES.store_unknown({ id: input.store_id }));
    const cashFen = Number(reward.cash_fen);
    if (cashFen > 0 && !input.payment_ref) return validation('payment_ref', REWARD_MESSAGES.payment_ref_required());
    const now = new Date();
    const today = localDate(now, settings.timeZone);
    const member = await s.members.tierInfo(programId, memberId);
    const refused = refusal(reward, today, member?.tier_id ?? null, storeId);
    if (refused) return refused;

    await s.points.lockLedger(trx, programId, memberId);
    if (reward.per_member_limit !== null && !(await s.rewards.countUse(trx, programId, reward.id, memberId, '', reward.per_member_limit))) {
      return memberLimit(reward.per_member_limit);
    }
    const period = reward.limit_period ? periodKey(today, reward.limit_period) : null;
    if (period !== null && reward.period_limit !== null && !(await s.rewards.countUse(trx, programId, reward.id, memberId, period, reward.period_limit))) {
      return periodLimit(reward.period_limit, reward.limit_period!);
    }
    const id = newId('rrd');
    const points = Number(reward.points);
    const debit = await s.points.debit(trx, programId, memberId, points, 'redeem', { redemptionId: id, note: reward.name, actor: actor.keyId, storeId }, now);
    if (isFailure(debit)) return debit;
    if (!(await s.rewards.takeStock(trx, programId, reward.id))) return outOfStock();
    await s.rewards.record(trx, programId, {
      id, reward, memberId, points, cashFen, paymentRef: input.payment_ref ?? null, storeId,
      delivery: input.delivery ?? 'pickup', period, entryId: debit.entryId, actor: actor.keyId,
    });
    if (reward.kind === 'coupon' && reward.coupon_type_id) {
      // the coupon comes with the redemption or not at all (a type switched off refuses both)
      const coupon = await s.coupons.issue(programId, { typeId: reward.coupon_type_id, memberId, source: 'redemption', sourceRef: id, actor: actor.keyId }, now);
      if (isFailure(coupon)) return coupon;
      await s.rewards.setCouponRef(trx, programId, id, coupon.id);
    }
    const body = await s.rewards.redemption(programId, id);
    if (isFailure(body)) return body;
    return { status: 201, body: { ...body, balance_after: debit.balanceAfter } };
  });
}

/**
 * Cancels a created redemption: its stock and limit places come back, and its points go
 * back to the lots they were drawn from, or (for lots expired meanwhile) to a fresh lot
 * with the program's expiry or nowhere, as the program's rewards setting says. Same lock
 * order as a redemption; the status change is guarded, so a second cancel is refused.
 */
export async function cancelRedemption(s: Modules, programId: string, redemptionId: string, reason: string, actor: Principal, now = new Date()): Promise<Result<TRedemption>> {
  return inTransaction(s.ctx.db, async (trx) => {
    const current = await s.rewards.redemption(programId, redemptionId);
    if (isFailure(current)) return current;
    await s.points.lockLedger(trx, programId, current.member_id);
    const row = await s.rewards.cancel(trx, programId, redemptionId, reason, actor.keyId);
    if (isFailure(row)) return row;
    // a coupon the redemption gave is taken back; once used, the redemption stands
    if (row.coupon_ref) {
      const voided = await s.coupons.voidCoupon(programId, row.coupon_ref, `redemption cancelled: ${reason}`, now);
      if (isFailure(voided)) return voided;
    }
    const { expired_points: expiredPoints } = await s.rewards.settings(programId);
    const back = await s.points.restoreDraws(trx, programId, row.member_id, row.entry_id, expiredPoints,
      { redemptionId, reasonCode: 'redemption_cancelled', note: reason, actor: actor.keyId }, now);
    if (isFailure(back)) return back;
    return s.rewards.recordCancel(trx, programId, redemptionId, back, back.balanceAfter);
  });
}

/** The redemptions queue (or a member's), each with the member's number and name for a screen. */
export async function redemptionQueue(s: Modules, programId: string, filters: Parameters<Modules['rewards']['redemptions']>[1]) {
  const page = await s.rewards.redemptions(programId, filters);
  const members = new Map((await s.members.masked(programId, [...new Set(page.items.map((r) => r.member_id))])).map((m) => [m.id, m]));
  return { ...page, items: page.items.map((r) => ({ ...r, member_no: members.get(r.member_id)?.member_no, member_name: members.get(r.member_id)?.name ?? null })) };
}
