// The surveys endpoints (issue 12): surveys, results, low scores, a member's invitations.
import { get, post, query, request } from './client.ts';
import type { paths } from './schema.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Base = '/v1/programs/{program_id}/surveys';
export type Survey = JsonBody<paths[`${Base}/{survey_id}`]['get']['responses'][200]>;
export type SurveyKind = Survey['kind'];
export type SurveyQuestion = Survey['questions'][number];
export type SurveyCreate = NonNullable<paths[Base]['post']['requestBody']>['content']['application/json'];
export type SurveyUpdate = NonNullable<paths[`${Base}/{survey_id}`]['patch']['requestBody']>['content']['application/json'];
export type SurveyResults = JsonBody<paths[`${Base}/{survey_id}/results`]['get']['responses'][200]>;
export type ResultGroup = SurveyResults['by_store'][number];
export type MemberSurvey = JsonBody<paths['/v1/programs/{program_id}/members/{member_id}/surveys']['get']['responses'][200]>['items'][number];

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/surveys`;

export const listSurveys = (pid: string) => get<{ items: Survey[] }>(base(pid));
export const getSurvey = (pid: string, id: string) => get<Survey>(`${base(pid)}/${id}`);
export const createSurvey = (pid: string, body: SurveyCreate, key: string) => post<Survey>(base(pid), body, key);
export const updateSurvey = (pid: string, id: string, body: SurveyUpdate) => request<Survey>('PATCH', `${base(pid)}/${id}`, { body });
export const surveyResults = (pid: string, id: string, q: { from?: string; to?: string } = {}) => get<SurveyResults>(`${base(pid)}/${id}/results${query(q)}`);
export const memberSurveys = (pid: string, memberId: string) =>
  get<{ items: MemberSurvey[] }>(`/v1/programs/${encodeURIComponent(pid)}/members/${encodeURIComponent(memberId)}/surveys`);
export type InviteResult = JsonBody<paths[`${Base}/{survey_id}/invitations`]['post']['responses'][200]>;
export const inviteSurvey = (pid: string, id: string, body: { segment_id?: string; member_ids?: string[] }, key: string) => post<InviteResult>(`${base(pid)}/${id}/invitations`, body, key);
