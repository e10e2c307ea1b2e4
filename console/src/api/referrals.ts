// The referral endpoints (kept apart from endpoints.ts so the referral screens stand alone).
import { get, post, query, request } from './client.ts';
import type { components } from './schema.ts';
import type { Page } from './types.ts';

type Schemas = components['schemas'];
export type Referral = Schemas['Referral'];
export type ReferralStatus = Referral['status'];
export type BlockReason = NonNullable<Referral['block_reason']>;
export type ReferralCode = Schemas['ReferralCode'];
export type MemberReferrals = Schemas['MemberReferrals'];
export type ReferralSettings = Schemas['ReferralSettings'];
export type ReferralSettingsUpdate = Schemas['ReferralSettingsUpdateInput'];
export type ReferralRun = Schemas['ReferralRun'];

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const memberPath = (pid: string, mid: string) => `${programPath(pid)}/members/${encodeURIComponent(mid)}`;

export const getReferralCode = (pid: string, mid: string) => get<ReferralCode>(`${memberPath(pid, mid)}/referral-code`);
export const getMemberReferrals = (pid: string, mid: string) => get<MemberReferrals>(`${memberPath(pid, mid)}/referrals`);
export const listReferrals = (pid: string, status?: ReferralStatus) => get<Page<Referral>>(`${programPath(pid)}/referrals${query({ status, limit: 500 })}`);
export const releaseReferral = (pid: string, id: string, reason: string, key: string) =>
  post<Referral>(`${programPath(pid)}/referrals/${encodeURIComponent(id)}/release`, { reason }, key);
export const getReferralSettings = (pid: string) => get<ReferralSettings>(`${programPath(pid)}/referral-settings`);
export const saveReferralSettings = (pid: string, body: ReferralSettingsUpdate) =>
  request<ReferralSettings>('PUT', `${programPath(pid)}/referral-settings`, { body });
export const runReferralJob = (pid: string, key: string) => post<ReferralRun>(`${programPath(pid)}/jobs/referrals`, {}, key);
