import chineseDays from 'chinese-days';
import { addDays, localDate } from './time.ts';

// Working days in mainland China: weekends and the official holidays are off, and the
// make-up working days (调休) on weekends are on, as the State Council announces them each
// year (the `chinese-days` package carries them). A deadline of "N working days" in the
// contracts (a data-rights request: 15; a complaint reply: 3, seed 003 §6) counts these.
// Years the package does not know yet count Monday–Friday. A program may add its own
// dates (a company closure, a local holiday) through `overrides`.

export interface CalendarOverrides {
  /** Local dates that are not working days whatever the official calendar says. */
  holidays?: readonly string[];
  /** Local dates that are working days whatever the official calendar says. */
  workdays?: readonly string[];
}

/** Whether a local date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, overrides: CalendarOverrides = {}): boolean {
  if (overrides.holidays?.includes(date)) return false;
  if (overrides.workdays?.includes(date)) return true;
  return chineseDays.isWorkday(date);
}

/**
 * The local date N working days after an instant, in the program's zone: the day of
 * receipt does not count (a request received on a Friday evening or on a holiday starts
 * counting on the next working day), the Nth working day after it is the deadline.
 */
export function addWorkingDays(from: Date | string, n: number, timeZone: string, overrides: CalendarOverrides = {}): string {
  let day = typeof from === 'string' ? from : localDate(from, timeZone);
  let left = n;
  // 400 days bounds the walk: no real calendar has a year without working days
  for (let guard = 0; left > 0 && guard < 400 + n * 7; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, overrides)) left--;
  }
  return day;
}

/** Working days from one local date (exclusive) to another (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides = {}): number {
  const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, overrides)) n++;
  return n * sign;
}
