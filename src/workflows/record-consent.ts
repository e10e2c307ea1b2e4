import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { MemberInput } from '../modules/members/index.ts';
import { sensitiveConsentRequired, type Channel, type TAcceptanceCreate, type TConsentCreate, type TMemberPrivacy } from '../modules/privacy/index.ts';
import type { Modules } from '../services.ts';

/** Where a caller records from when the request does not say: a till's key is the POS, anyone else the console. */
export const channelOf = (actor: Principal): Channel => (actor.role === 'pos' || actor.role === 'store_staff' ? 'pos' : 'console');

/**
 * Records a consent given or withdrawn (PIPL: consent per purpose, withdrawable at any
 * time): the privacy module appends the history row with the policy version in force, and
 * for marketing the member's consent (what every segment and send reads) moves in the same
 * transaction, and a withdrawn member leaves the segments that target marketing at once.
 * A withdrawal is taken from any member; consent is given only by a member not terminated.
 * Withdrawing the sensitive consent for the resident ID deletes the stored number.
 */
export async function recordConsent(s: Modules, programId: string, memberId: string, input: TConsentCreate, actor: Principal, at = new Date()) {
  return inTransaction(s.ctx.db, async () => {
    const status = await s.members.requireStatus(programId, memberId, input.granted ? ['active', 'suspended'] : ['active', 'suspended', 'terminated']);
    if (isFailure(status)) return status;
    const r = await s.privacy.record(programId, memberId, { ...input, actor: actor.keyId, at });
    if (r.changed && input.purpose === 'marketing') {
      await s.members.setMarketingConsent(programId, memberId, r.state.granted, at);
      await s.segments.consentChanged(programId, memberId, r.state.granted, at);
    }
    // consent to the resident ID withdrawn: the stored number is deleted with it (PIPL art. 47)
    if (r.consent && !r.consent.granted && r.consent.scope.includes('resident_id')) {
      const cleared = await s.members.update(programId, memberId, { id_number: null }, actor);
      if (isFailure(cleared)) return cleared;
    }
    return r;
  });
}

/** Records that the member accepted a policy version in force (at their visit); recording it again changes nothing. */
export async function acceptPolicy(s: Modules, programId: string, memberId: string, input: TAcceptanceCreate, actor: Principal, at = new Date()) {
  const status = await s.members.requireStatus(programId, memberId, ['active', 'suspended']);
  if (isFailure(status)) return status;
  return s.privacy.accept(programId, memberId, input, actor.keyId, at);
}

/** A member's privacy at a glance: consent per purpose, versions to accept at this visit, both histories. */
export async function memberPrivacy(s: Modules, programId: string, memberId: string): Promise<Result<TMemberPrivacy>> {
  const status = await s.members.requireStatus(programId, memberId, ['active', 'suspended', 'terminated']);
  if (isFailure(status)) return status;
  const [consents, pending, acceptances, history] = await Promise.all([
    s.privacy.consents(programId, memberId), s.privacy.pending(programId, memberId), s.privacy.acceptances(programId, memberId), s.privacy.history(programId, memberId),
  ]);
  return { member_id: memberId, consents, pending, acceptances, history };
}

/**
 * The sensitive-information gate (PIPL art. 29): a resident ID is stored only with the
 * member's separate consent covering it, on record or given in this request.
 */
export async function residentIdAllowed(s: Modules, programId: string, memberId: string | null, input: { id_number?: string | null; sensitive_consent?: boolean }) {
  if (!input.id_number || input.sensitive_consent) return null;
  if (memberId && (await s.privacy.hasSensitive(programId, memberId, 'resident_id'))) return null;
  return sensitiveConsentRequired('resident_id', 'id_number');
}

/**
 * What members joining consented to, in the enrolment's transaction: they accept the
 * versions in force when they joined, consent to the membership service, marketing consent
 * given at sign-up, and for a
 * resident ID the sensitive consent that came with it (an import brings what the source
 * system collected, and says so in the note).
 */
export async function consentsOnJoin(s: Modules, programId: string, joined: { memberId: string; input: MemberInput; at: Date }[], channel: Channel, actor: Principal) {
  const note = channel === 'import' ? 'collected before import' : undefined;
  await s.privacy.acceptOnJoin(programId, joined.map((j) => ({ memberId: j.memberId, at: j.at })), channel, actor.keyId);
  await s.privacy.recordOnJoin(programId, joined.flatMap((j) => [
    // the membership itself: what the membership agreement needs to be performed
    { memberId: j.memberId, purpose: 'service' as const, at: j.at, channel, actor: actor.keyId, note },
    ...(j.input.marketing_consent ? [{ memberId: j.memberId, purpose: 'marketing' as const, at: j.at, channel, actor: actor.keyId, note }] : []),
    ...(j.input.id_number ? [{ memberId: j.memberId, purpose: 'sensitive' as const, scope: ['resident_id' as const], at: j.at, channel, actor: actor.keyId, note }] : []),
  ]));
}
