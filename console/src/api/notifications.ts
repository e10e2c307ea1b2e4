// The notification endpoints: templates per event, channel and language, the preview, the message log, resend.
import { get, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type NotificationTemplate = Schemas['NotificationTemplate'];
export type TemplateCreate = Schemas['NotificationTemplateCreateInput'];
export type TemplateUpdate = Schemas['NotificationTemplateUpdateInput'];
export type TemplateList = Schemas['NotificationTemplateList'];
export type NotificationMessage = Schemas['NotificationMessage'];
export type MessagePage = Schemas['NotificationMessagePage'];
export type Channel = NotificationTemplate['channel'];
export type MessageStatus = NotificationMessage['status'];

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/notifications`;

export const listTemplates = (pid: string) => get<TemplateList>(`${base(pid)}/templates`);
export const createTemplate = (pid: string, body: TemplateCreate) => request<NotificationTemplate>('POST', `${base(pid)}/templates`, { body });
export const updateTemplate = (pid: string, id: string, body: TemplateUpdate) => request<NotificationTemplate>('PATCH', `${base(pid)}/templates/${encodeURIComponent(id)}`, { body });
export const previewTemplate = (pid: string, body: { key: string; subject: string; body: string }) =>
  request<Schemas['NotificationPreview']>('POST', `${base(pid)}/templates/preview`, { body });
export const listMessages = (pid: string, q: { member_id?: string; status?: string; channel?: string; limit?: number; cursor?: string }) =>
  get<MessagePage>(`${base(pid)}/messages${query(q)}`);
export const memberMessages = (pid: string, mid: string) => get<MessagePage>(`/v1/programs/${encodeURIComponent(pid)}/members/${encodeURIComponent(mid)}/messages${query({ limit: 50 })}`);
export const resendMessage = (pid: string, id: string) => request<NotificationMessage>('POST', `${base(pid)}/messages/${encodeURIComponent(id)}/resend`, {});
