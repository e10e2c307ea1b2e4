import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { TMoved, TYear, TYearIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';

/**
 * Loads a year's official schedule for a program (issue 11) and recomputes the deadlines
 * that were provisional, in one transaction (a failure leaves both as they were): each
 * data-rights request keeps its count of working days (read back on the calendar it was
 * computed with) and gets the date that count gives now. Two loads at once: the second
 * waits on the first's year row, then finds no provisional deadline left to move.
 */
export async function loadCalendarYear(s: Modules, programId: string, year: number, input: TYearIn, actor: Principal): Promise<Result<{ year: TYear; moved: TMoved[] }>> {
  const r = await inTransaction(s.ctx.db, async () => {
    const before = await s.calendar.calendarFor(programId);
    const loaded = await s.calendar.loadYear(programId, year, input, actor);
    if (isFailure(loaded)) return loaded;
    const after = await s.calendar.calendarFor(programId);
    const moved = await s.rights.redateProvisional(programId, (row) => after.addWorkingDays(row.received_at, before.workingDaysBetween(row.received_at, row.due_on).days));
    return { year: loaded, moved };
  });
  // a reader between the load and its commit may have cached the old calendar
  s.calendar.forget(programId);
  return r;
}
