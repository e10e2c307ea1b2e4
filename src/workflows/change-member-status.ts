import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { Move, TMember } from '../modules/members/index.ts';
import type { Modules } from '../services.ts';

/**
 * Suspends, reactivates or terminates a member with a reason. Termination (合同终止)
 * settles the member's points in the same transaction: every open point is forfeited.
 */
export async function changeMemberStatus(s: Modules, programId: string, memberId: string, move: Move, reason: string, actor: Principal): Promise<Result<TMember>> {
  const changed = await inTransaction(s.ctx.db, async (trx) => {
    const r = await s.members.changeStatus(trx, programId, memberId, move, reason, actor);
    if (isFailure(r) || r.to !== 'terminated') return r;
    const forfeited = await s.points.forfeitAll(trx, programId, memberId, { reasonCode: 'terminated', note: reason, actor: actor.keyId });
    return isFailure(forfeited) ? forfeited : r;
  });
  if (isFailure(changed)) return changed;
  return s.members.get(programId, memberId, actor);
}
