// The suggestions endpoints (issue 12), kept apart from endpoints.ts so these screens stand alone.
import { get, post, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type Suggestion = Schemas['Suggestion'];
export type SuggestionDetail = Schemas['SuggestionDetail'];
export type SuggestionStatus = Suggestion['status'];
export type SuggestionChannel = Suggestion['channel'];
export type SuggestionCategory = Schemas['SuggestionCategory'];
export type SuggestionCreate = Schemas['SuggestionCreateInput'];
export type SuggestionSummary = Schemas['SuggestionSummary'];
export type MemberSuggestions = Schemas['MemberSuggestions'];

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const one = (pid: string, id: string) => `${programPath(pid)}/suggestions/${encodeURIComponent(id)}`;

export interface SuggestionFilter { status?: SuggestionStatus | undefined; category_id?: string | undefined; store_id?: string | undefined; q?: string | undefined; cursor?: string | undefined }
export const listSuggestions = (pid: string, f: SuggestionFilter, limit = 50) =>
  get<Schemas['SuggestionPage']>(`${programPath(pid)}/suggestions${query({ ...f, limit })}`);
export const suggestionSummary = (pid: string) => get<SuggestionSummary>(`${programPath(pid)}/suggestion-summary`);
export const getSuggestion = (pid: string, id: string) => get<SuggestionDetail>(one(pid, id));
export const submitSuggestion = (pid: string, body: SuggestionCreate, key: string) => post<Suggestion>(`${programPath(pid)}/suggestions`, body, key);
export const reviewSuggestion = (pid: string, id: string, key: string) => post<Suggestion>(`${one(pid, id)}/review`, {}, key);
export const adoptSuggestion = (pid: string, id: string, body: { note?: string }, key: string) => post<Suggestion>(`${one(pid, id)}/adopt`, body, key);
export const declineSuggestion = (pid: string, id: string, reason: string, key: string) => post<Suggestion>(`${one(pid, id)}/decline`, { reason }, key);
export const mergeSuggestion = (pid: string, id: string, targetId: string, key: string) => post<Suggestion>(`${one(pid, id)}/merge`, { target_id: targetId }, key);
export const supportSuggestion = (pid: string, id: string, memberId: string, key: string) => post<Suggestion & { added: boolean }>(`${one(pid, id)}/supporters`, { member_id: memberId }, key);
export const memberSuggestions = (pid: string, memberId: string) => get<MemberSuggestions>(`${programPath(pid)}/members/${encodeURIComponent(memberId)}/suggestions`);

export const listCategories = (pid: string) => get<{ items: SuggestionCategory[] }>(`${programPath(pid)}/suggestion-categories`);
export const createCategory = (pid: string, name: string, key: string) => post<SuggestionCategory>(`${programPath(pid)}/suggestion-categories`, { name }, key);
export const updateCategory = (pid: string, id: string, body: { name?: string; active?: boolean }) =>
  request<SuggestionCategory>('PATCH', `${programPath(pid)}/suggestion-categories/${encodeURIComponent(id)}`, { body });
