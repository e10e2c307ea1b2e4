// Staff accounts, console sign-in and the role matrix: the shapes (aliases of the generated
// schema) and the calls.
import { get, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type Staff = Schemas['Staff'];
export type StaffCreate = Schemas['StaffCreateInput'];
export type StaffCreated = Schemas['StaffCreated'];
export type StaffUpdate = Schemas['StaffUpdateInput'];
export type SignInBody = Schemas['SignInInput'];
export type SignedIn = Schemas['SignedIn'];
export type RoleMatrix = Schemas['RoleMatrix'];
export type StaffRole = Staff['role'];

export const signInWithPassword = (body: SignInBody) => request<SignedIn>('POST', '/v1/auth/sign-in', { body, signingIn: true });
export const signOutSession = () => request<void>('POST', '/v1/auth/sign-out', { body: {} });
export const changePassword = (current_password: string, new_password: string) =>
  request<Staff>('POST', '/v1/auth/password', { body: { current_password, new_password } });

const staffPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/staff`;
export const listStaff = (pid: string) => get<{ items: Staff[] }>(staffPath(pid));
export const createStaff = (pid: string, body: StaffCreate) => request<StaffCreated>('POST', staffPath(pid), { body });
export const updateStaff = (pid: string, id: string, body: StaffUpdate) => request<Staff>('PATCH', `${staffPath(pid)}/${id}`, { body });
export const resetStaffPassword = (pid: string, id: string) => request<{ temporary_password: string }>('POST', `${staffPath(pid)}/${id}/reset-password`, { body: {} });
export const unlockStaff = (pid: string, id: string) => request<Staff>('POST', `${staffPath(pid)}/${id}/unlock`, { body: {} });
export const getRoleMatrix = (pid: string) => get<RoleMatrix>(`/v1/programs/${encodeURIComponent(pid)}/roles`);

// Stores and API keys (the settings screen)
export type Store = Schemas['Store'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
export const createStore = (pid: string, body: Schemas['StoreCreateInput']) => request<Store>('POST', `${programPath(pid)}/stores`, { body });
export const updateStore = (pid: string, id: string, body: Schemas['StoreUpdateInput']) => request<Store>('PATCH', `${programPath(pid)}/stores/${id}`, { body });
export const listApiKeys = (pid: string) => get<{ items: ApiKey[] }>(`${programPath(pid)}/api-keys`);
export const createApiKey = (pid: string, body: Schemas['ApiKeyCreateInput']) => request<ApiKeyCreated>('POST', `${programPath(pid)}/api-keys`, { body });
export const revokeApiKey = (pid: string, id: string) => request<void>('DELETE', `${programPath(pid)}/api-keys/${id}`);

export const ownAccount = () => get<Staff>('/v1/auth/account');
export const startTotp = () => request<Schemas['TotpEnrolment']>('POST', '/v1/auth/totp', { body: {} });
export const confirmTotp = (totp: string) => request<Staff>('POST', '/v1/auth/totp/confirm', { body: { totp } });
export const disableTotp = (password: string) => request<Staff>('POST', '/v1/auth/totp/disable', { body: { password } });
