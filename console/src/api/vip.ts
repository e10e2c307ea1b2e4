// Paid VIP membership: the shapes (aliases of the generated schema) and the calls.
import { get, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type VipPlan = Schemas['VipPlan'];
export type VipPlanCreate = Schemas['VipPlanCreateInput'];
export type VipPlanUpdate = Schemas['VipPlanUpdateInput'];
export type VipMembership = Schemas['VipMembership'];
export type VipMembershipDetail = Schemas['VipMembershipDetail'];
export type VipMembershipCreate = Schemas['VipMembershipCreateInput'];
export type VipPaymentRecord = Schemas['VipPaymentRecordInput'];
export type VipRefundPreview = Schemas['VipRefundPreview'];
export type VipSeat = Schemas['VipSeat'];
export type VipPayment = Schemas['VipPayment'];
export type VipRefund = Schemas['VipRefund'];
export type VipListFilter = { status?: 'active' | 'expiring' | 'expired' | 'ended'; kind?: 'individual' | 'corporate'; member_id?: string };

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const one = (pid: string, id: string) => `${base(pid)}/vip-memberships/${encodeURIComponent(id)}`;

export const listVipPlans = (pid: string) => get<{ items: VipPlan[] }>(`${base(pid)}/vip-plans`);
export const createVipPlan = (pid: string, body: VipPlanCreate) => request<VipPlan>('POST', `${base(pid)}/vip-plans`, { body });
export const updateVipPlan = (pid: string, id: string, body: VipPlanUpdate) => request<VipPlan>('PATCH', `${base(pid)}/vip-plans/${encodeURIComponent(id)}`, { body });

export const listVipMemberships = (pid: string, f: VipListFilter = {}) => get<{ items: VipMembership[] }>(`${base(pid)}/vip-memberships${query(f)}`);
export const getVipMembership = (pid: string, id: string) => get<VipMembershipDetail>(one(pid, id));
export const startVipMembership = (pid: string, body: VipMembershipCreate) => request<VipMembershipDetail>('POST', `${base(pid)}/vip-memberships`, { body });
export const renewVipMembership = (pid: string, id: string, body: { payment: VipPaymentRecord; fee_fen?: number }) =>
  request<VipMembershipDetail>('POST', `${one(pid, id)}/renewals`, { body });
export const previewVipEnd = (pid: string, id: string) => get<VipRefundPreview>(`${one(pid, id)}/end-preview`);
export const endVipMembership = (pid: string, id: string, body: { refund_fen: number; method: VipPaymentRecord['method']; reference?: string | null }) =>
  request<VipMembershipDetail>('POST', `${one(pid, id)}/end`, { body });
export const addVipMember = (pid: string, id: string, memberId: string) => request<VipMembershipDetail>('POST', `${one(pid, id)}/members`, { body: { member_id: memberId } });
export const removeVipMember = (pid: string, id: string, memberId: string) =>
  request<VipMembershipDetail>('DELETE', `${one(pid, id)}/members/${encodeURIComponent(memberId)}`);
