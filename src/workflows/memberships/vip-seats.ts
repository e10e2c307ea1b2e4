import type { Trx } from '../../db/database.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation } from '../../platform/errors.ts';
import { localDate } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { badStatus, memberTaken, MEMBERSHIP_MESSAGES as MSG, seatsFull, type SeatRow } from '../../modules/memberships/index.ts';
import type { Modules } from '../../services.ts';
import { applyVipFloor, withdrawVipFloor } from './vip-benefits.ts';

// The named members of a corporate membership (企业客户, seed 002 §1.3): added up to the
// plan's seats, each with the plan's benefits from the moment they are added; removed ones
// lose them at once. The membership's row is locked, so two additions cannot both take
// the last seat.

async function locked(s: Modules, trx: Trx, programId: string, id: string) {
  const m = await s.memberships.lock(trx, programId, id);
  if (!m) return notFound('vip membership', 'membership_id');
  if (m.kind !== 'corporate') return validation('membership_id', MSG.corporate_only());
  if (m.status !== 'active') return badStatus(m.status);
  return m;
}

export async function addVipMember(s: Modules, programId: string, id: string, memberId: string, actor: Principal, now = new Date()) {
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const done = await inTransaction(s.ctx.db, async (trx) => {
    const m = await locked(s, trx, programId, id);
    if (isFailure(m)) return m;
    const plan = await s.memberships.plan(programId, m.plan_id);
    if (isFailure(plan)) return plan;
    const open = (await s.memberships.seats(programId, id)).filter((x) => !x.removed_at);
    if (open.some((x) => x.member_id === memberId)) return memberTaken();
    if (open.length >= plan.max_seats) return seatsFull(plan.max_seats);
    const st = await s.members.requireStatus(programId, memberId);
    if (isFailure(st)) return st;
    const seat = await s.memberships.seat(programId, id, memberId, now);
    if (!seat) return memberTaken();
    await applyVipFloor(s, seat, plan.tier_id, m.ends_on, actor.keyId, now);
    return m;
  });
  return isFailure(done) ? done : s.memberships.detail(programId, id, localDate(now, settings.timeZone));
}

export async function removeVipMember(s: Modules, programId: string, id: string, memberId: string, _actor: Principal, now = new Date()) {
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const done = await inTransaction(s.ctx.db, async (trx) => {
    const m = await locked(s, trx, programId, id);
    if (isFailure(m)) return m;
    const seat = (await s.memberships.seats(programId, id)).find((x) => !x.removed_at && x.member_id === memberId);
    if (!seat) return notFound('vip seat', 'member_id');
    await releaseSeat(s, seat, 'removed', now);
    return m;
  });
  return isFailure(done) ? done : s.memberships.detail(programId, id, localDate(now, settings.timeZone));
}

/**
 * Frees a corporate seat in the caller's transaction (the membership's row locked by the
 * caller): the seat closes with its reason and the floor it put in place ends, so the member
 * loses the benefits at once and the company has the seat for someone else.
 */
export async function releaseSeat(s: Modules, seat: SeatRow, reason: 'removed' | 'terminated', now: Date) {
  await s.memberships.closeSeat(seat, now, reason);
  await withdrawVipFloor(s, seat, now, reason === 'removed' ? 'vip seat removed' : 'member terminated');
}
