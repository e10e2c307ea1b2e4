import type { TCase, TCaseOpen } from '../../modules/cases/index.ts';
import { CASE_MESSAGES } from '../../modules/cases/index.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import type { Modules } from '../../services.ts';
import { afterTransitions } from './after-transitions.ts';

/**
 * Opens a case (intake from any channel): the member must exist (a suspended member may still
 * complain), a linked purchase or redemption must be that member's; numbered, routed and
 * its transitions handed on, in one transaction. With an Idempotency-Key a retried intake
 * (the portal's double tap, a CRM's retry) answers the first case and opens no second one.
 */
export async function openCase(s: Modules, programId: string, input: TCaseOpen, actor: Principal, key: string | undefined, now = new Date()) {
  return idempotent<TCase>(s.ctx.db, { programId, scope: 'case_open', key, hash: requestHash(input) }, async () => {
    if (!(await s.members.exists(programId, input.member_id))) return notFound('member', 'member_id');
    if (input.purchase_id) {
      const p = await s.purchases.get(programId, input.purchase_id);
      if (isFailure(p)) return p;
      if (p.member_id !== input.member_id) return validation('purchase_id', CASE_MESSAGES.purchase_other_member());
    }
    if (input.redemption_id) {
      const r = await s.rewards.redemption(programId, input.redemption_id);
      if (isFailure(r)) return r;
      if (r.member_id !== input.member_id) return validation('redemption_id', CASE_MESSAGES.redemption_other_member());
    }
    const opened = await s.cases.open(programId, input, actor, now);
    if (isFailure(opened)) return opened;
    await afterTransitions(s, programId, opened.transitions);
    return { status: 201, body: opened.case };
  });
}
