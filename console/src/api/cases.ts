// The service desk's endpoints: the queue, a case with its timeline, its actions, goodwill, account managers.
import { get, query, request } from './client.ts';
import type { components } from './schema.ts';
import { newIdempotencyKey } from '../lib/idempotency.ts';

type Schemas = components['schemas'];
export type Case = Schemas['Case'];
export type CaseRow = Schemas['CaseListItem'];
export type CaseDetail = Schemas['CaseDetail'];
export type CaseEvent = Schemas['CaseEvent'];
export type CasePage = Schemas['CasePage'];
export type CaseOpen = Schemas['CaseOpenInput'];
export type CaseAgent = Schemas['CaseAgent'];
export type AccountManager = Schemas['CaseAccountManager'];
export type CaseAction = CaseDetail['actions'][number];
export type CaseStatus = Case['status'];
export type CaseChannel = Case['channel'];

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/cases`;
const one = (pid: string, id: string) => `${base(pid)}/${encodeURIComponent(id)}`;

export const listCases = (pid: string, q: { assignee?: string; status?: string; type?: string; priority?: string; store_id?: string; member_id?: string; open?: string; limit?: number; cursor?: string }) =>
  get<CasePage>(`${base(pid)}${query(q)}`);
export const getCase = (pid: string, id: string) => get<CaseDetail>(one(pid, id));
export const openCase = (pid: string, body: CaseOpen, idempotencyKey: string = newIdempotencyKey()) => request<Case>('POST', base(pid), { body, idempotencyKey });
export const takeCase = (pid: string, id: string) => request<Case>('POST', `${one(pid, id)}/take`, {});
export const assignCase = (pid: string, id: string, assignee_id: string) => request<Case>('POST', `${one(pid, id)}/assign`, { body: { assignee_id } });
export const actOnCase = (pid: string, id: string, body: { action: CaseAction; text?: string; message?: { channel: CaseChannel; subject?: string; body: string } }) =>
  request<Case>('POST', `${one(pid, id)}/actions`, { body });
export const addNote = (pid: string, id: string, body: string) => request<CaseEvent>('POST', `${one(pid, id)}/notes`, { body: { body } });
export const addMessage = (pid: string, id: string, body: { direction: 'to_member' | 'from_member'; channel: CaseChannel; subject?: string; body: string }) =>
  request<CaseEvent>('POST', `${one(pid, id)}/messages`, { body });
export const addProceeding = (pid: string, id: string, body: Schemas['CaseProceedingInInput']) => request<CaseEvent>('POST', `${one(pid, id)}/proceedings`, { body });
export const giveGoodwill = (pid: string, id: string, body: Schemas['CaseGoodwillInInput'], idempotencyKey: string) =>
  request<Schemas['CaseGoodwill']>('POST', `${one(pid, id)}/goodwill`, { body, idempotencyKey });
export const caseAgents = (pid: string) => get<{ items: CaseAgent[] }>(`${base(pid)}/agents`);
export const getAccountManager = (pid: string, mid: string) => get<AccountManager>(`/v1/programs/${encodeURIComponent(pid)}/members/${encodeURIComponent(mid)}/account-manager`);
export const setAccountManager = (pid: string, mid: string, staff_id: string | null) =>
  request<AccountManager>('PUT', `/v1/programs/${encodeURIComponent(pid)}/members/${encodeURIComponent(mid)}/account-manager`, { body: { staff_id } });
