import { OFFICIAL_YEARS, workCalendar, type WeekHours, type WorkCalendar, type YearStatus } from '../../platform/calendar.ts';
import { ttlCache } from '../../platform/cache.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { notFound, validation, type Result } from '../../platform/errors.ts';
import { localDate } from '../../platform/time.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import type { ProgramService } from '../programs/index.ts';
import { CALENDAR_MESSAGES as M } from './calendar.errors.ts';
import * as repo from './calendar.repository.ts';
import type { TCalendar, TOverride, TOverrideIn, TYear, TYearIn } from './calendar.schema.ts';
import type { CalendarOverrideRow, CalendarYearRow } from './calendar.table.ts';

const NINE_TO_SIX = { open: '09:00', close: '18:00' };
/** Until a program sets its hours: Monday–Friday 09:00–18:00. */
const DEFAULT_HOURS: WeekHours = { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null, sun: null };

const toOverride = (r: CalendarOverrideRow): TOverride => ({
  date: r.date, closed: r.closed, hours: r.open_time && r.close_time ? { open: r.open_time, close: r.close_time } : null,
  note: r.note, created_by: r.created_by, created_at: r.created_at.toISOString(),
});
const toYear = (year: number, status: YearStatus, r?: CalendarYearRow): TYear => ({
  year, status, loaded_at: status === 'loaded' ? r?.loaded_at.toISOString() ?? null : null, loaded_by: status === 'loaded' ? r?.loaded_by ?? null : null,
  days: status === 'loaded' ? r?.days ?? [] : [],
});

export function calendarService(ctx: Ctx, deps: { programs: ProgramService }) {
  // every deadline computation reads it: kept a minute, cleared here on each change
  const cache = ttlCache<string, WorkCalendar>(ctx, { ttlMs: 60_000, max: 1_000 });
  // bumped by each forget: a read that began before a change (the old rows) is not cached after it
  let epoch = 0;
  const forget = (programId: string) => { epoch++; cache.delete(programId); };
  const timeZone = (programId: string) => deps.programs.timeZone(programId);

  /** The program's calendar tables, read once, and the calendar they make (remembered for calendarFor). */
  async function load(programId: string) {
    const began = epoch;
    const [tz, settings, overrides, years] = await Promise.all([
      timeZone(programId), repo.findSettings(ctx.db, programId), repo.overrides(ctx.db, programId), repo.years(ctx.db, programId),
    ]);
    const cal = workCalendar({
      timeZone: tz, hours: settings?.hours ?? DEFAULT_HOURS,
      overrides: overrides.map((o) => { const v = toOverride(o); return { date: v.date, closed: v.closed, hours: v.hours, note: v.note }; }),
      loaded: years.map((y) => ({ year: y.year, days: y.days })),
    });
    if (began === epoch) cache.set(programId, cal);
    return { cal, settings, overrides, years };
  }

  const service = {
    /**
     * The program's working-day calendar: official schedule, loaded years, its own dates and hours, in its zone.
     * `fresh`: read from the database, not this process's cache (which may be another instance's minute-old view).
     */
    async calendarFor(programId: string, opts: { fresh?: boolean } = {}): Promise<WorkCalendar> {
      return (opts.fresh ? undefined : cache.get(programId)) ?? (await load(programId)).cal;
    },
    /** Drops the cached calendar (a workflow, after its transaction committed). */
    forget,
    /**
     * In the caller's transaction, before a change whose effects it recomputes: a second change
     * to the program's calendar waits for the first to commit, so each re-dates on a calendar that
     * holds the other's change (two dates closed at once would otherwise each count without the other).
     */
    async lockForChange(programId: string): Promise<void> {
      assertTransaction(ctx.db);
      await repo.lockSettings(ctx.db, programId, DEFAULT_HOURS);
    },
    async get(programId: string, now = new Date()): Promise<TCalendar> {
      // the tables as they are now (the page shows who set what), read once: the calendar is made from the same rows
      const { cal, settings, overrides, years: loaded } = await load(programId);
      const thisYear = Number(localDate(now, cal.timeZone).slice(0, 4));
      const byYear = new Map(loaded.map((y) => [y.year, y]));
      const shown = [...new Set([thisYear, thisYear + 1, thisYear + 2, ...byYear.keys()])].sort();
      const years = shown.map((y) => toYear(y, cal.yearStatus(y), byYear.get(y)));
      return {
        time_zone: cal.timeZone, hours: settings?.hours ?? DEFAULT_HOURS, overrides: overrides.map(toOverride), years,
        provisional_years: years.filter((y) => y.status === 'unknown').map((y) => y.year),
      };
    },
    async setHours(programId: string, hours: WeekHours): Promise<TCalendar> {
      await repo.upsertHours(ctx.db, programId, hours);
      forget(programId);
      return service.get(programId);
    },
    async setOverride(programId: string, input: TOverrideIn, actor: Principal): Promise<TOverride> {
      const r = await repo.upsertOverride(ctx.db, programId, {
        date: input.date, closed: input.closed, open_time: input.hours?.open ?? null, close_time: input.hours?.close ?? null,
        note: input.note ?? null, created_by: actor.keyId,
      });
      forget(programId);
      return toOverride(r);
    },
    async removeOverride(programId: string, date: string): Promise<Result<TOverride>> {
      const r = await repo.deleteOverride(ctx.db, programId, date);
      forget(programId);
      return r ? toOverride(r) : notFound('calendar override', 'date');
    },
    /** Checks a year's file (holiday-cn layout) and stores it; the caller recomputes what depended on it. */
    async loadYear(programId: string, year: number, input: TYearIn, actor: Principal): Promise<Result<TYear>> {
      if (input.year !== year) return validation('year', M.year_mismatch({ year: input.year }));
      if (OFFICIAL_YEARS.has(year)) return validation('year', M.year_official({ year }));
      const seen = new Set<string>();
      for (const [i, d] of input.days.entries()) {
        if (!d.date.startsWith(`${year}-`)) return validation(`days.${i}.date`, M.date_outside_year({ year }));
        if (seen.has(d.date)) return validation(`days.${i}.date`, M.duplicate_date({ date: d.date }));
        seen.add(d.date);
      }
      const days = input.days.map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay })).sort((a, b) => a.date.localeCompare(b.date));
      const row = await repo.upsertYear(ctx.db, programId, year, days, actor.keyId);
      forget(programId);
      return toYear(year, 'loaded', row);
    },
  };
  return service;
}
export type CalendarService = ReturnType<typeof calendarService>;
