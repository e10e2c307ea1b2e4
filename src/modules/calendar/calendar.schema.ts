import { z } from 'zod';
import { WEEKDAYS } from '../../platform/calendar.ts';
import { zDate, zDateTime, zProgramParams, zText } from '../../platform/schema.ts';
import { CALENDAR_MESSAGES as M } from './calendar.errors.ts';

const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: M.time.key });
export const ZHours = z.strictObject({ open: zTime, close: zTime })
  .refine((h) => h.close > h.open, { message: M.close_after_open.key, path: ['close'] })
  .describe('Opening hours of a day, local wall clock');
export const ZWeekHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, ZHours.nullable()])) as Record<(typeof WEEKDAYS)[number], z.ZodNullable<typeof ZHours>>)
  .describe('Opening hours per weekday (mon … sun), null: closed');

export const ZOverrideIn = z.strictObject({
  date: zDate.describe('Local date'),
  closed: z.boolean().describe('true: closed whatever the official calendar says; false: open, a working day'),
  hours: ZHours.nullable().optional().describe('Open: its hours (omitted: the weekday\'s)'),
  note: zText(200).optional(),
}).refine((o) => !o.closed || !o.hours, { message: M.closed_no_hours.key, path: ['hours'] });
export const ZOverride = z.object({ date: z.string(), closed: z.boolean(), hours: ZHours.nullable(), note: z.string().nullable(), created_by: z.string(), created_at: z.string() });

export const ZOfficialDay = z.object({ name: zText(50), date: zDate, isOffDay: z.boolean().describe('true: an official holiday; false: a weekend day made a working day (调休)') });
/** holiday-cn's file layout (its $schema, $id and papers are accepted and ignored). */
export const ZYearIn = z.object({
  year: z.number().int().min(2000).max(2199),
  days: z.array(ZOfficialDay).max(366),
  papers: z.array(z.string()).optional(),
}).describe('A year\'s official schedule in holiday-cn\'s JSON layout: {"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true},…]}');

export const ZYearStatus = z.enum(['official', 'loaded', 'unknown']);
export const ZYear = z.object({
  year: z.number().int(), status: ZYearStatus,
  loaded_at: z.string().nullable(), loaded_by: z.string().nullable(),
  days: z.array(ZOfficialDay).describe('Loaded years: the file\'s days; official years: empty'),
});
export const ZCalendar = z.object({
  time_zone: z.string(),
  hours: ZWeekHours,
  overrides: z.array(ZOverride),
  years: z.array(ZYear).describe('This year and the next two, and any loaded year'),
  provisional_years: z.array(z.number().int()).describe('Years among those without an official schedule: deadlines in them are provisional'),
});
export const ZMoved = z.object({
  id: z.string(), kind: z.string().describe('The data-rights request\'s kind (access, copy, correction, deletion, …)'),
  member_no: z.string().nullable().describe('The member\'s number, for the operator to find the request'),
  old_due_on: z.string(), new_due_on: z.string(), provisional: z.boolean(),
});
export const ZClockMoved = z.object({
  id: z.string(), subject_type: z.string(), subject_id: z.string(),
  subject_label: z.string().nullable().describe('A case\'s number or a suggestion\'s title'),
  metric: z.string(), old_due_at: z.string(), new_due_at: z.string(), provisional: z.boolean(),
  breached_at: z.string().nullable().describe('The clock had already breached: the breach stays on record, the due time shown is the new one'),
});
export const ZYearLoaded = z.object({
  year: ZYear,
  moved: z.array(ZMoved).describe('Data-rights requests whose provisional due date was recomputed, and where it moved'),
  clocks_moved: z.array(ZClockMoved).describe('Service-desk SLA clocks whose provisional due time was recomputed, and where it moved'),
});

const zMovedList = z.array(ZMoved).describe('Open data-rights requests whose due date the change moved (each keeps its count of working days)');
const zClocksMovedList = z.array(ZClockMoved).describe('Open service-desk SLA clocks in working days or working hours whose due time the change moved');
/** A date set or removed: the date as before, and the deadlines it moved. */
export const ZOverrideChanged = ZOverride.extend({ moved: zMovedList, clocks_moved: zClocksMovedList });
/** New opening hours: the calendar as before, and the working-hours clocks they moved (hours make no day a working day, so no request moves). */
export const ZHoursChanged = ZCalendar.extend({ clocks_moved: zClocksMovedList });

export const ZCheckQuery = z.strictObject({
  date: zDate.describe('Local date'),
  add: z.coerce.number().int().min(0).max(366).optional().describe('Working days to add, counted from the next day'),
  at: zDateTime.optional().describe('With add_hours: the instant to count opening hours from (default: the start of date)'),
  add_hours: z.coerce.number().min(0).max(2000).optional().describe('Opening hours to add (the program\'s hours, its dates, the official holidays)'),
});
export const ZCheck = z.object({
  date: z.string(), working: z.boolean(), provisional: z.boolean().describe('The answer depends on a year without an official schedule'),
  hours: ZHours.nullable(),
  added: z.object({ n: z.number().int(), date: z.string(), provisional: z.boolean(), years: z.array(z.number().int()) }).nullable(),
  added_hours: z.object({ hours: z.number(), from: z.string(), at: z.string(), provisional: z.boolean(), years: z.array(z.number().int()) }).nullable(),
});

export const zCalendarParams = zProgramParams;
export const zOverrideParams = zProgramParams.extend({ date: zDate });
export const zYearParams = zProgramParams.extend({ year: z.coerce.number().int().min(2000).max(2199) });

export type TCalendar = z.infer<typeof ZCalendar>;
export type TYear = z.infer<typeof ZYear>;
export type TOverride = z.infer<typeof ZOverride>;
export type TOverrideIn = z.infer<typeof ZOverrideIn>;
export type TYearIn = z.infer<typeof ZYearIn>;
export type TMoved = z.infer<typeof ZMoved>;
export type TClockMoved = z.infer<typeof ZClockMoved>;
