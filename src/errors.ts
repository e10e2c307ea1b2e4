import { PLATFORM_ERRORS, type ErrorSpec } from './platform/errors.ts';
// straight from the errors files, not the modules' index.ts: platform/schema.ts reads this
// table as it loads, and the index files load the routes, which load platform/schema.ts
import { CASE_ERRORS } from './modules/cases/case.errors.ts';
import { QUALITY_ERRORS } from './modules/quality/quality.errors.ts';
import { CAMPAIGN_ERRORS } from './modules/campaigns/campaign.errors.ts';
import { COUPON_ERRORS } from './modules/coupons/coupon.errors.ts';
import { MEMBER_ERRORS } from './modules/members/member.errors.ts';
import { MEMBERSHIP_ERRORS } from './modules/memberships/membership.errors.ts';
import { NOTIFICATION_ERRORS } from './modules/notifications/notification.errors.ts';
import { POINTS_ERRORS } from './modules/points/points.errors.ts';
import { PRIVACY_ERRORS } from './modules/privacy/privacy.errors.ts';
import { PURCHASE_ERRORS } from './modules/purchases/purchase.errors.ts';
import { REFERRAL_ERRORS } from './modules/referrals/referral.errors.ts';
import { RIGHTS_ERRORS } from './modules/rights/rights.errors.ts';
import { RULE_ERRORS } from './modules/rules/rule.errors.ts';
import { SUGGESTION_ERRORS } from './modules/suggestions/suggestion.errors.ts';
import { TIER_ERRORS } from './modules/tiers/tier.errors.ts';
import { REWARD_ERRORS } from './modules/rewards/reward.errors.ts';
import { SEGMENT_ERRORS } from './modules/segments/segment.errors.ts';
import { SLA_ERRORS } from './modules/sla/sla.errors.ts';
import { STAFF_ERRORS } from './modules/staff/staff.errors.ts';
import { SURVEY_ERRORS } from './modules/surveys/survey.errors.ts';

/**
 * Every stable problem code with its status and titles: the platform's and each module's
 * own table, composed once. The problem renderer and the OpenAPI document read it; a code
 * a module uses must be in its table (failures() only takes those).
 */
export const ERRORS = { ...PLATFORM_ERRORS, ...MEMBER_ERRORS, ...POINTS_ERRORS, ...PURCHASE_ERRORS, ...RULE_ERRORS, ...TIER_ERRORS, ...SEGMENT_ERRORS, ...CAMPAIGN_ERRORS,
  ...MEMBERSHIP_ERRORS, ...REFERRAL_ERRORS, ...REWARD_ERRORS, ...COUPON_ERRORS, ...RIGHTS_ERRORS,
  ...PRIVACY_ERRORS, ...STAFF_ERRORS, ...NOTIFICATION_ERRORS, ...CASE_ERRORS, ...SLA_ERRORS, ...SUGGESTION_ERRORS, ...SURVEY_ERRORS, ...QUALITY_ERRORS } satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];
