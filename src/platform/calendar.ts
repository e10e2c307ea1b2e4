import official from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, atLocal, localDate } from './time.ts';

// Working days in mainland China: weekends and the official holidays are off, and the
// make-up working days (调休) on weekends are on, as the State Council announces them each
// year. A deadline of "N working days" in the contracts (a data-rights request: 15; a
// complaint reply: 3, seed 003 §6) counts these.
//
// The official schedule is read from `chinese-days`' data by date string, never through
// its functions: those parse a date with the server's zone (the research notes the trap
// when the server is not in Asia/Shanghai); here a date is the program's local day.
// A year the package has no data for is UNKNOWN: it counts Monday–Friday but every answer
// that depends on it says `provisional` (issue 11), until an operator loads the year.

/** One day of a year's schedule in holiday-cn's layout: an official holiday (isOffDay) or a make-up working day. */
export interface OfficialDay { name: string; date: string; isOffDay: boolean }
export interface OfficialYear { year: number; days: OfficialDay[] }
export type YearStatus = 'official' | 'loaded' | 'unknown';

/** Opening hours of a day, local wall clock 'HH:MM', close after open. */
export interface Hours { open: string; close: string }
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type WeekHours = Record<Weekday, Hours | null>;
/** A program's own date: closed, or open (a working day) with its hours (null: the weekday's). */
export interface DateOverride { date: string; closed: boolean; hours: Hours | null; note: string | null }

export interface CalendarSpec {
  timeZone: string;
  hours?: WeekHours;
  overrides?: readonly DateOverride[];
  /** Years an operator loaded (holiday-cn layout), used only for years chinese-days does not know. */
  loaded?: readonly OfficialYear[];
}

export interface WorkCalendar {
  readonly timeZone: string;
  yearStatus(year: number): YearStatus;
  isWorkingDay(date: string): boolean;
  /** The local date N working days after an instant or local date, counted from the next day. */
  addWorkingDays(from: Date | string, n: number): { date: string; provisional: boolean; years: number[] };
  /** Working days after `a` up to and including `b` (local days of instants); negative when b is before a. */
  workingDaysBetween(a: Date | string, b: Date | string): { days: number; provisional: boolean; years: number[] };
  /** The opening hours of a local date, or null when closed. */
  hoursOn(date: string): Hours | null;
  /** The instant after `hours` of opening time from an instant, in the program's zone; null when the calendar opens too rarely to reach it within 800 days. */
  addWorkingHours(from: Date, hours: number): { at: Date | null; provisional: boolean; years: number[] };
  /** Opening time between two instants, in hours (0 when b is not after a): what a paused working-hours clock is given back. */
  workingHoursBetween(a: Date, b: Date): { hours: number; provisional: boolean; years: number[] };
}

type Data = Record<'holidays' | 'workdays', Record<string, string>>;
const DATA = official as unknown as Data;
/** The years chinese-days carries an official schedule for. */
export const OFFICIAL_YEARS: ReadonlySet<number> = new Set(Object.keys(DATA.holidays).map((d) => Number(d.slice(0, 4))));

/** Day of week of a local date, 0 = Monday. */
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
const isWeekend = (date: string) => weekdayOf(date) >= 5;

/** The official calendar, with a program's own hours, dates and loaded years. */
export function workCalendar(spec: CalendarSpec): WorkCalendar {
  const tz = spec.timeZone;
  const overrides = new Map((spec.overrides ?? []).map((o) => [o.date, o]));
  const loaded = new Map<number, Map<string, boolean>>();
  for (const y of spec.loaded ?? []) if (!OFFICIAL_YEARS.has(y.year)) loaded.set(y.year, new Map(y.days.map((d) => [d.date, d.isOffDay])));

  const yearStatus = (year: number): YearStatus => (OFFICIAL_YEARS.has(year) ? 'official' : loaded.has(year) ? 'loaded' : 'unknown');
  /** Off day / make-up working day / ordinary, by the official or loaded schedule. */
  function officialKind(date: string): 'off' | 'makeup' | 'plain' {
    const year = Number(date.slice(0, 4));
    if (OFFICIAL_YEARS.has(year)) return DATA.holidays[date] ? 'off' : DATA.workdays[date] ? 'makeup' : 'plain';
    const off = loaded.get(year)?.get(date);
    return off === undefined ? 'plain' : off ? 'off' : 'makeup';
  }
  function isWorkingDay(date: string): boolean {
    const o = overrides.get(date);
    if (o) return !o.closed;
    const k = officialKind(date);
    return k === 'makeup' || (k === 'plain' && !isWeekend(date));
  }
  const dateOf = (v: Date | string) => (typeof v === 'string' ? v : localDate(v, tz));
  const yearsOf = (dates: Iterable<string>) => {
    const unknown = new Set<number>();
    for (const d of dates) { const y = Number(d.slice(0, 4)); if (yearStatus(y) === 'unknown') unknown.add(y); }
    return [...unknown].sort();
  };

  function hoursOn(date: string): Hours | null {
    const o = overrides.get(date);
    if (o) return o.closed ? null : (o.hours ?? weekHours(date));
    const k = officialKind(date);
    if (k === 'off') return null;
    // a make-up working day on a weekend keeps the weekday hours (Monday's when the weekend has none)
    if (k === 'makeup') return weekHours(date) ?? spec.hours?.mon ?? null;
    return weekHours(date);
  }
  const weekHours = (date: string) => spec.hours?.[WEEKDAYS[weekdayOf(date)]!] ?? null;

  return {
    timeZone: tz,
    yearStatus,
    isWorkingDay,
    hoursOn,
    addWorkingDays(from, n) {
      let day = dateOf(from);
      const seen = [day];
      // the walk is bounded: no calendar has a year without working days
      for (let left = n, guard = 0; left > 0 && guard < 400 + n * 7; guard++) {
        day = addDays(day, 1);
        seen.push(day);
        if (isWorkingDay(day)) left--;
      }
      const years = yearsOf(seen.slice(1));
      return { date: day, provisional: years.length > 0, years };
    },
    workingDaysBetween(a, b) {
      const [x, y] = [dateOf(a), dateOf(b)];
      const [lo, hi, sign] = x <= y ? [x, y, 1] : [y, x, -1];
      const seen: string[] = [];
      let n = 0;
      for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) { seen.push(d); if (isWorkingDay(d)) n++; }
      const years = yearsOf(seen);
      return { days: n * sign, provisional: years.length > 0, years };
    },
    addWorkingHours(from, hours) {
      let left = Math.round(hours * 60);
      let day = localDate(from, tz);
      const seen: string[] = [];
      for (let guard = 0; guard < 800; guard++, day = addDays(day, 1)) {
        seen.push(day);
        const h = hoursOn(day);
        if (!h) continue;
        const open = atLocal(day, h.open, tz).getTime();
        const close = atLocal(day, h.close, tz).getTime();
        const start = Math.max(open, from.getTime());
        if (start >= close) continue;
        const avail = (close - start) / 60_000;
        if (left <= avail) {
          const years = yearsOf(seen);
          return { at: new Date(start + left * 60_000), provisional: years.length > 0, years };
        }
        left -= avail;
      }
      const years = yearsOf(seen);
      return { at: null, provisional: years.length > 0, years };
    },
    workingHoursBetween(a, b) {
      let minutes = 0;
      const seen: string[] = [];
      const last = localDate(b, tz);
      for (let day = localDate(a, tz); b > a && day <= last; day = addDays(day, 1)) {
        seen.push(day);
        const h = hoursOn(day);
        if (!h) continue;
        const start = Math.max(atLocal(day, h.open, tz).getTime(), a.getTime());
        const end = Math.min(atLocal(day, h.close, tz).getTime(), b.getTime());
        if (end > start) minutes += (end - start) / 60_000;
      }
      const years = yearsOf(seen);
      return { hours: minutes / 60, provisional: years.length > 0, years };
    },
  };
}

/** The official calendar alone (no program): what the CLI answers without --program. */
export const officialCalendar = (timeZone = 'Asia/Shanghai') => workCalendar({ timeZone });
