import type { Trx } from '../db/database.ts';
import type { Principal } from '../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../platform/errors.ts';
import { assertTransaction } from '../platform/transaction.ts';
import type { TTerminationSettlement } from '../modules/members/index.ts';
import { badStatus, MEMBERSHIP_MESSAGES, type TEndEarly } from '../modules/memberships/index.ts';
import type { Modules } from '../services.ts';
import { endLocked, refundNow } from './memberships/vip-membership.ts';
import { releaseSeat } from './memberships/vip-seats.ts';
import { cancelRedemption } from './redeem-reward.ts';

// Terminating a member (合同终止) settles what they hold, in the status change's transaction,
// each piece through its module. The order keeps the ledger right: redemptions are cancelled
// first (their points go back to the lots they came from, stock and limits come back), then
// every open point is forfeited, so the member ends at 0 with credits = debits and nothing
// is refunded after the forfeit. Coupons are voided before the redemptions are cancelled, so a
// coupon a redemption gave is voided once (reason `terminated`) even while a till holds it.
// Open service cases stay open: a complaint may still need an answer (the answer lists them).

type Pending = Awaited<ReturnType<Modules['rewards']['pendingOf']>>[number];

/** The redemptions a termination cancels: not yet fulfilled, and not one whose coupon was already used (the member had it). */
async function cancellable(s: Modules, programId: string, memberId: string): Promise<Pending[]> {
  const pending = await s.rewards.pendingOf(programId, memberId);
  const used = await s.coupons.consumed(programId, pending.flatMap((r) => (r.coupon_ref ? [r.coupon_ref] : [])));
  return pending.filter((r) => !r.coupon_ref || !used.has(r.coupon_ref));
}

const redemptionRef = (r: Pending) => ({ id: r.id, reward_name: r.reward_name, reward_name_en: r.reward_name_en, points: r.points });

/** The VIP seat the member holds now, with its membership (active) and plan; null without one. */
async function heldSeat(s: Modules, programId: string, memberId: string, trx?: Trx) {
  const seat = await s.memberships.openSeatOf(programId, memberId);
  if (!seat) return null;
  const m = trx ? await s.memberships.lock(trx, programId, seat.membership_id) : await s.memberships.row(programId, seat.membership_id);
  if (!m) return notFound('vip membership', 'membership_id');
  if (m.status !== 'active') return badStatus(m.status);
  const plan = await s.memberships.plan(programId, m.plan_id);
  if (isFailure(plan)) return plan;
  return { seat, m, plan };
}

/**
 * Locks the VIP membership whose seat the member holds, before the member's row is: the VIP
 * flows lock the membership, then the member (a renewal, a seat added), so a termination at the
 * same moment waits its turn instead of deadlocking.
 */
export async function lockHeldMembership(s: Modules, trx: Trx, programId: string, memberId: string): Promise<void> {
  const seat = await s.memberships.openSeatOf(programId, memberId);
  if (seat) await s.memberships.lock(trx, programId, seat.membership_id);
}

/** What terminating the member now would settle (read-only; the figures the termination itself reports). */
export async function terminationPreview(s: Modules, programId: string, memberId: string, now = new Date()): Promise<Result<TTerminationSettlement>> {
  const move = await s.members.checkMove(programId, memberId, 'terminate');
  if (isFailure(move)) return move;
  const balance = await s.points.balance(programId, memberId, now);
  if (isFailure(balance)) return balance;
  const redemptions = await cancellable(s, programId, memberId);
  const { expired_points: expired } = await s.rewards.settings(programId);
  let returned = 0;
  for (const r of redemptions) {
    const n = await s.points.restorable(programId, memberId, r.entry_id, expired, now);
    if (isFailure(n)) return n;
    returned += n;
  }
  const held = await heldSeat(s, programId, memberId);
  if (isFailure(held)) return held;
  let vip: TTerminationSettlement['vip_membership_ended'] = null;
  if (held && held.m.kind === 'individual') {
    const r = await refundNow(s, held.m, await s.programs.timeZone(programId), now);
    if (isFailure(r)) return r;
    vip = { ...vipRef(held), ends_on: r.ends_on, refund_policy: r.refund_policy, refund_fen: r.refund_fen, refund_id: null };
  }
  return {
    points_forfeited: balance.available + balance.pending + returned,
    points_returned: returned,
    coupons_voided: await s.coupons.unusedCount(programId, memberId),
    redemptions_cancelled: redemptions.map(redemptionRef),
    seats_released: held && held.m.kind === 'corporate' ? [seatRef(held)] : [],
    vip_membership_ended: vip,
    cases_left_open: await s.cases.openOf(programId, memberId),
  };
}

type Held = NonNullable<Exclude<Awaited<ReturnType<typeof heldSeat>>, { code: string }>>;
const vipRef = (h: Held) => ({ membership_id: h.m.id, plan_name: h.plan.name, plan_name_en: h.plan.name_en });
const seatRef = (h: Held) => ({ ...vipRef(h), company_name: h.m.company_name });

/**
 * Settles a member being terminated, in the caller's transaction (after `members.changeStatus`
 * took the member's row): coupons voided, pending redemptions cancelled, points forfeited, a
 * corporate seat released (the seat free for the company, the VIP floor withdrawn) or a personal
 * VIP membership ended (its refund recorded when the plan owes one: `vipRefund` says how it is
 * paid back; without it the termination is refused, naming `vip_refund`).
 */
export async function settleTermination(
  s: Modules, programId: string, memberId: string, reason: string, vipRefund: TEndEarly | undefined, actor: Principal, now = new Date(),
): Promise<Result<TTerminationSettlement>> {
  const trx = s.ctx.db as Trx;
  assertTransaction(trx);
  await s.points.lockLedger(trx, programId, memberId);
  const coupons = await s.coupons.voidForMember(programId, memberId, 'terminated');
  const redemptions = await cancellable(s, programId, memberId);
  let returned = 0;
  for (const r of redemptions) {
    const done = await cancelRedemption(s, programId, r.id, 'terminated', actor, now);
    if (isFailure(done)) return done;
    returned += (done.points_restored ?? 0) + (done.points_fresh ?? 0);
  }
  const forfeited = await s.points.forfeitAll(trx, programId, memberId, { reasonCode: 'terminated', note: reason, actor: actor.keyId }, now);
  if (isFailure(forfeited)) return forfeited;

  const held = await heldSeat(s, programId, memberId, trx);
  if (isFailure(held)) return held;
  const seats: TTerminationSettlement['seats_released'] = [];
  let vip: TTerminationSettlement['vip_membership_ended'] = null;
  if (held?.m.kind === 'corporate') {
    await releaseSeat(s, held.seat, 'terminated', now);
    seats.push(seatRef(held));
  } else if (held) {
    const tz = await s.programs.timeZone(programId);
    const figure = await refundNow(s, held.m, tz, now);
    if (isFailure(figure)) return figure;
    // a refund is a money decision recorded with how it is paid (the memberships module's end early)
    if (figure.refund_fen > 0 && !vipRefund) return validation('vip_refund', MEMBERSHIP_MESSAGES.refund_on_termination({ amount: figure.refund_fen }));
    const ended = await endLocked(s, held.m, { refund: vipRefund ?? null, cause: 'member_terminated', field: 'vip_refund.refund_fen' }, tz, actor, now);
    if (isFailure(ended)) return ended;
    vip = { ...vipRef(held), ends_on: ended.figure.ends_on, refund_policy: ended.figure.refund_policy, refund_fen: ended.figure.refund_fen, refund_id: ended.refund?.id ?? null };
  }
  if (vipRefund && !vip) return validation('vip_refund', MEMBERSHIP_MESSAGES.no_refund_due());
  return {
    points_forfeited: forfeited,
    points_returned: returned,
    coupons_voided: coupons,
    redemptions_cancelled: redemptions.map(redemptionRef),
    seats_released: seats,
    vip_membership_ended: vip,
    cases_left_open: await s.cases.openOf(programId, memberId),
  };
}
