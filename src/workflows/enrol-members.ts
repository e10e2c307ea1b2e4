import type { Principal } from '../platform/context.ts';
import { isFailure, type Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { duplicatePhone, type MemberInput, type TMember, type TMemberCreate } from '../modules/members/index.ts';
import type { Channel } from '../modules/privacy/index.ts';
import type { Modules } from '../services.ts';
import { awardEvent } from './award-event.ts';
import { channelOf, consentsOnJoin, residentIdAllowed } from './record-consent.ts';

/**
 * Enrols members with their points accounts, in one transaction: the members module
 * writes the members (phones already enrolled come back in `duplicates`), the points
 * module opens a zeroed balance for each new one, and each starts a tier period: in the
 * tier an import gives, else in the program's entry tier (the lowest, when it asks
 * nothing to reach), from when they joined. What they consented to joining (the policies in
 * force, marketing, the resident ID's sensitive consent) goes into the consent history.
 */
export async function enrolMembers(s: Modules, programId: string, inputs: MemberInput[], actor: Principal, channel: Channel = 'import') {
  // one instant for the member's enrolment, its tier period and its consents
  const now = new Date();
  const stamped = inputs.map((i) => (i.enrolled_at ? i : { ...i, enrolled_at: now }));
  return inTransaction(s.ctx.db, async (trx) => {
    const r = await s.members.insertMany(programId, stamped, actor);
    await s.points.openAccounts(trx, programId, r.created);
    const { tiers } = await s.tiers.table(programId);
    const entry = tiers[0] && tiers[0].reach === 0 ? tiers[0].id : null;
    const dup = new Set(r.duplicates);
    const joined = stamped.filter((_, i) => !dup.has(i));
    await consentsOnJoin(s, programId, r.created.map((memberId, i) => ({ memberId, input: joined[i]!, at: joined[i]!.enrolled_at! })), channel, actor);
    const periods = r.created.flatMap((memberId, i) => {
      const input = joined[i]!;
      const tierId = input.tier_id ?? entry;
      return tierId ? [{ memberId, tierId, at: input.enrolled_at ?? now, source: input.tier_id ? 'import' as const : 'enrol' as const }] : [];
    });
    if (periods.length) {
      await s.tiers.openPeriods(programId, periods, actor.keyId);
      const entering = periods.filter((p) => p.source === 'enrol').map((p) => p.memberId);
      if (entry && entering.length) await s.members.setTiers(programId, entering, entry);
    }
    return r;
  });
}

/**
 * Enrols one member at the caller's store (a pos key's), or answers duplicate_phone. With a
 * referral code, the member is linked to its owner in the same transaction (the link may
 * be blocked by the self-referral checks, which the enrolment's phone, resident ID, device
 * and payment account feed); an unknown code is refused before anything is written, so the
 * clerk can correct it.
 */
export async function enrolMember(s: Modules, programId: string, input: TMemberCreate, actor: Principal): Promise<Result<TMember>> {
  const { referral_code: code, device_fingerprint: device, payment_account: payment, sensitive_consent: _, ...fields } = input;
  const gate = await residentIdAllowed(s, programId, null, input);
  if (gate) return gate;
  const referrerId = code ? await s.referrals.resolveCode(programId, code) : null;
  if (isFailure(referrerId)) return referrerId;
  const memberId = await inTransaction(s.ctx.db, async () => {
    const { created } = await enrolMembers(s, programId, [{ ...fields, store_id: actor.storeId }], actor, channelOf(actor));
    if (!created.length) return duplicatePhone();
    const signals = { phone: fields.phone, idNumber: fields.id_number, device, payment };
    await s.referrals.recordSignals(programId, created[0]!, signals);
    if (referrerId && code) {
      const link = await s.referrals.link(programId, { referrerId, friendId: created[0]!, code, signals, actor });
      if (isFailure(link)) return link;
    }
    return created[0]!;
  });
  if (isFailure(memberId)) return memberId;
  // the sign-up reward (an import of existing members is not a sign-up: enrolMembers pays none)
  const award = await awardEvent(s, programId, memberId, 'signup', 'once', actor);
  if (isFailure(award)) return award;
  return s.members.get(programId, memberId, actor);
}
