// The privacy endpoints: policy documents and their versions, a member's consents and acceptances.
import { get, post, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type Policy = Schemas['Policy'];
export type PolicyKind = Policy['kind'];
export type PolicyDraftCreate = Schemas['PolicyDraftCreateInput'];
export type PolicyDraftUpdate = Schemas['PolicyDraftUpdateInput'];
export type MemberPrivacy = Schemas['MemberPrivacy'];
export type ConsentState = Schemas['ConsentState'];
export type Consent = Schemas['Consent'];
export type Purpose = Consent['purpose'];
export type ConsentCreate = Schemas['ConsentCreateInput'];
export type ConsentResult = Schemas['ConsentResult'];
export type AcceptanceResult = Schemas['PolicyAcceptanceResult'];

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const memberPath = (pid: string, mid: string) => `${programPath(pid)}/members/${encodeURIComponent(mid)}`;

export const listPolicies = (pid: string, kind?: PolicyKind) => get<{ items: Policy[] }>(`${programPath(pid)}/policies${query({ kind })}`);
export const createPolicyDraft = (pid: string, body: PolicyDraftCreate) => request<Policy>('POST', `${programPath(pid)}/policies`, { body });
export const updatePolicyDraft = (pid: string, id: string, body: PolicyDraftUpdate) => request<Policy>('PATCH', `${programPath(pid)}/policies/${encodeURIComponent(id)}`, { body });
export const publishPolicy = (pid: string, id: string) => request<Policy>('POST', `${programPath(pid)}/policies/${encodeURIComponent(id)}/publish`, {});
export const getMemberPrivacy = (pid: string, mid: string) => get<MemberPrivacy>(`${memberPath(pid, mid)}/privacy`);
export const recordConsent = (pid: string, mid: string, body: ConsentCreate, key: string) => post<ConsentResult>(`${memberPath(pid, mid)}/consents`, body, key);
export const acceptPolicy = (pid: string, mid: string, documentId: string, key: string) =>
  post<AcceptanceResult>(`${memberPath(pid, mid)}/policy-acceptances`, { document_id: documentId, channel: 'console' }, key);
