import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { RewardEvent } from '../modules/rules/index.ts';
import type { TMember, TMemberUpdate } from '../modules/members/index.ts';
import type { Modules } from '../services.ts';
import { channelOf, recordConsent, residentIdAllowed } from './record-consent.ts';

export interface EventAward { event: RewardEvent; occurrence: string; awarded: boolean; points: number; entry_id: string | null }

/**
 * Pays an event reward once per member, event and occurrence (seed 000 第四章 第一条款): the
 * claim row and the credit commit together, so a hook called twice, or by two instances at
 * once, pays once. An event the program pays nothing for answers awarded: false.
 */
export async function awardEvent(s: Modules, programId: string, memberId: string, event: RewardEvent, occurrence: string, actor: Principal, now = new Date()): Promise<Result<EventAward>> {
  const status = await s.members.requireStatus(programId, memberId);
  if (isFailure(status)) return status;
  const points = await s.events.pays(programId, event);
  if (points === null) return { event, occurrence, awarded: false, points: 0, entry_id: null };
  return inTransaction(s.ctx.db, async () => {
    if (!(await s.events.claim(programId, memberId, event, occurrence, points))) return { event, occurrence, awarded: false, points: 0, entry_id: null };
    const credit = await s.points.award(programId, memberId, points, { reasonCode: event, reference: `${event}:${occurrence}`, actor: actor.keyId }, now);
    if (isFailure(credit)) return credit;
    await s.events.recordEntry(programId, memberId, event, occurrence, credit.entryId);
    return { event, occurrence, awarded: true, points, entry_id: credit.entryId };
  });
}

/** A profile is complete with a name, gender, birthday and e-mail (完善资料). */
const complete = (m: TMember) => Boolean(m.name && m.gender && m.gender !== 'unknown' && m.birthday && m.email);

/** Updates a member's profile; the first time it is complete, the profile_completed reward is paid. */
export async function updateMember(s: Modules, programId: string, memberId: string, input: TMemberUpdate, actor: Principal): Promise<Result<TMember>> {
  const { marketing_consent: marketing, sensitive_consent: sensitive, ...profile } = input;
  // a resident ID needs the member's separate consent (PIPL art. 29), on record or given now
  const gate = await residentIdAllowed(s, programId, memberId, input);
  if (gate) return gate;
  // the phone and resident ID held before a change stay the member's for the self-referral checks
  if (input.phone !== undefined || input.id_number !== undefined) {
    const before = await s.members.identity(programId, memberId);
    if (before) await s.referrals.recordSignals(programId, memberId, { phone: before.phone, idNumber: before.idNumber });
  }
  // consents go through their own workflow, with their history, in the update's transaction
  const updated = await inTransaction(s.ctx.db, async () => {
    const channel = channelOf(actor);
    if (sensitive && input.id_number) {
      const r = await recordConsent(s, programId, memberId, { purpose: 'sensitive', granted: true, scope: ['resident_id'], channel }, actor);
      if (isFailure(r)) return r;
    }
    if (marketing !== undefined) {
      const r = await recordConsent(s, programId, memberId, { purpose: 'marketing', granted: marketing, channel }, actor);
      if (isFailure(r)) return r;
    }
    return s.members.update(programId, memberId, profile, actor);
  });
  // the update stands whatever the award says (a suspended member is paid nothing)
  if (!isFailure(updated) && complete(updated)) await awardEvent(s, programId, memberId, 'profile_completed', 'once', actor);
  return updated;
}
