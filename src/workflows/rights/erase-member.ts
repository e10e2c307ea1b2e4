import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { forgetAnswersAbout } from '../../platform/idempotency.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import { ERASED_FIELDS } from '../../modules/members/index.ts';
import type { Modules } from '../../services.ts';

/** What an erasure leaves, said to the member and the operator (the deletion confirmation names it too). */
export const KEPT_AFTER_ERASURE = [
  'points_ledger', 'purchase_amounts', 'campaign_totals', 'tier_history', 'audit_log',
  'case_records', 'suggestion_records', 'adopted_suggestion_titles', 'survey_scores',
  'redemption_records', 'vip_payments', 'consent_history', 'quality_scores', 'rights_requests',
] as const;

/**
 * Erases a member's personal data in the caller's transaction (PIPL 第四十七条 删除): the
 * member row is anonymised (members module), their unused coupons voided, their referral
 * signals and code removed, the values their correction requests asked for forgotten. The
 * points ledger, purchases (amounts, dates, stores), campaign and tier figures stay with
 * the anonymous member id, so the program's totals and liability do not move: no points
 * are forfeited by an erasure, the member's open lots stay on the books and expire by their
 * dates (an accountant's ledger is not personal data once nobody can be named from it).
 * The service desk keeps its records the same way: cases keep number, type, status, dates,
 * agent and SLA figures, suggestions their status, counts and reward, surveys their scores,
 * the quality reviews of their cases their scores; the member's words and what staff wrote
 * about them go (each module's forgetMember says what exactly). An adopted suggestion keeps
 * its title, with the member's name, phone and e-mail (read here before the member row is
 * anonymised) blotted out of it. What staff wrote about the member elsewhere goes the same
 * way, each module scrubbing its own free texts and keeping its codes: status-change reasons,
 * ledger notes, coupon reasons, manual tier reasons, VIP payment notes, redemptions' tracking
 * notes and cancel reasons, referral release reasons, consent notes, data-rights request
 * notes. The SLA clocks hold no free text (a pause's reason is a code): nothing to scrub.
 */
export async function eraseMember(s: Modules, programId: string, memberId: string, actor: Principal, now = new Date()): Promise<Result<Record<string, unknown>>> {
  assertTransaction(s.ctx.db);
  const before = (await s.members.contacts(programId, [memberId])).get(memberId);
  const identifiers = before ? [before.name, before.phone, before.email] : [];
  const erased = await s.members.erase(programId, memberId, actor, now);
  if (isFailure(erased)) return erased;
  const coupons = await s.coupons.forgetMember(programId, memberId);
  const referrals = await s.referrals.forgetMember(programId, memberId);
  await s.notifications.forgetMember(programId, memberId);
  // survey scores stay in the figures; the member's own words and open links go
  await s.surveys.forgetMember(programId, memberId);
  const cases = await s.cases.forgetMember(programId, memberId, now);
  // an erased member can no longer be answered: their open cases' deadlines stop (cancelled, not breached)
  for (const c of cases.open) await s.sla.cancel(programId, c, now);
  const suggestions = await s.suggestions.forgetMember(programId, memberId, identifiers, now);
  const quality = await s.quality.forgetCases(programId, cases.ids);
  // what staff wrote about the member in each module: the operator sees how much went, per module
  const staffNotes = {
    status_reasons: await s.members.forgetMember(programId, memberId),
    ledger_notes: await s.points.forgetMember(programId, memberId),
    coupon_reasons: coupons.reasons,
    tier_reasons: await s.tiers.forgetMember(programId, memberId),
    vip_payment_notes: await s.memberships.forgetMember(programId, memberId),
    redemption_notes: await s.rewards.forgetMember(programId, memberId),
    referral_release_reasons: referrals.release_reasons,
    quality_reviews: quality.reviews,
    quality_disputes: quality.disputes,
    consent_notes: await s.privacy.forgetMember(programId, memberId),
    rights_request_notes: await s.rights.forgetMember(programId, memberId),
    // the API's stored answers for retries (an adjustment's, its note with it): key and status stay
    api_answers: await forgetAnswersAbout(s.ctx.db, programId, memberId),
  };
  return {
    erased: erased.erased,
    previous_status: erased.from,
    erased_fields: [...ERASED_FIELDS],
    coupons_voided: coupons.voided,
    referral_signals_removed: referrals.signals,
    referral_codes_removed: referrals.codes,
    cases_erased: cases.cases,
    // files Patron only references (their url stays on the case): the operator deletes them from their storage
    case_attachments_elsewhere: cases.attachments,
    suggestions_erased: suggestions.suggestions,
    staff_notes_erased: Object.values(staffNotes).reduce((a, b) => a + b, 0),
    staff_notes: staffNotes,
    kept: [...KEPT_AFTER_ERASURE],
  };
}
