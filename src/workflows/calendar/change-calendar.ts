import type { WeekHours, WorkCalendar } from '../../platform/calendar.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, unwrap, type Result } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { TCalendar, TClockMoved, TMoved, TOverride, TOverrideIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';
import { nameSubjects } from '../sla-overview.ts';

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
// Changes to one program's calendar queue on a lock (calendar.lockForChange), and the
// calendars before and after are read from the database, not the per-process cache (another
// instance's may be a minute old): each change re-dates on a calendar holding every earlier
// one. The cache is cleared in the change's transaction and again after the commit (a reader
// that read the old rows meanwhile must not keep them).

type Moved = { moved: TMoved[]; clocks_moved: TClockMoved[] };

/** What moved, named for the operator: a request by its member's number, a clock by its case number or suggestion title. */
export async function namedMoves(
  s: Modules, programId: string,
  requests: (Omit<TMoved, 'member_no'> & { member_id: string })[], clocks: Omit<TClockMoved, 'subject_label'>[],
): Promise<Moved> {
  const members = await s.members.contacts(programId, [...new Set(requests.map((r) => r.member_id))]);
  return {
    moved: requests.map(({ member_id: id, ...r }) => ({ ...r, member_no: members.get(id)?.memberNo ?? null })),
    clocks_moved: await nameSubjects(s, programId, clocks),
  };
}
const WORKING = ['working_days', 'working_hours'] as const;

/** A request's new date: the working days it was given on `before`, counted again on `after`. */
export const byCount = (before: WorkCalendar, after: WorkCalendar) => (row: { received_at: Date; due_on: string }) =>
  after.addWorkingDays(row.received_at, before.workingDaysBetween(row.received_at, row.due_on).days);

/**
 * Runs `change` in a transaction with the program's calendar locked, handing `then` the
 * calendars before and after it, read from the database; clears the cache after the commit.
 */
export async function changingCalendar<T, U>(
  s: Modules, programId: string, change: () => Promise<Result<T>>, then: (changed: T, before: WorkCalendar, after: WorkCalendar) => Promise<U>,
): Promise<Result<U>> {
  try {
    return await inTransaction(s.ctx.db, async () => {
      await s.calendar.lockForChange(programId);
      const before = await s.calendar.calendarFor(programId, { fresh: true });
      const changed = await change();
      if (isFailure(changed)) return changed;
      return then(changed, before, await s.calendar.calendarFor(programId, { fresh: true }));
    });
  } finally {
    s.calendar.forget(programId);
  }
}

const changingDate = <T>(s: Modules, programId: string, date: string, change: () => Promise<Result<T>>): Promise<Result<T & Moved>> =>
  changingCalendar(s, programId, change, async (changed, before, after) => ({
    ...changed,
    ...await namedMoves(s, programId, await s.rights.redate(programId, { date }, byCount(before, after)), await s.sla.redate(programId, { units: WORKING, date }, after)),
  }));

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
  const r = await changingCalendar(s, programId, () => s.calendar.setHours(programId, hours), async (calendar, _before, after) => ({
    ...calendar, clocks_moved: (await namedMoves(s, programId, [], await s.sla.redate(programId, { units: ['working_hours'] }, after))).clocks_moved,
  }));
  return unwrap(r); // setting hours has no failure
}
