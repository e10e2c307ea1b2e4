// Referrals (推荐新会员): each member's code and share link, the link from a friend to the
// member who referred them with the self-referral, monthly-cap and burst checks (blocked
// links wait for staff to release them), and the settings. Enrolling with a code, linking
// one later and the reward job are workflows (src/workflows/enrol-members.ts, referrals.ts).
// Emits referral.linked, referral.blocked, referral.released, referral.rewarded, referral.voided.
export { referralService, type ReferralService, type Signals } from './referral.service.ts';
export { referralRoutes } from './referral.routes.ts';
export { alreadyReferred, selfCode, tooLate, REFERRAL_MESSAGES } from './referral.errors.ts';
export { referralSignupFields } from './referral.schema.ts';
export type { TReferral, TReferrerLink, TReferralSettings } from './referral.schema.ts';
export type { ReferralRow, ReferralTables } from './referral.table.ts';
