import type { Principal } from '../platform/context.ts';
import { isFailure } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { idempotent, requestHash } from '../platform/idempotency.ts';
import { localDate } from '../platform/time.ts';
import type { TReturnCreate } from '../modules/purchases/index.ts';
import type { Modules } from '../services.ts';

/**
 * A full or partial return against the original purchase, in one transaction: the
 * purchases module locks the purchase and works out what is returned, the points module
 * takes back the points (what the member already spent is reported as unrecovered), the
 * purchases module records the return, and the tiers module lowers the qualifying figure
 * of the purchase's own day (the tier itself is never lowered on the spot: only a review
 * does that). A retry with the same key replays the answer.
 */
export async function recordReturn(s: Modules, programId: string, input: TReturnCreate, actor: Principal, key: string) {
  return idempotent(s.ctx.db, { programId, scope: 'return', key, hash: requestHash(input) }, async (trx) => {
    const plan = await s.purchases.planReturn(trx, programId, input);
    if (isFailure(plan)) return plan;
    const p = plan.purchase;
    const id = newId('ret');
    const storeId = input.store_id ?? actor.storeId ?? p.store_id;
    const occurredAt = input.occurred_at ? new Date(input.occurred_at) : new Date();
    const reversed = plan.pointsToReverse > 0
      ? await s.points.reverse(trx, programId, p.member_id, plan.pointsToReverse, p.lot_id, { purchaseId: p.id, returnId: id, actor: actor.keyId, storeId, occurredAt })
      : { recovered: 0, unrecovered: 0, entryId: null };
    if (isFailure(reversed)) return reversed;
    const body = await s.purchases.saveReturn(trx, plan, input, { id, storeId, occurredAt, actor: actor.keyId, ...reversed });
    const settings = await s.programs.settings(programId);
    if (isFailure(settings)) return settings;
    await s.tiers.lowerQualifying(programId, p.member_id, localDate(p.occurred_at, settings.timeZone), plan.amountFen, plan.pointsToReverse);
    return { status: 201, body };
  });
}
