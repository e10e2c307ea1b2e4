// The service desk's SLA endpoints (issue 11): policies, desk settings, clocks, overview, alerts.
import { get, post, query, request } from './client.ts';
import type { paths } from './schema.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Base = '/v1/programs/{program_id}/sla';
export type SlaPolicyList = JsonBody<paths[`${Base}/policies`]['get']['responses'][200]>;
export type SlaPolicy = SlaPolicyList['items'][number];
export type SlaPolicyCreate = NonNullable<paths[`${Base}/policies`]['post']['requestBody']>['content']['application/json'];
export type SlaPolicyUpdate = NonNullable<paths[`${Base}/policies/{policy_id}`]['patch']['requestBody']>['content']['application/json'];
export type SlaSettings = JsonBody<paths[`${Base}/settings`]['get']['responses'][200]>;
export type SlaSettingsUpdate = NonNullable<paths[`${Base}/settings`]['put']['requestBody']>['content']['application/json'];
export type SlaClock = JsonBody<paths[`${Base}/clocks`]['get']['responses'][200]>['items'][number];
export type SlaOverview = JsonBody<paths[`${Base}/overview`]['get']['responses'][200]>;
export type SlaAlertList = JsonBody<paths[`${Base}/alerts`]['get']['responses'][200]>;
export type SlaAlert = SlaAlertList['items'][number];
export type SlaView = 'due_soon' | 'breached' | 'escalated' | 'open';

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/sla`;

export const listPolicies = (pid: string) => get<SlaPolicyList>(`${base(pid)}/policies`);
export const createPolicy = (pid: string, body: SlaPolicyCreate, key: string) => post<SlaPolicy>(`${base(pid)}/policies`, body, key);
export const updatePolicy = (pid: string, id: string, body: SlaPolicyUpdate) => request<SlaPolicy>('PATCH', `${base(pid)}/policies/${encodeURIComponent(id)}`, { body });
export const deletePolicy = (pid: string, id: string) => request<{ deleted: true }>('DELETE', `${base(pid)}/policies/${encodeURIComponent(id)}`);
export const getSettings = (pid: string) => get<SlaSettings>(`${base(pid)}/settings`);
export const saveSettings = (pid: string, body: SlaSettingsUpdate) => request<SlaSettings>('PUT', `${base(pid)}/settings`, { body });
export const listClocks = (pid: string, subjectType: string, subjectId: string) =>
  get<{ items: SlaClock[] }>(`${base(pid)}/clocks${query({ subject_type: subjectType, subject_id: subjectId })}`);
export const getOverview = (pid: string, view: SlaView, ownerId?: string) => get<SlaOverview>(`${base(pid)}/overview${query({ view, owner_id: ownerId })}`);
export const listAlerts = (pid: string) => get<SlaAlertList>(`${base(pid)}/alerts`);
export const markAlertRead = (pid: string, id: string) => request<{ read: true }>('POST', `${base(pid)}/alerts/${encodeURIComponent(id)}/read`);
