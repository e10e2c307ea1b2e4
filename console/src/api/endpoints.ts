import { get, post, query, request } from './client.ts';
import type {
  Adjustment, AdjustmentCreate, Balance, Campaign, CampaignAwardJob, CampaignCreate, CampaignReport, CampaignUpdate, Rule, Lot, Me, Member, MemberCreate, Page, Program, Purchase, PurchaseCreate, Redemption,
  RedemptionCreate, ReturnCreate, ReturnResult, StatementEntry, Store,
} from './types.ts';

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const memberPath = (pid: string, mid: string) => `${programPath(pid)}/members/${encodeURIComponent(mid)}`;

export const fetchMe = (apiKey?: string) => get<Me>('/v1/me', apiKey ? { apiKey } : {});
export const listPrograms = () => get<Page<Program>>('/v1/programs');
export const getProgram = (pid: string) => get<Program>(programPath(pid));
export const listStores = (pid: string) => get<Page<Store>>(`${programPath(pid)}/stores`);

export const searchMembers = (pid: string, q: string) =>
  get<Page<Member>>(`${programPath(pid)}/members${query({ q, limit: 50 })}`);

export type NewMember = MemberCreate;
export const enrolMember = (pid: string, body: NewMember, key: string) =>
  post<Member>(`${programPath(pid)}/members`, body, key);

export const getMember = (pid: string, mid: string) => get<Member>(memberPath(pid, mid));
export const getBalance = (pid: string, mid: string) => get<Balance>(`${memberPath(pid, mid)}/balance`);
export const listOpenLots = (pid: string, mid: string) =>
  get<Page<Lot>>(`${memberPath(pid, mid)}/lots${query({ open: 'true' })}`);
export const getStatement = (pid: string, mid: string, cursor?: string | null) =>
  get<Page<StatementEntry>>(`${memberPath(pid, mid)}/statement${query({ limit: 20, cursor })}`);

export type StatusAction = 'suspend' | 'reactivate' | 'terminate';
export const changeStatus = (pid: string, mid: string, action: StatusAction, reason: string, key: string) =>
  post<Member>(`${memberPath(pid, mid)}/${action}`, { reason }, key);

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
export const listRules = (pid: string) => get<Page<Rule>>(`${programPath(pid)}/rules`);
