import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import type { TMoved, TYear, TYearIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';

/**
 * Loads a year's official schedule for a program (issue 11) and recomputes the deadlines
 * that were provisional: each data-rights request keeps its count of working days (read
 * back on the calendar it was computed with) and gets the date that count gives now.
 */
export async function loadCalendarYear(s: Modules, programId: string, year: number, input: TYearIn, actor: Principal): Promise<Result<{ year: TYear; moved: TMoved[] }>> {
  const before = await s.calendar.calendarFor(programId);
  const loaded = await s.calendar.loadYear(programId, year, input, actor);
  if (isFailure(loaded)) return loaded;
  const after = await s.calendar.calendarFor(programId);
  const moved = await s.rights.redateProvisional(programId, (r) => {
    const n = before.workingDaysBetween(r.received_at, r.due_on).days;
    return after.addWorkingDays(r.received_at, n);
  });
  return { year: loaded, moved };
}
