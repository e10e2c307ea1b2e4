import { programOverview } from './program-overview.ts';
// Work that spans modules: one file per flow, each calling the modules' services (their
// index.ts) inside one transaction. A workflow names no table; the modules own them.
import type { Modules } from '../services.ts';
import { removeCalendarOverride, setCalendarHours, setCalendarOverride } from './calendar/change-calendar.ts';
import { loadCalendarYear } from './calendar/load-calendar-year.ts';
import { actOnCase, assignCase, attachToCase, messageCase, noteCase, recordProceeding, takeCase } from './cases/case-actions.ts';
import { caseAccountManager, caseDetail, caseQueue, setCaseAccountManager } from './cases/case-views.ts';
import { slaOverview } from './sla-overview.ts';
import { nameActors } from './name-actors.ts';
import { giveGoodwill } from './cases/give-goodwill.ts';
import { openCase } from './cases/open-case.ts';
import { qualityReviewers, reviewCase, sampleCases } from './quality/sample-cases.ts';
import {
  myQualityReviews, qualityAgents, qualityAssignments, qualityCalibration, qualityCalibrations, qualityDisputes, qualityReviews, qualitySamples,
} from './quality/quality-views.ts';
import { startCampaignAward } from './award-campaign.ts';
import { sendBirthdayGreetings } from './birthday-greetings.ts';
import { campaignReport } from './campaign-report.ts';
import { changeMemberStatus } from './change-member-status.ts';
import { terminationPreview } from './terminate-member.ts';
import { enrolMember, enrolMembers } from './enrol-members.ts';
import { awardEvent, updateMember } from './award-event.ts';
import { previewPurchase, recordPurchase } from './record-purchase.ts';
import { cancelRedemption, redeemReward, redemptionQueue } from './redeem-reward.ts';
import { recordReturn } from './record-return.ts';
import { acceptPolicy, memberPrivacy, recordConsent } from './record-consent.ts';
import { recordRefusedReveal, revealMember } from './reveal-member.ts';
import { keyStatus, missingKeys, rotateKeys } from './rotate-keys.ts';
import { endMembership, previewEnd, renewMembership, startMembership } from './memberships/vip-membership.ts';
import { addVipMember, removeVipMember } from './memberships/vip-seats.ts';
import { runMembershipsJob } from './memberships/vip-expiry.ts';
import { linkReferrer, rewardReferrals } from './referrals.ts';
import { completeRightsRequest } from './rights/complete-rights-request.ts';
import { memberDataExport } from './rights/member-data-export.ts';
import { runRetention } from './rights/retention.ts';
import { adoptSuggestion, declineSuggestion, mergeSuggestion, reviewSuggestion, submitSuggestion, suggestionSummary, supportSuggestion } from './suggestions/suggestions.ts';
import { evaluateTiers } from './tiers/evaluate-tiers.ts';
import { memberTier } from './tiers/member-tier.ts';
import { assignTierFloor, endTierFloor } from './tiers/tier-floor.ts';
import { applyTierTable, previewTierTable, resumeTableJobs, runTableJob } from './tiers/tier-table.ts';

type Rest<F> = F extends (s: Modules, ...rest: infer A) => infer R ? (...rest: A) => R : never;
const bind = <F extends (s: Modules, ...rest: never[]) => unknown>(s: Modules, f: F) => ((...rest: never[]) => f(s, ...rest)) as Rest<F>;

/** The workflows, bound to the modules' services. */
export function createWorkflows(s: Modules) {
  return {
    enrolMembers: bind(s, enrolMembers),
    revealMember: bind(s, revealMember),
    recordRefusedReveal: bind(s, recordRefusedReveal),
    keyStatus: bind(s, keyStatus),
    missingKeys: bind(s, missingKeys),
    rotateKeys: bind(s, rotateKeys),
    enrolMember: bind(s, enrolMember),
    changeMemberStatus: bind(s, changeMemberStatus),
    terminationPreview: bind(s, terminationPreview),
    recordPurchase: bind(s, recordPurchase),
    previewPurchase: bind(s, previewPurchase),
    awardEvent: bind(s, awardEvent),
    programOverview: bind(s, programOverview),
    nameActors: bind(s, nameActors),
    updateMember: bind(s, updateMember),
    recordReturn: bind(s, recordReturn),
    evaluateTiers: bind(s, evaluateTiers),
    memberTier: bind(s, memberTier),
    assignTierFloor: bind(s, assignTierFloor),
    endTierFloor: bind(s, endTierFloor),
    previewTierTable: bind(s, previewTierTable),
    applyTierTable: bind(s, applyTierTable),
    runTierTableJob: bind(s, runTableJob),
    resumeTierTableJobs: bind(s, resumeTableJobs),
    startCampaignAward: bind(s, startCampaignAward),
    campaignReport: bind(s, campaignReport),
    sendBirthdayGreetings: bind(s, sendBirthdayGreetings),
    startMembership: bind(s, startMembership),
    renewMembership: bind(s, renewMembership),
    previewEnd: bind(s, previewEnd),
    endMembership: bind(s, endMembership),
    addVipMember: bind(s, addVipMember),
    removeVipMember: bind(s, removeVipMember),
    runMembershipsJob: bind(s, runMembershipsJob),
    linkReferrer: bind(s, linkReferrer),
    rewardReferrals: bind(s, rewardReferrals),
    redeemReward: bind(s, redeemReward),
    cancelRedemption: bind(s, cancelRedemption),
    redemptionQueue: bind(s, redemptionQueue),
    memberDataExport: bind(s, memberDataExport),
    completeRightsRequest: bind(s, completeRightsRequest),
    runRetention: bind(s, runRetention),
    recordConsent: bind(s, recordConsent),
    acceptPolicy: bind(s, acceptPolicy),
    memberPrivacy: bind(s, memberPrivacy),
    loadCalendarYear: bind(s, loadCalendarYear),
    setCalendarOverride: bind(s, setCalendarOverride),
    removeCalendarOverride: bind(s, removeCalendarOverride),
    setCalendarHours: bind(s, setCalendarHours),
    openCase: bind(s, openCase),
    sampleCases: bind(s, sampleCases),
    reviewCase: bind(s, reviewCase),
    qualityReviewers: bind(s, qualityReviewers),
    qualityReviews: bind(s, qualityReviews),
    myQualityReviews: bind(s, myQualityReviews),
    qualityDisputes: bind(s, qualityDisputes),
    qualitySamples: bind(s, qualitySamples),
    qualityAssignments: bind(s, qualityAssignments),
    qualityCalibrations: bind(s, qualityCalibrations),
    qualityCalibration: bind(s, qualityCalibration),
    qualityAgents: bind(s, qualityAgents),
    actOnCase: bind(s, actOnCase),
    assignCase: bind(s, assignCase),
    takeCase: bind(s, takeCase),
    messageCase: bind(s, messageCase),
    noteCase: bind(s, noteCase),
    attachToCase: bind(s, attachToCase),
    recordProceeding: bind(s, recordProceeding),
    giveGoodwill: bind(s, giveGoodwill),
    caseQueue: bind(s, caseQueue),
    slaOverview: bind(s, slaOverview),
    caseDetail: bind(s, caseDetail),
    caseAccountManager: bind(s, caseAccountManager),
    setCaseAccountManager: bind(s, setCaseAccountManager),
    submitSuggestion: bind(s, submitSuggestion),
    supportSuggestion: bind(s, supportSuggestion),
    reviewSuggestion: bind(s, reviewSuggestion),
    adoptSuggestion: bind(s, adoptSuggestion),
    declineSuggestion: bind(s, declineSuggestion),
    mergeSuggestion: bind(s, mergeSuggestion),
    suggestionSummary: bind(s, suggestionSummary),
  };
}
export type Workflows = ReturnType<typeof createWorkflows>;
