import { SYSTEM, type Principal } from '../platform/context.ts';
import { isFailure, type DomainError, type Result } from '../platform/errors.ts';
import { addDays, localDate, startOfDay } from '../platform/time.ts';
import { inTransaction } from '../platform/transaction.ts';
import { alreadyReferred, selfCode, tooLate, type ReferralRow, type TReferral, type TReferrerLink } from '../modules/referrals/index.ts';
import type { Modules } from '../services.ts';
import { awardEvent } from './award-event.ts';

const DAY_MS = 86_400_000;
const PAGE = 1_000;

/**
 * Links a member enrolled without a code to their referrer (the code typed in later, in
 * the app or at the desk), before their first purchase: their own code, a second referrer
 * or a member who has bought already is refused with the reason.
 */
export async function linkReferrer(s: Modules, programId: string, memberId: string, input: TReferrerLink, actor: Principal): Promise<Result<TReferral>> {
  const status = await s.members.requireStatus(programId, memberId);
  if (isFailure(status)) return status;
  const referrerId = await s.referrals.resolveCode(programId, input.referral_code);
  if (isFailure(referrerId)) return referrerId;
  if (referrerId === memberId) return selfCode();
  if (await s.referrals.byFriend(programId, memberId)) return alreadyReferred();
  if ((await s.purchases.firstPurchases(programId, [memberId])).size) return tooLate();
  const id = await s.members.identity(programId, memberId);
  const signals = { phone: id?.phone, idNumber: id?.idNumber, device: input.device_fingerprint, payment: input.payment_account };
  return inTransaction(s.ctx.db, async () => {
    await s.referrals.recordSignals(programId, memberId, signals);
    return s.referrals.link(programId, { referrerId, friendId: memberId, code: input.referral_code, signals, actor });
  });
}

export interface ReferralRun { program_id: string; as_of: string; judged: number; rewarded: number; voided: number; waiting: number }

/**
 * The referral reward job (`patron jobs run referrals --as-of D`, nightly): for each open
 * referral (pending, or released by staff), the friend's first purchase is judged once its
 * return window (the program's pending days, as its points' available_at) has passed by
 * the end of D, and never before now, since a return could still come. What is left of it
 * after returns below the minimum (a full return, or a partial one that leaves too little)
 * voids the referral; otherwise both sides are paid through the event rewards, the
 * referrer `referral` and the friend `referred`, with the referral's id as the occurrence,
 * so a rerun or a second instance pays nobody twice.
 */
export async function rewardReferrals(s: Modules, opts: { programId?: string; asOf?: string } = {}, now = new Date()): Promise<ReferralRun[] | DomainError> {
  const one = opts.programId ? await s.programs.get(opts.programId) : undefined;
  if (isFailure(one)) return one;
  const results: ReferralRun[] = [];
  for (const p of one ? [one] : await s.programs.list()) {
    const program = await s.programs.settings(p.id);
    if (isFailure(program)) return program;
    const asOf = opts.asOf ?? localDate(now, program.timeZone);
    const cutoff = Math.min(startOfDay(addDays(asOf, 1), program.timeZone).getTime(), now.getTime());
    const open = await s.referrals.open(p.id);
    const { min_purchase_fen: minimum } = await s.referrals.settings(p.id);
    const run: ReferralRun = { program_id: p.id, as_of: asOf, judged: open.length, rewarded: 0, voided: 0, waiting: 0 };
    let firsts = new Map<string, { id: string; amount_fen: number; returned_fen: number; occurred_at: Date }>();
    for (const [i, r] of open.entries()) {
      // friends' first purchases a page at a time (a statement takes at most 65,535 parameters)
      if (i % PAGE === 0) firsts = await s.purchases.firstPurchases(p.id, open.slice(i, i + PAGE).map((x) => x.friend_id));
      const first = firsts.get(r.friend_id);
      if (!first || first.occurred_at.getTime() + program.pendingDays * DAY_MS > cutoff) {
        run.waiting++;
        continue;
      }
      if (first.amount_fen - first.returned_fen < minimum) {
        await s.referrals.void(p.id, r, first.id, first.returned_fen > 0 ? 'returned' : 'below_minimum', now);
        run.voided++;
        continue;
      }
      const paid = await payReferral(s, p.id, r, first.id, now);
      if (isFailure(paid)) return paid;
      if (paid) run.rewarded++;
    }
    results.push(run);
  }
  return results;
}

/** Claims the referral and pays both sides in one transaction; false when it was claimed before. A side no longer active is paid nothing. */
async function payReferral(s: Modules, programId: string, r: ReferralRow, purchaseId: string, now: Date): Promise<Result<boolean>> {
  return inTransaction(s.ctx.db, async () => {
    if (!(await s.referrals.claim(programId, r.id, purchaseId, now))) return false;
    const side = async (memberId: string, event: 'referral' | 'referred') => {
      const a = await awardEvent(s, programId, memberId, event, r.id, SYSTEM, now);
      return isFailure(a) ? 0 : a.points;
    };
    const points = { referrer: await side(r.referrer_id, 'referral'), friend: await side(r.friend_id, 'referred') };
    await s.referrals.paid(programId, r, points);
    return true;
  });
}
