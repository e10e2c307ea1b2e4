// Campaigns (会员专享优惠) and care (客户关怀): dated campaigns targeted at a segment or
// everyone, switching on earning rules (campaign_id) or awarding points once, within a
// budget and a per-member limit, with a sticky random holdout group and its lift report;
// birthday greetings. The purchase path reads campaignContextSql and spends through
// spendCampaignSql; the award, the report and the greetings are workflows
// (src/workflows/award-campaign.ts, campaign-report.ts, birthday-greetings.ts).
// Emits member.birthday.
export { campaignService, toAwardJob, type CampaignService } from './campaign.service.ts';
export { campaignRoutes } from './campaign.routes.ts';
export { campaignContextSql, spendCampaignSql, spendNames, type CampaignContext } from './campaign.repository.ts';
export { awardInactive, notAward, CAMPAIGN_MESSAGES } from './campaign.errors.ts';
export type { TAwardJob, TCampaign, TCampaignReport } from './campaign.schema.ts';
export type { CampaignRow, CampaignTables } from './campaign.table.ts';
