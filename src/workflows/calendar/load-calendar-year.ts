import type { Principal } from '../../platform/context.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { TClockMoved, TMoved, TYear, TYearIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';
import { byCount } from './change-calendar.ts';

/**
 * Loads a year's official schedule for a program (issue 11) and recomputes the deadlines
 * that were provisional, in one transaction (a failure leaves both as they were): each
 * data-rights request keeps its count of working days (read back on the calendar it was
 * computed with) and gets the date that count gives now; each open SLA clock whose due time
 * was provisional is recomputed from its start, target and pauses. Two loads at once: the second
 * waits on the first's year row, then finds no provisional deadline left to move.
 */
export async function loadCalendarYear(s: Modules, programId: string, year: number, input: TYearIn, actor: Principal): Promise<Result<{ year: TYear; moved: TMoved[]; clocks_moved: TClockMoved[] }>> {
  try {
    return await inTransaction(s.ctx.db, async () => {
      const before = await s.calendar.calendarFor(programId);
      const loaded = await s.calendar.loadYear(programId, year, input, actor);
      if (isFailure(loaded)) return loaded;
      const after = await s.calendar.calendarFor(programId);
      const moved = await s.rights.redate(programId, { provisional: true }, byCount(before, after));
      // the service desk's running clocks too (issue 11): each recomputed from its start, target and pauses
      const clocks = await s.sla.redate(programId, { provisional: true });
      return { year: loaded, moved, clocks_moved: clocks };
    });
  } finally {
    // a reader between the load and its commit may have cached the old calendar
    s.calendar.forget(programId);
  }
}
