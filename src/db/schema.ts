import type { Generated } from 'kysely';
import type { ApiKeyTables } from '../modules/api-keys/api-key.table.ts';
import type { AuditTables } from '../modules/audit/audit.table.ts';
import type { CalendarTables } from '../modules/calendar/calendar.table.ts';
import type { CaseTables } from '../modules/cases/case.table.ts';
import type { QualityTables } from '../modules/quality/quality.table.ts';
import type { CampaignTables } from '../modules/campaigns/campaign.table.ts';
import type { CouponTables } from '../modules/coupons/coupon.table.ts';
import type { MemberTables } from '../modules/members/member.table.ts';
import type { MembershipTables } from '../modules/memberships/membership.table.ts';
import type { NotificationTables } from '../modules/notifications/notification.table.ts';
import type { PointsTables } from '../modules/points/points.table.ts';
import type { PrivacyTables } from '../modules/privacy/privacy.table.ts';
import type { ProgramTables } from '../modules/programs/program.table.ts';
import type { RewardTables } from '../modules/rewards/reward.table.ts';
import type { PurchaseTables } from '../modules/purchases/purchase.table.ts';
import type { ReferralTables } from '../modules/referrals/referral.table.ts';
import type { RightsTables } from '../modules/rights/rights.table.ts';
import type { RuleTables } from '../modules/rules/rule.table.ts';
import type { SegmentTables } from '../modules/segments/segment.table.ts';
import type { StaffTables } from '../modules/staff/staff.table.ts';
import type { SlaTables } from '../modules/sla/sla.table.ts';
import type { SuggestionTables } from '../modules/suggestions/suggestion.table.ts';
import type { StoreTables } from '../modules/stores/store.table.ts';
import type { SurveyTables } from '../modules/surveys/survey.table.ts';
import type { TierTables } from '../modules/tiers/tier.table.ts';

export interface PlatformTables {
  idempotency_keys: {
    program_id: string;
    key: string;
    scope: string;
    request_hash: string;
    response_status: number;
    response_body: unknown;
    created_at: Generated<Date>;
  };
  outbox: {
    id: Generated<number>;
    program_id: string;
    topic: string;
    aggregate_id: string;
    payload: unknown;
    created_at: Generated<Date>;
    published_at: Date | null;
  };
  settings: { key: string; value: string };
  schema_migrations: { name: string; applied_at: Generated<Date> };
}

export interface Database
  extends PlatformTables, ProgramTables, TierTables, StoreTables, ApiKeyTables, MemberTables, PointsTables, PurchaseTables, RuleTables, SegmentTables, CampaignTables,
    AuditTables, MembershipTables, ReferralTables, RewardTables, CouponTables, RightsTables,
    PrivacyTables, StaffTables, CalendarTables, NotificationTables, CaseTables, SlaTables, SuggestionTables, SurveyTables, QualityTables {}
