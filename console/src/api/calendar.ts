// The working-day calendar endpoints (issue 11).
import { get, post, query, request } from './client.ts';
import type { paths } from './schema.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Base = '/v1/programs/{program_id}/calendar';
export type Calendar = JsonBody<paths[Base]['get']['responses'][200]>;
export type WeekHours = Calendar['hours'];
export type Hours = NonNullable<WeekHours['mon']>;
export type CalendarOverride = Calendar['overrides'][number];
export type CalendarYear = Calendar['years'][number];
export type YearLoaded = JsonBody<paths[`${Base}/years/{year}`]['post']['responses'][200]>;
export type DateCheck = JsonBody<paths[`${Base}/check`]['get']['responses'][200]>;
export type OfficialDay = YearLoaded['year']['days'][number];
/** A date set or removed: the date, and the deadlines it moved. */
export type OverrideChanged = JsonBody<paths[`${Base}/overrides`]['post']['responses'][201]>;
/** New opening hours: the calendar, and the working-hours clocks they moved. */
export type HoursChanged = JsonBody<paths[`${Base}/hours`]['put']['responses'][200]>;
export type RequestMoved = YearLoaded['moved'][number];
export type ClockMoved = YearLoaded['clocks_moved'][number];

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/calendar`;

export const getCalendar = (pid: string) => get<Calendar>(base(pid));
export const saveHours = (pid: string, hours: WeekHours) => request<HoursChanged>('PUT', `${base(pid)}/hours`, { body: hours });
export const addOverride = (pid: string, body: { date: string; closed: boolean; hours?: Hours | null; note?: string }, key: string) =>
  post<OverrideChanged>(`${base(pid)}/overrides`, body, key);
export const removeOverride = (pid: string, date: string) => request<OverrideChanged>('DELETE', `${base(pid)}/overrides/${date}`);
export const loadYear = (pid: string, year: number, body: unknown, key: string) => post<YearLoaded>(`${base(pid)}/years/${year}`, body, key);
export const checkDate = (pid: string, date: string, add?: number) => get<DateCheck>(`${base(pid)}/check${query({ date, add })}`);
