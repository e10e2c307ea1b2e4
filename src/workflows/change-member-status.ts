import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { Move, TMember, TTerminationSettlement } from '../modules/members/index.ts';
import type { TEndEarly } from '../modules/memberships/index.ts';
import type { Modules } from '../services.ts';
import { lockHeldMembership, settleTermination } from './terminate-member.ts';

/**
 * Suspends, reactivates or terminates a member with a reason. Termination (合同终止) settles
 * what the member holds in the same transaction (workflows/terminate-member.ts): coupons,
 * pending redemptions, points, a VIP seat or membership; the answer says what was settled.
 * A second termination is refused by the status rule (terminated → terminated), so nothing
 * is settled twice.
 */
export async function changeMemberStatus(
  s: Modules, programId: string, memberId: string, move: Move, reason: string, actor: Principal, vipRefund?: TEndEarly,
): Promise<Result<TMember & { settled?: TTerminationSettlement }>> {
  const changed = await inTransaction(s.ctx.db, async (trx) => {
    if (move === 'terminate') await lockHeldMembership(s, trx, programId, memberId);
    const r = await s.members.changeStatus(trx, programId, memberId, move, reason, actor);
    if (isFailure(r)) return r;
    if (r.to !== 'terminated') return { settled: undefined };
    return settleTermination(s, programId, memberId, reason, vipRefund, actor).then((x) => (isFailure(x) ? x : { settled: x }));
  });
  if (isFailure(changed)) return changed;
  const member = await s.members.get(programId, memberId, actor);
  if (isFailure(member) || !changed.settled) return member;
  return { ...member, settled: changed.settled };
}
