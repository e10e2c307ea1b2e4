import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import {
  badStatus, memberTaken, MEMBERSHIP_MESSAGES as MSG, proRata, receiptTaken, refundChanged, renewalFrom, seatsFull, termFrom,
  type PaymentInput, type PlanRow, type TMembershipCreate, type TRefundPreview, type TRenewal, type TEndEarly, type MembershipRow,
} from '../../modules/memberships/index.ts';
import type { Modules } from '../../services.ts';
import { applyVipFloor, withdrawVipFloor } from './vip-benefits.ts';

// Paid VIP membership (VIP客户服务费用, seed 002 §1.3 个人客户/企业客户, §8): a membership
// starts only when its first term is paid (there is no unpaid membership to chase), each
// payment pays one term in full, renewal extends from the current end, and ending early
// refunds pro rata when the plan says so. Each runs in one transaction with its events.

async function timeZone(s: Modules, programId: string): Promise<Result<string>> {
  const settings = await s.programs.settings(programId);
  return isFailure(settings) ? settings : settings.timeZone;
}

const amountOk = (payment: PaymentInput, fee: number, field = 'payment.amount_fen') =>
  (payment.amount_fen === fee ? null : validation(field, MSG.amount_mismatch({ fee })));

const event = (m: MembershipRow, plan: PlanRow, memberIds: string[], extra: Record<string, unknown> = {}) => ({
  membership_id: m.id, plan_id: plan.id, kind: m.kind, member_ids: memberIds, starts_on: m.starts_on, ends_on: m.ends_on, ...extra,
});

const newMembershipId = () => newId('vip');

/** The membership's detail after a change, for the answer. */
const detail = (s: Modules, programId: string, id: string, tz: string, now: Date) => s.memberships.detail(programId, id, localDate(now, tz));

/** Starts a membership with its first payment: the holder (or the named members) take their seats and the plan's benefits. */
export async function startMembership(s: Modules, programId: string, input: TMembershipCreate, actor: Principal, now = new Date()) {
  const tz = await timeZone(s, programId);
  if (isFailure(tz)) return tz;
  const done = await inTransaction(s.ctx.db, async () => {
    const plan = await s.memberships.plan(programId, input.plan_id);
    if (isFailure(plan)) return plan;
    if (!plan.active) return validation('plan_id', MSG.plan_inactive());
    const corporate = plan.kind === 'corporate';
    if (!corporate && (!input.member_id || input.member_ids?.length)) return validation('member_id', MSG.member_required());
    if (!corporate && input.fee_fen !== undefined) return validation('fee_fen', MSG.fee_individual());
    if (corporate && (!input.company_name || !input.contact_name)) return validation(input.company_name ? 'contact_name' : 'company_name', MSG.company_required());
    if (corporate && input.fee_fen === undefined) return validation('fee_fen', MSG.fee_required());
    const memberIds = corporate ? [...new Set(input.member_ids ?? [])] : [input.member_id!];
    if (memberIds.length > plan.max_seats) return seatsFull(plan.max_seats);
    const fee = corporate ? input.fee_fen! : plan.annual_fee_fen!;
    const bad = amountOk(input.payment, fee);
    if (bad) return bad;
    const term = termFrom(input.starts_on ?? input.payment.paid_on, plan.term_months);
    if (term.to < localDate(now, tz)) return validation('starts_on', MSG.term_over());
    for (const [i, m] of memberIds.entries()) {
      const st = await s.members.requireStatus(programId, m);
      if (isFailure(st)) return corporate ? Object.assign(st, { field: `member_ids[${i}]` }) : st;
    }
    const row = await s.memberships.insert({
      program_id: programId, id: newMembershipId(), plan_id: plan.id, kind: plan.kind, company_name: corporate ? input.company_name! : null,
      contact_name: corporate ? input.contact_name! : null, contact_phone: corporate ? input.contact_phone ?? null : null, fee_fen: fee,
      account_manager: input.account_manager ?? null, starts_on: term.from, ends_on: term.to, actor: actor.keyId,
    });
    const paid = await s.memberships.pay({
      program_id: programId, membership_id: row.id, kind: 'start', method: input.payment.method, amount_fen: input.payment.amount_fen,
      paid_on: input.payment.paid_on, receipt_no: input.payment.receipt_no, covers_from: term.from, covers_to: term.to, note: input.payment.note ?? null, actor: actor.keyId,
    });
    if (!paid) return receiptTaken(input.payment.receipt_no);
    for (const [i, m] of memberIds.entries()) {
      const seat = await s.memberships.seat(programId, row.id, m, startOfDay(term.from, tz));
      if (!seat) return memberTaken(corporate ? `member_ids[${i}]` : 'member_id');
      await applyVipFloor(s, seat, plan.tier_id, term.to, actor.keyId, now);
    }
    await emit(s.ctx.db, { programId, topic: 'membership.started', aggregateId: row.id, payload: event(row, plan, memberIds, { payment_id: paid.id }) });
    return row;
  });
  return isFailure(done) ? done : detail(s, programId, done.id, tz, now);
}

/** The member an individual membership's seats belong to (its one seat, open or closed). */
const seatsHolder = (seats: { member_id: string }[]) => seats[0]?.member_id ?? null;

/**
 * Renews for one more term: from the day after the current end when paid on or before it,
 * else from the payment day. A lapsed (expired) membership comes back with the members it
 * had at its expiry, and their benefits.
 */
export async function renewMembership(s: Modules, programId: string, id: string, input: TRenewal, actor: Principal, now = new Date()) {
  const tz = await timeZone(s, programId);
  if (isFailure(tz)) return tz;
  const done = await inTransaction(s.ctx.db, async (trx) => {
    const m = await s.memberships.lock(trx, programId, id);
    if (!m) return notFound('vip membership', 'membership_id');
    if (m.status === 'ended') return badStatus(m.status);
    const plan = await s.memberships.plan(programId, m.plan_id);
    if (isFailure(plan)) return plan;
    const seats = await s.memberships.seats(programId, id);
    // a member who left (terminated) is not charged for another personal term
    if (plan.kind === 'individual') {
      const holder = seatsHolder(seats);
      const st = holder ? await s.members.requireStatus(programId, holder, ['active', 'suspended']) : null;
      if (st && isFailure(st)) return st;
    }
    if (plan.kind === 'individual' && input.fee_fen !== undefined) return validation('fee_fen', MSG.fee_individual());
    const fee = plan.kind === 'corporate' ? input.fee_fen ?? m.fee_fen : plan.annual_fee_fen!;
    const bad = amountOk(input.payment, fee);
    if (bad) return bad;
    const term = termFrom(renewalFrom(m.ends_on, input.payment.paid_on), plan.term_months);
    const paid = await s.memberships.pay({
      program_id: programId, membership_id: id, kind: 'renewal', method: input.payment.method, amount_fen: input.payment.amount_fen,
      paid_on: input.payment.paid_on, receipt_no: input.payment.receipt_no, covers_from: term.from, covers_to: term.to, note: input.payment.note ?? null, actor: actor.keyId,
    });
    if (!paid) return receiptTaken(input.payment.receipt_no);
    const row = await s.memberships.update(programId, id, { ends_on: term.to, status: 'active', fee_fen: fee });
    let open = seats.filter((x) => !x.removed_at);
    if (m.status === 'expired') {
      // the members it had at its expiry take their seats again from the new term's first day,
      // those still members (one terminated meanwhile does not come back: its seat stays free)
      const at = Math.max(...seats.filter((x) => x.removed_reason === 'expired').map((x) => x.removed_at!.getTime()));
      const olds = seats.filter((x) => x.removed_reason === 'expired' && x.removed_at!.getTime() === at);
      const status = await s.members.contacts(programId, olds.map((x) => x.member_id));
      for (const old of olds.filter((x) => status.get(x.member_id)?.status !== 'terminated')) {
        const seat = await s.memberships.seat(programId, id, old.member_id, startOfDay(term.from, tz));
        if (!seat) return memberTaken('member_id');
        open = [...open, seat];
      }
    }
    for (const seat of open) await applyVipFloor(s, seat, plan.tier_id, term.to, actor.keyId, now);
    await emit(s.ctx.db, { programId, topic: 'membership.renewed', aggregateId: id, payload: event(row, plan, open.map((x) => x.member_id), { payment_id: paid.id, covers_from: term.from }) });
    return row;
  });
  return isFailure(done) ? done : detail(s, programId, id, tz, now);
}

/** What ending now would refund: the membership's last day becomes today (or the day before a term not yet begun). */
function refundOf(m: MembershipRow, plan: PlanRow, payments: Parameters<typeof proRata>[0], today: string): TRefundPreview {
  const lastDay = m.starts_on > today ? addDays(m.starts_on, -1) : today;
  const figures = plan.refund_policy === 'pro_rata' ? proRata(payments, lastDay) : { refund_fen: 0, remaining_days: 0, term_days: 0, fee_fen: 0 };
  return { refund_policy: plan.refund_policy, ends_on: lastDay < m.ends_on ? lastDay : m.ends_on, ...figures };
}

export async function previewEnd(s: Modules, programId: string, id: string, now = new Date()): Promise<Result<TRefundPreview>> {
  const tz = await timeZone(s, programId);
  if (isFailure(tz)) return tz;
  const row = await s.memberships.row(programId, id);
  if (!row) return notFound('vip membership', 'membership_id');
  if (row.status !== 'active') return badStatus(row.status);
  const plan = await s.memberships.plan(programId, row.plan_id);
  if (isFailure(plan)) return plan;
  return refundOf(row, plan, await s.memberships.payments(programId, id), localDate(now, tz));
}

/**
 * Ends an active membership now: the seats close, the floors end, and the refund the
 * preview showed is recorded (refused when the figure changed since, e.g. past midnight).
 */
export async function endMembership(s: Modules, programId: string, id: string, input: TEndEarly, actor: Principal, now = new Date()) {
  const tz = await timeZone(s, programId);
  if (isFailure(tz)) return tz;
  const done = await inTransaction(s.ctx.db, async (trx) => {
    const m = await s.memberships.lock(trx, programId, id);
    if (!m) return notFound('vip membership', 'membership_id');
    if (m.status !== 'active') return badStatus(m.status);
    const ended = await endLocked(s, m, { refund: input, cause: 'ended_early' }, tz, actor, now);
    return isFailure(ended) ? ended : ended.row;
  });
  return isFailure(done) ? done : detail(s, programId, id, tz, now);
}

export interface EndHow {
  /** The refund to record (its figure checked against today's); null records none (a termination whose figure is 0). */
  refund: TEndEarly | null;
  /** Why, in the `membership.ended` event: ended early by staff, or the holder's termination. */
  cause: 'ended_early' | 'member_terminated';
  /** Where a changed figure is reported (`refund_fen`, or `vip_refund.refund_fen` on a termination). */
  field?: string;
}

/**
 * Ends a membership the caller has locked (active), in the caller's transaction: its last day
 * becomes today, the seats close, the floors end, the refund is recorded when given (its
 * figure must be the one `refundOf` gives now) and `membership.ended` is written.
 */
export async function endLocked(s: Modules, m: MembershipRow, how: EndHow, tz: string, actor: Principal, now: Date) {
  const plan = await s.memberships.plan(m.program_id, m.plan_id);
  if (isFailure(plan)) return plan;
  const r = refundOf(m, plan, await s.memberships.payments(m.program_id, m.id), localDate(now, tz));
  if (how.refund && r.refund_fen !== how.refund.refund_fen) return refundChanged(r.refund_fen, how.field);
  const row = await s.memberships.update(m.program_id, m.id, { status: 'ended', ended_at: now, ends_on: r.ends_on });
  const seats = (await s.memberships.seats(m.program_id, m.id)).filter((x) => !x.removed_at);
  for (const seat of seats) {
    await s.memberships.closeSeat(seat, now, 'ended');
    await withdrawVipFloor(s, seat, now, how.cause === 'ended_early' ? 'vip ended' : 'member terminated');
  }
  const refund = how.refund ? await s.memberships.refund({
    program_id: m.program_id, membership_id: m.id, amount_fen: r.refund_fen, method: how.refund.method, reference: how.refund.reference ?? null,
    ended_on: r.ends_on, remaining_days: r.remaining_days, term_days: r.term_days, fee_fen: r.fee_fen, actor: actor.keyId,
  }) : null;
  await emit(s.ctx.db, {
    programId: m.program_id, topic: 'membership.ended', aggregateId: m.id,
    payload: event(row, plan, seats.map((x) => x.member_id), { refund_id: refund?.id ?? null, refund_fen: refund?.amount_fen ?? 0, cause: how.cause }),
  });
  return { row, plan, figure: r, refund };
}

/** What ending a membership now would refund, for a caller that already holds its row (the termination preview). */
export async function refundNow(s: Modules, m: MembershipRow, tz: string, now = new Date()): Promise<Result<TRefundPreview & { plan: PlanRow }>> {
  const plan = await s.memberships.plan(m.program_id, m.plan_id);
  if (isFailure(plan)) return plan;
  return { ...refundOf(m, plan, await s.memberships.payments(m.program_id, m.id), localDate(now, tz)), plan };
}
