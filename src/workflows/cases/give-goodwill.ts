import { overLimit, type TGoodwill, type TGoodwillIn } from '../../modules/cases/index.ts';
import { can } from '../../platform/auth.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import type { Modules } from '../../services.ts';

/**
 * Goodwill from a case (issue 11: compensation is an action staff can take): points through
 * the ledger's adjustment path (reason goodwill, the case number in the note, a
 * points.adjusted event, on the member's statement) or a coupon issued to the member
 * (source goodwill, the case as its reference); recorded on the case's timeline, all in one
 * transaction. The Idempotency-Key is required: a retried grant replays the first answer and
 * credits nothing twice. A grant above the program's per-grant ceiling
 * (case settings, goodwill_max_points) needs cases.manage: an agent's goodwill stays small
 * unless a supervisor gives it.
 */
export async function giveGoodwill(s: Modules, programId: string, caseId: string, input: TGoodwillIn, actor: Principal, key: string) {
  return idempotent<TGoodwill>(s.ctx.db, { programId, scope: 'case_goodwill', key, hash: requestHash({ caseId, ...input }) }, async () => {
    const c = await s.cases.workable(programId, caseId, actor);
    if (isFailure(c)) return c;
    const note = `${c.number}: ${input.reason}`;
    if (input.kind === 'points') {
      const { goodwill_max_points: max } = await s.cases.settings(programId);
      if (input.points > max && !can(actor, 'cases.manage')) return overLimit(max);
      const r = await s.points.adjust(programId, c.member_id, { direction: 'credit', points: input.points, reason_code: 'goodwill', note }, actor, undefined);
      if (isFailure(r)) return r;
      const e = await s.cases.recordGoodwill(programId, caseId, { kind: 'points', points: input.points, entry_id: r.body.id, balance_after: r.body.balance_after }, input.reason, actor);
      if (isFailure(e)) return e;
      return { status: 201, body: { case_id: caseId, event_id: e.id, kind: 'points', points: input.points, entry_id: r.body.id, coupon_id: null, balance_after: r.body.balance_after } };
    }
    const coupon = await s.coupons.issue(programId, { typeId: input.coupon_type_id, memberId: c.member_id, source: 'goodwill', sourceRef: caseId, reason: note, actor });
    if (isFailure(coupon)) return coupon;
    const e = await s.cases.recordGoodwill(programId, caseId, { kind: 'coupon', coupon_id: coupon.id, coupon_type_id: input.coupon_type_id }, input.reason, actor);
    if (isFailure(e)) return e;
    return { status: 201, body: { case_id: caseId, event_id: e.id, kind: 'coupon', points: null, entry_id: null, coupon_id: coupon.id, balance_after: null } };
  });
}
