import { download, get, post, query, request } from './client.ts';
import type {
  AuditFacets, AuditFilter, AuditPage, AuditVerify, ProgramOverview,
  Adjustment, AdjustmentCreate, Balance, Campaign, EventReward, CampaignAwardJob, CampaignCreate, CampaignReport, CampaignUpdate, EarnPreview, Lot, Me, Member, MemberCreate, MemberPage, MemberStatus, MemberTier, MemberUpdate, RevealRequest, Revealed, Page, Program, ProgramUpdate, Purchase, PurchaseCreate,
  Redemption, RedemptionCreate, ReturnCreate, ReturnResult, Rule, RuleInput, RuleSimulation, RuleStatus, Segment, SegmentConditions, SegmentCreate,
  SegmentPreview, SegmentRun, SegmentSample, SegmentUpdate, StatementEntry, Store, TerminatedMember, TerminationSettlement, Tier, TierFloorCreate, TierJob, TierPolicy,
  TierPreview, TierTableInput, VipRefundInput,
} from './types.ts';

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const memberPath = (pid: string, mid: string) => `${programPath(pid)}/members/${encodeURIComponent(mid)}`;

export const fetchMe = (apiKey?: string) => get<Me>('/v1/me', apiKey ? { apiKey } : {});
export const listPrograms = () => get<Page<Program>>('/v1/programs');
export const getProgram = (pid: string) => get<Program>(programPath(pid));
export const listStores = (pid: string) => get<Page<Store>>(`${programPath(pid)}/stores`);

export const searchMembers = (pid: string, q: string) =>
  get<Page<Member>>(`${programPath(pid)}/members${query({ q, limit: 50 })}`);
/** The filters of the member list; without q it lists the program's members, newest enrolled first. */
export interface MemberListQuery { q?: string; status?: MemberStatus; tier_id?: string; enrolled_from?: string; enrolled_to?: string; cursor?: string; limit?: number }
export const listMembers = (pid: string, f: MemberListQuery) =>
  get<MemberPage>(`${programPath(pid)}/members${query({ limit: 20, ...f })}`);

export type NewMember = MemberCreate;
export const enrolMember = (pid: string, body: NewMember, key: string) =>
  post<Member>(`${programPath(pid)}/members`, body, key);

export const getMember = (pid: string, mid: string) => get<Member>(memberPath(pid, mid));
export const updateMember = (pid: string, mid: string, body: MemberUpdate) => request<Member>('PATCH', memberPath(pid, mid), { body });
export type RevealPurpose = RevealRequest['purpose'];
export type { Revealed };
/** Shows a member's fields whole, with the purpose; the API audits every reveal. */
export const revealMember = (pid: string, mid: string, body: RevealRequest) => request<Revealed>('POST', `${memberPath(pid, mid)}/reveal`, { body });
export const getBalance = (pid: string, mid: string) => get<Balance>(`${memberPath(pid, mid)}/balance`);
export const listOpenLots = (pid: string, mid: string) =>
  get<Page<Lot>>(`${memberPath(pid, mid)}/lots${query({ open: 'true' })}`);
export const getStatement = (pid: string, mid: string, cursor?: string | null) =>
  get<Page<StatementEntry>>(`${memberPath(pid, mid)}/statement${query({ limit: 20, cursor })}`);

export type StatusAction = 'suspend' | 'reactivate' | 'terminate';
/** A termination answers the member with what it settled; `vipRefund` says how a personal VIP membership's refund is paid. */
export const changeStatus = (pid: string, mid: string, action: StatusAction, reason: string, key: string, vipRefund?: VipRefundInput) =>
  post<Member | TerminatedMember>(`${memberPath(pid, mid)}/${action}`, { reason, ...(vipRefund ? { vip_refund: vipRefund } : {}) }, key);
export const getTerminationPreview = (pid: string, mid: string) => get<TerminationSettlement>(`${memberPath(pid, mid)}/termination-preview`);

/** The console always names the member by id and the store. */
export type NewPurchase = PurchaseCreate & Required<Pick<PurchaseCreate, 'member_id' | 'store_id'>>;
export const recordPurchase = (pid: string, body: NewPurchase, key: string) =>
  post<Purchase>(`${programPath(pid)}/purchases`, body, key);
export const getPurchase = (pid: string, purchaseId: string) =>
  request<Purchase>('GET', `${programPath(pid)}/purchases/${encodeURIComponent(purchaseId)}`);

export const recordReturn = (pid: string, body: ReturnCreate, key: string) =>
  post<ReturnResult>(`${programPath(pid)}/returns`, body, key);

export const redeemPoints = (pid: string, mid: string, body: RedemptionCreate, key: string) =>
  post<Redemption>(`${memberPath(pid, mid)}/redemptions`, body, key);

export type NewAdjustment = AdjustmentCreate;
export const adjustPoints = (pid: string, mid: string, body: NewAdjustment, key: string) =>
  post<Adjustment>(`${memberPath(pid, mid)}/adjustments`, body, key);

export const listTiers = (pid: string) => get<Page<Tier>>(`${programPath(pid)}/tiers`);
export const getTierPolicy = (pid: string) => get<TierPolicy>(`${programPath(pid)}/tier-policy`);
export const previewTierTable = (pid: string, body: TierTableInput) => request<TierPreview>('POST', `${programPath(pid)}/tiers/preview`, { body });
export const applyTierTable = (pid: string, body: TierTableInput, key: string) =>
  request<TierJob>('PUT', `${programPath(pid)}/tiers`, { body, idempotencyKey: key });
export const getTierJob = (pid: string, jobId: string) => get<TierJob>(`${programPath(pid)}/tier-jobs/${encodeURIComponent(jobId)}`);
export const getMemberTier = (pid: string, mid: string) => get<MemberTier>(`${memberPath(pid, mid)}/tier`);
export const assignTierFloor = (pid: string, mid: string, body: TierFloorCreate, key: string) =>
  post<MemberTier>(`${memberPath(pid, mid)}/tier-floor`, body, key);
export const endTierFloor = (pid: string, mid: string, key: string) =>
  request<MemberTier>('DELETE', `${memberPath(pid, mid)}/tier-floor`, { idempotencyKey: key });

export const updateProgram = (pid: string, body: ProgramUpdate) => request<Program>('PATCH', programPath(pid), { body });

const rulePath = (pid: string, rid: string) => `${programPath(pid)}/rules/${encodeURIComponent(rid)}`;
export const listRules = (pid: string, status?: RuleStatus) => get<Page<Rule>>(`${programPath(pid)}/rules${query({ status })}`);
/** One rule with its versions, newest first. */
export const getRule = (pid: string, rid: string) => get<Rule>(rulePath(pid, rid));
export const createRule = (pid: string, body: RuleInput) => request<Rule>('POST', `${programPath(pid)}/rules`, { body });
/** Every edit is a new version in force from now; a purchase before now keeps the old one. */
export const updateRule = (pid: string, rid: string, body: RuleInput) => request<Rule>('PUT', rulePath(pid, rid), { body });
export const setRuleStatus = (pid: string, rid: string, status: RuleStatus) =>
  request<Rule>('POST', `${rulePath(pid, rid)}/status`, { body: { status } });
/** What a basket would earn, rule by rule, with an unsaved draft beside the rules in force; stores nothing. */
export const simulateRules = (pid: string, body: RuleSimulation) => request<EarnPreview>('POST', `${programPath(pid)}/rules/simulate`, { body });

const segmentPath = (pid: string, sid: string) => `${programPath(pid)}/segments/${encodeURIComponent(sid)}`;
export const listSegments = (pid: string) => get<Page<Segment>>(`${programPath(pid)}/segments`);
export const getSegment = (pid: string, sid: string) => get<Segment>(segmentPath(pid, sid));
export const createSegment = (pid: string, body: SegmentCreate, key: string) => post<Segment>(`${programPath(pid)}/segments`, body, key);
export const updateSegment = (pid: string, sid: string, body: SegmentUpdate, key: string) =>
  request<Segment>('PATCH', segmentPath(pid, sid), { body, idempotencyKey: key });
export const archiveSegment = (pid: string, sid: string, key: string) => post<Segment>(`${segmentPath(pid, sid)}/archive`, {}, key);
export const refreshSegment = (pid: string, sid: string) => request<Segment>('POST', `${segmentPath(pid, sid)}/refresh`, { body: {} });
export const segmentMembers = (pid: string, sid: string, limit = 20) => get<SegmentSample>(`${segmentPath(pid, sid)}/members${query({ limit })}`);
export const previewSegment = (pid: string, conditions: SegmentConditions, limit = 10) =>
  request<SegmentPreview>('POST', `${programPath(pid)}/segments/preview`, { body: { conditions, limit } });
export const runSegmentsJob = (pid: string) => request<SegmentRun>('POST', `${programPath(pid)}/jobs/segments`, { body: {} });
const campaignPath = (pid: string, cid: string) => `${programPath(pid)}/campaigns/${encodeURIComponent(cid)}`;
export const listCampaigns = (pid: string) => get<Page<Campaign>>(`${programPath(pid)}/campaigns`);
export const getCampaign = (pid: string, cid: string) => get<Campaign>(campaignPath(pid, cid));
export const createCampaign = (pid: string, body: CampaignCreate, key: string) => post<Campaign>(`${programPath(pid)}/campaigns`, body, key);
export const updateCampaign = (pid: string, cid: string, body: CampaignUpdate) => request<Campaign>('PATCH', campaignPath(pid, cid), { body });
export const setCampaignStatus = (pid: string, cid: string, status: 'active' | 'ended' | 'cancelled', key: string) =>
  post<Campaign>(`${campaignPath(pid, cid)}/status`, { status }, key);
export const startAward = (pid: string, cid: string) => request<CampaignAwardJob>('POST', `${campaignPath(pid, cid)}/award`);
export const listAwardJobs = (pid: string, cid: string) => get<Page<CampaignAwardJob>>(`${campaignPath(pid, cid)}/award-jobs`);
export const getAwardJob = (pid: string, cid: string, jid: string) => get<CampaignAwardJob>(`${campaignPath(pid, cid)}/award-jobs/${encodeURIComponent(jid)}`);
export const getCampaignReport = (pid: string, cid: string) => get<CampaignReport>(`${campaignPath(pid, cid)}/report`);

export const listEventRewards = (pid: string) => get<Page<EventReward>>(`${programPath(pid)}/event-rewards`);
export const setEventReward = (pid: string, event: EventReward['event'], body: { points: number; active: boolean }) =>
  request<EventReward>('PUT', `${programPath(pid)}/event-rewards/${event}`, { body });

export const getOverview = (pid: string) => get<ProgramOverview>(`${programPath(pid)}/overview`);
export const listAudit = (pid: string, filter: AuditFilter) => get<AuditPage>(`${programPath(pid)}/audit${query({ ...filter })}`);
export const auditFacets = (pid: string) => get<AuditFacets>(`${programPath(pid)}/audit/facets`);
export const verifyAudit = (pid: string) => get<AuditVerify>(`${programPath(pid)}/audit/verify`);
export const exportAudit = (pid: string, filter: Omit<AuditFilter, 'limit' | 'cursor'>) =>
  download(`${programPath(pid)}/audit/export${query({ ...filter })}`, `audit-${pid}.csv`);
