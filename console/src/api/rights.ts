// The data-rights and retention endpoints (kept apart from endpoints.ts so these screens stand alone).
import { download, get, post, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type RightsRequest = Schemas['RightsRequest'];
export type RightsKind = RightsRequest['kind'];
export type RightsStatus = RightsRequest['status'];
export type RefusalReason = NonNullable<RightsRequest['refusal_reason']>;
export type RightsCreate = Schemas['RightsRequestCreateInput'];
export type Corrections = Schemas['RightsCorrectionsInput'];
export type RetentionSettings = Schemas['RetentionSettings'];
export type RetentionKind = RetentionSettings['kinds'][number];
export type RetentionUpdate = Schemas['RetentionUpdateInput'];
export type RetentionRun = Schemas['RetentionRun'];

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const requestPath = (pid: string, id: string) => `${programPath(pid)}/rights-requests/${encodeURIComponent(id)}`;

export const listRightsRequests = (pid: string, f: { status?: RightsStatus; kind?: RightsKind; overdue?: 'true' }) =>
  get<{ items: RightsRequest[] }>(`${programPath(pid)}/rights-requests${query({ ...f, limit: 200 })}`);
export const getRightsRequest = (pid: string, id: string) => get<RightsRequest>(requestPath(pid, id));
export const fileRightsRequest = (pid: string, body: RightsCreate, key: string) => post<RightsRequest>(`${programPath(pid)}/rights-requests`, body, key);
export const startRightsRequest = (pid: string, id: string, key: string) => post<RightsRequest>(`${requestPath(pid, id)}/start`, {}, key);
export const completeRightsRequest = (pid: string, id: string, body: { corrections?: Corrections; confirm_erasure?: true; note?: string }, key: string) =>
  post<RightsRequest>(`${requestPath(pid, id)}/complete`, body, key);
export const refuseRightsRequest = (pid: string, id: string, body: { reason: RefusalReason; text: string }, key: string) =>
  post<RightsRequest>(`${requestPath(pid, id)}/refuse`, body, key);
export const downloadExport = (pid: string, r: RightsRequest, format: 'json' | 'html') =>
  download(`${requestPath(pid, r.id)}/export.${format}`, `member-data-${r.member.id}.${format}`);

export const getRetention = (pid: string) => get<RetentionSettings>(`${programPath(pid)}/retention`);
export const saveRetention = (pid: string, body: RetentionUpdate) => request<RetentionSettings>('PATCH', `${programPath(pid)}/retention`, { body });
export const listRetentionRuns = (pid: string) => get<{ items: RetentionRun[] }>(`${programPath(pid)}/retention/runs`);
export const runRetention = (pid: string, body: { as_of?: string; dry_run: boolean }, key: string) => post<RetentionRun>(`${programPath(pid)}/retention/runs`, body, key);
