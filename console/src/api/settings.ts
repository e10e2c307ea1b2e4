// The program's own set-up: stores and the API keys machines use (program settings are in endpoints.ts).
import { request } from './client.ts';
import type { Schemas } from './types.ts';

export interface StoreInput { code: string; name: string; address?: string | null }
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
export interface ApiKeyInput { name: string; role: 'admin' | 'pos'; store_id?: string | null }

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;

export const createStore = (pid: string, body: StoreInput) => request<Schemas['Store']>('POST', `${programPath(pid)}/stores`, { body });
export const updateStore = (pid: string, id: string, body: Partial<StoreInput>) =>
  request<Schemas['Store']>('PATCH', `${programPath(pid)}/stores/${encodeURIComponent(id)}`, { body });
export const listApiKeys = (pid: string) => request<{ items: ApiKey[] }>('GET', `${programPath(pid)}/api-keys`);
export const createApiKey = (pid: string, body: ApiKeyInput) => request<ApiKeyCreated>('POST', `${programPath(pid)}/api-keys`, { body });
export const revokeApiKey = (pid: string, id: string) => request<void>('DELETE', `${programPath(pid)}/api-keys/${encodeURIComponent(id)}`);
