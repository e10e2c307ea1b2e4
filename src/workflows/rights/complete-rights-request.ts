import type { Principal } from '../../platform/context.ts';
import { isFailure, validation, type Result } from '../../platform/errors.ts';
import { localDate } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { blockedRedemption, blockedVip, memberErased, RIGHTS_MESSAGES, type TCorrections, type TRightsRequest } from '../../modules/rights/index.ts';
import type { Modules } from '../../services.ts';
import { eraseMember } from './erase-member.ts';
import { memberDataExport } from './member-data-export.ts';

export interface CompleteInput {
  corrections?: TCorrections;
  confirm_erasure?: true;
  note?: string;
}

/**
 * Carries out an open request and records what was done, in one transaction (a failure
 * leaves the request open and the data as it was):
 * - copy: the export is counted (rows per kind of data) and can be downloaded for the
 *   retention period of exports; it is made again at each download;
 * - correction: the fields go through the members service's own update (its checks: a
 *   phone another member has is refused; its event; the route's audit record);
 * - deletion: refused while the member holds an active paid membership (money and a
 *   contract are open: end it with its refund first) or a redemption not yet fulfilled or
 *   cancelled; else the member is erased (erase-member.ts).
 */
export async function completeRightsRequest(s: Modules, programId: string, id: string, input: CompleteInput, actor: Principal, now = new Date()): Promise<Result<TRightsRequest>> {
  return inTransaction(s.ctx.db, async () => {
    const req = await s.rights.lockOpen(programId, id);
    if (isFailure(req)) return req;
    const memberId = req.member_id;
    let result: Record<string, unknown>;
    if (req.kind === 'copy') {
      const data = await memberDataExport(s, programId, memberId, now);
      result = { rows: Object.fromEntries(data.sections.map((x) => [x.table, x.rows.length])), sections: data.sections.length };
    } else if (req.kind === 'correction') {
      const corrections = (input.corrections ?? req.details ?? {}) as TCorrections;
      if (!Object.keys(corrections).length) return validation('corrections', RIGHTS_MESSAGES.corrections_required());
      const member = (await s.members.masked(programId, [memberId]))[0];
      if (member?.status_reason === 'erased') return memberErased();
      const updated = await s.members.update(programId, memberId, corrections, actor);
      if (isFailure(updated)) return updated;
      result = { fields: Object.keys(corrections) };
    } else {
      if (!input.confirm_erasure) return validation('confirm_erasure', RIGHTS_MESSAGES.confirm_erasure());
      const today = localDate(now, await s.programs.timeZone(programId));
      if ((await s.memberships.list(programId, { status: 'active', memberId }, today)).length) return blockedVip();
      const pending = await s.rewards.redemptions(programId, { status: 'created', member_id: memberId, limit: 1, offset: 0 });
      if (pending.total) return blockedRedemption(pending.total);
      const erased = await eraseMember(s, programId, memberId, actor, now);
      if (isFailure(erased)) return erased;
      result = erased;
    }
    if (input.note) result.note = input.note;
    return s.rights.markCompleted(programId, id, result, actor, now);
  });
}
