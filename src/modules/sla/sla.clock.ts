import type { WorkCalendar } from '../../platform/calendar.ts';
import { addDays, atLocal, localDate, localDateTime as localTime, startOfDay, wallClock } from '../../platform/time.ts';
import type { Unit } from './sla.table.ts';

// A clock's due time, its warning time and the explanation of both, from its start, its
// target in its own unit and the spans it was paused. Pure: the service reads the rows and
// the program's calendar, this computes.
//
// - calendar_hours: start + target hours + the paused time.
// - working_hours: the opening hours of the program's calendar; a pause gives back the opening
//   time inside it (a pause over a night or a holiday gives back nothing).
// - working_days: the END of the Nth working day counted from the next local day (the
//   calendar module's rule), 23:59:59 local — not the end of opening hours: the contracts count
//   days ("3个工作日内"), and a member who writes at 19:00 on the last day is still in time.
//   A pause gives back the working days after its first day up to and including the day it
//   ended (workingDaysBetween), so a pause over the Spring Festival costs the make-up working
//   days in it, not the calendar days.
// - the warning: at warn_percent of the clock's own measure (of the hours; for days at the
//   end of working day ⌊N × share⌋, day 0 being the start day).

export interface Span { from: Date; to: Date }
export interface Due { due_at: Date; warn_at: Date; due_on: string | null; provisional: boolean; given_back: number[] }

const HOUR = 3_600_000;
/** 23:59:59 local on a date. */
const endOfDay = (date: string, tz: string) => new Date(startOfDay(addDays(date, 1), tz).getTime() - 1000);

export function computeDue(cal: WorkCalendar, unit: Unit, target: number, warnPercent: number, startedAt: Date, pauses: readonly Span[]): Due {
  const share = warnPercent / 100;
  if (unit === 'calendar_hours') {
    const given = pauses.map((p) => (p.to.getTime() - p.from.getTime()) / HOUR);
    const back = given.reduce((a, b) => a + b, 0) * HOUR;
    return { due_at: new Date(startedAt.getTime() + target * HOUR + back), warn_at: new Date(startedAt.getTime() + target * share * HOUR + back), due_on: null, provisional: false, given_back: given };
  }
  if (unit === 'working_hours') {
    const spans = pauses.map((p) => cal.workingHoursBetween(p.from, p.to));
    const back = spans.reduce((a, s) => a + s.hours, 0);
    const due = cal.addWorkingHours(startedAt, target + back);
    const warn = cal.addWorkingHours(startedAt, target * share + back);
    // a calendar with no opening hours at all: counted as calendar hours, flagged provisional
    const dueAt = due.at ?? new Date(startedAt.getTime() + (target + back) * HOUR);
    const warnAt = warn.at ?? new Date(startedAt.getTime() + (target * share + back) * HOUR);
    const provisional = due.provisional || !due.at || spans.some((s) => s.provisional);
    return { due_at: dueAt, warn_at: warnAt, due_on: null, provisional, given_back: spans.map((s) => s.hours) };
  }
  const spans = pauses.map((p) => cal.workingDaysBetween(p.from, p.to));
  const back = spans.reduce((a, s) => a + Math.max(0, s.days), 0);
  const due = cal.addWorkingDays(startedAt, target + back);
  const warnDays = Math.floor(target * share);
  const warnOn = warnDays === 0 ? localDate(startedAt, cal.timeZone) : cal.addWorkingDays(startedAt, warnDays + back).date;
  return {
    due_at: endOfDay(due.date, cal.timeZone), warn_at: endOfDay(warnOn, cal.timeZone), due_on: due.date,
    provisional: due.provisional || spans.some((s) => s.provisional), given_back: spans.map((s) => Math.max(0, s.days)),
  };
}

const UNIT_TEXT: Record<Unit, { zh: string; en: string }> = {
  calendar_hours: { zh: '小时', en: 'hours' },
  working_hours: { zh: '工作小时', en: 'working hours' },
  working_days: { zh: '个工作日', en: 'working days' },
};
export const unitLabel = (unit: Unit, n: number) => ({ zh: `${n} ${UNIT_TEXT[unit].zh}`, en: `${n} ${UNIT_TEXT[unit].en}` });
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * "due 3 working days after 2026-01-28 10:00, + 2 working days paused 02-01..02-03 →
 * 2026-02-04 23:59" in both languages; a pause still open says so.
 */
export function explain(tz: string, unit: Unit, target: number, startedAt: Date, pauses: readonly { from: Date; to: Date | null }[], givenBack: readonly number[], due: Date, provisional: boolean) {
  const short = (d: Date) => localTime(d, tz).slice(5, 10);
  const zh = [`自 ${localTime(startedAt, tz)} 起 ${unitLabel(unit, target).zh}`];
  const en = [`due ${unitLabel(unit, target).en} after ${localTime(startedAt, tz)}`];
  pauses.forEach((p, i) => {
    if (p.to === null) {
      zh.push(`自 ${localTime(p.from, tz)} 起暂停中（恢复后顺延）`);
      en.push(`paused since ${localTime(p.from, tz)} (moves on when resumed)`);
      return;
    }
    const n = round(givenBack[i] ?? 0);
    zh.push(`暂停 ${short(p.from)}..${short(p.to)} 顺延 ${unitLabel(unit, n).zh}`);
    en.push(`+ ${unitLabel(unit, n).en} paused ${short(p.from)}..${short(p.to)}`);
  });
  const flag = provisional ? { zh: '（暂定：涉及尚无官方节假日安排的年份）', en: ' (provisional: a year without an official schedule)' } : { zh: '', en: '' };
  return { zh: `${zh.join('，')} → ${localTime(due, tz)} 到期${flag.zh}`, en: `${en.join(', ')} → ${localTime(due, tz)}${flag.en}` };
}

export interface Quiet { start: string; end: string }
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When an alert raised at `at` reaches staff: at once, or at the end of the quiet hours it
 * falls in (a Zammad complaint: escalation mail at midnight). The end is a wall-clock time on
 * the program's day, found as that (atLocal), so 08:00 stays 08:00 on a night the clocks change.
 */
export function deliverAt(at: Date, tz: string, quiet: Quiet | null): Date {
  if (!quiet) return at;
  const wall = wallClock(at, tz);
  const now = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  const [s, e] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  const inQuiet = s < e ? now >= s && now < e : now >= s || now < e;
  if (!inQuiet) return at;
  const today = localDate(at, tz);
  // past midnight-wrapping start (23:30 of 22:00–08:00): the end is tomorrow morning
  const endDate = s > e && now >= s ? addDays(today, 1) : today;
  return atLocal(endDate, quiet.end, tz);
}
