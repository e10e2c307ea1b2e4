// The rewards catalogue's calls and shapes (aliases of the generated schema.ts).
import { get, post, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type Reward = Schemas['Reward'];
export type RewardKind = Reward['kind'];
export type RewardCreate = Schemas['RewardCreateInput'];
export type RewardUpdate = Schemas['RewardUpdateInput'];
export type RewardRedemption = Schemas['RewardRedemption'];
export type RedemptionStatus = RewardRedemption['status'];
export type RedeemReward = Schemas['RedeemRewardInput'];
export interface Listing<T> { items: T[]; total: number }

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const rewardPath = (pid: string, id: string) => `${base(pid)}/rewards/${encodeURIComponent(id)}`;
const redemptionPath = (pid: string, id: string) => `${base(pid)}/reward-redemptions/${encodeURIComponent(id)}`;

export const listRewards = (pid: string, q: { kind?: string; active?: 'true' | 'false'; limit?: number; offset?: number } = {}) =>
  get<Listing<Reward>>(`${base(pid)}/rewards${query({ limit: 200, ...q })}`);
export const getReward = (pid: string, id: string) => get<Reward>(rewardPath(pid, id));
export const createReward = (pid: string, body: RewardCreate, key: string) => post<Reward>(`${base(pid)}/rewards`, body, key);
export const updateReward = (pid: string, id: string, body: RewardUpdate) => request<Reward>('PATCH', rewardPath(pid, id), { body });
export const uploadRewardImage = (pid: string, id: string, body: { content_type: 'image/png' | 'image/jpeg' | 'image/webp'; data_base64: string }) =>
  request<Reward>('PUT', `${rewardPath(pid, id)}/image`, { body });

export const listRedemptions = (pid: string, q: { status?: string; store_id?: string; member_id?: string; limit?: number; offset?: number } = {}) =>
  get<Listing<RewardRedemption>>(`${base(pid)}/reward-redemptions${query({ limit: 50, ...q })}`);
export const memberRedemptions = (pid: string, mid: string) =>
  get<Listing<RewardRedemption>>(`${base(pid)}/members/${encodeURIComponent(mid)}/reward-redemptions${query({ limit: 50 })}`);
export const redeemReward = (pid: string, mid: string, body: RedeemReward, key: string) =>
  post<RewardRedemption>(`${base(pid)}/members/${encodeURIComponent(mid)}/reward-redemptions`, body, key);
export const fulfilRedemption = (pid: string, id: string, body: { pickup_code?: string; tracking_note?: string }, key: string) =>
  post<RewardRedemption>(`${redemptionPath(pid, id)}/fulfil`, body, key);
export const cancelRedemption = (pid: string, id: string, reason: string, key: string) =>
  post<RewardRedemption>(`${redemptionPath(pid, id)}/cancel`, { reason }, key);
