import type { Db, DbKind } from './db/database.ts';
import type { Vault } from './platform/crypto.ts';
import { createCtx, type Ctx } from './platform/context.ts';
import { apiKeyService } from './modules/api-keys/index.ts';
import { auditService } from './modules/audit/index.ts';
import { caseService } from './modules/cases/index.ts';
import { qualityService } from './modules/quality/index.ts';
import { calendarService } from './modules/calendar/index.ts';
import { campaignService } from './modules/campaigns/index.ts';
import { couponService } from './modules/coupons/index.ts';
import { jobService } from './modules/jobs/index.ts';
import { memberService } from './modules/members/index.ts';
import { membershipService } from './modules/memberships/index.ts';
import { notificationService } from './modules/notifications/index.ts';
import { pointsService } from './modules/points/index.ts';
import { privacyService } from './modules/privacy/index.ts';
import { programService } from './modules/programs/index.ts';
import { rewardService } from './modules/rewards/index.ts';
import { purchaseService } from './modules/purchases/index.ts';
import { referralService } from './modules/referrals/index.ts';
import { rightsService } from './modules/rights/index.ts';
import { eventRewardService, ruleService } from './modules/rules/index.ts';
import { segmentService } from './modules/segments/index.ts';
import { slaService } from './modules/sla/index.ts';
import { staffService } from './modules/staff/index.ts';
import { storeService } from './modules/stores/index.ts';
import { suggestionService } from './modules/suggestions/index.ts';
import { surveyService } from './modules/surveys/index.ts';
import { tierService } from './modules/tiers/index.ts';
import { createWorkflows } from './workflows/index.ts';

/** Every module's service, built once per database. A service may call the services it is given. */
export function createModules(ctx: Ctx) {
  const programs = programService(ctx);
  const stores = storeService(ctx);
  const apiKeys = apiKeyService(ctx, { stores });
  const tiers = tierService(ctx, { programs });
  const members = memberService(ctx, { tiers, programs });
  const points = pointsService(ctx, { programs, members });
  const purchases = purchaseService(ctx, { points });
  const rules = ruleService(ctx);
  const events = eventRewardService(ctx);
  const segments = segmentService(ctx, { programs, tiers, members, stores });
  const jobs = jobService(ctx, { programs, points, segments });
  const campaigns = campaignService(ctx);
  const audit = auditService(ctx);
  const memberships = membershipService(ctx, { members });
  const referrals = referralService(ctx, { programs, members });
  const rewards = rewardService(ctx, { tiers, stores });
  const coupons = couponService(ctx, { programs, stores, members });
  const calendar = calendarService(ctx, { programs });
  const rights = rightsService(ctx, { programs, members, calendars: calendar });
  const privacy = privacyService(ctx);
  const staff = staffService(ctx, { stores });
  const notifications = notificationService(ctx, { members, tiers });
  const cases = caseService(ctx, { programs, staff, stores });
  const sla = slaService(ctx, { calendar, staff, tiers, notifications });
  const suggestions = suggestionService(ctx, { members, stores });
  // survey links point here (PATRON_PUBLIC_URL: the address members reach the server at)
  const surveys = surveyService(ctx, { programs, members, privacy, stores, tiers, staff, segments }, { publicUrl: process.env.PATRON_PUBLIC_URL ?? 'http://localhost:3000' });
  const quality = qualityService(ctx);
  return { ctx, cases, quality, sla, audit, programs, tiers, stores, apiKeys, members, points, purchases, rules, events, segments, jobs, campaigns, memberships, referrals, rewards, coupons, rights, privacy, staff, calendar, notifications, suggestions, surveys };
}
export type Modules = ReturnType<typeof createModules>;

/** The modules' services and the workflows that span them. */
export function createServices(db: Db, kind: DbKind, vault: Vault) {
  const modules = createModules(createCtx(db, kind, vault));
  return { ...modules, flows: createWorkflows(modules) };
}
export type Services = ReturnType<typeof createServices>;
