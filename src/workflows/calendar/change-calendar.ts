import type { WeekHours, WorkCalendar } from '../../platform/calendar.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { TCalendar, TClockMoved, TMoved, TOverride, TOverrideIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';

// An operator changes the program's working calendar (issue 11): a date of its own closed or
// opened, or removed, or new opening hours. The deadlines already counted on the old calendar
// are counted again on the new one, in the change's transaction (a failure leaves all as it
// was), and the answer names the ones that moved, as a loaded year does (load-calendar-year.ts).
//
// - SLA clocks in working days or working hours: recomputed from start, target and pauses.
//   For a date, only the clocks whose span (start to due time, or a pause) holds it: a calendar
//   change is rare but locks the clocks it reads, and the desk works on the others meanwhile.
//   Calendar-hours clocks never move. Opening hours do not make a working day (a day count
//   ignores them, platform/calendar.ts), so new hours move working-hours clocks only.
// - Data-rights requests: their deadline is the program's own commitment counted in working
//   days on its calendar, its own dates included (PIPL sets no number of days: rights.service.ts,
//   DEFAULT_DEADLINE), so a request received the same day as another must not get a different
//   date because it came before the change. An open request keeps its count of working days and
//   gets the date that count gives now; a closed one keeps its date. Hours never move them.
//
// The calendar is cached per process for a minute: the change clears it in its transaction,
// and again after the commit (a reader that read the old rows meanwhile must not keep them).

type Moved = { moved: TMoved[]; clocks_moved: TClockMoved[] };
const WORKING = ['working_days', 'working_hours'] as const;

/** A request's new date: the working days it was given on `before`, counted again on `after`. */
export const byCount = (before: WorkCalendar, after: WorkCalendar) => (row: { received_at: Date; due_on: string }) =>
  after.addWorkingDays(row.received_at, before.workingDaysBetween(row.received_at, row.due_on).days);

async function changingDate<T>(s: Modules, programId: string, date: string, change: () => Promise<Result<T>>): Promise<Result<T & Moved>> {
  try {
    return await inTransaction(s.ctx.db, async () => {
      const before = await s.calendar.calendarFor(programId);
      const changed = await change();
      if (isFailure(changed)) return changed;
      const after = await s.calendar.calendarFor(programId);
      const moved = await s.rights.redate(programId, { date }, byCount(before, after));
      const clocks = await s.sla.redate(programId, { units: WORKING, date });
      return { ...changed, moved, clocks_moved: clocks };
    });
  } finally {
    s.calendar.forget(programId);
  }
}

/** Closes a date, or opens it (with its hours), replacing that date's earlier one; re-dates what it touches. */
export function setCalendarOverride(s: Modules, programId: string, input: TOverrideIn, actor: Principal): Promise<Result<TOverride & Moved>> {
  return changingDate(s, programId, input.date, () => s.calendar.setOverride(programId, input, actor));
}

/** Removes a date of the program's own (the official calendar applies to it again); re-dates what it touches. */
export function removeCalendarOverride(s: Modules, programId: string, date: string): Promise<Result<TOverride & Moved>> {
  return changingDate(s, programId, date, () => s.calendar.removeOverride(programId, date));
}

/** New opening hours per weekday; re-dates the open working-hours clocks. */
export async function setCalendarHours(s: Modules, programId: string, hours: WeekHours): Promise<TCalendar & Pick<Moved, 'clocks_moved'>> {
  try {
    return await inTransaction(s.ctx.db, async () => {
      const calendar = await s.calendar.setHours(programId, hours);
      return { ...calendar, clocks_moved: await s.sla.redate(programId, { units: ['working_hours'] }) };
    });
  } finally {
    s.calendar.forget(programId);
  }
}
