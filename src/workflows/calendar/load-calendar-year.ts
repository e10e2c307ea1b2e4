import type { Principal } from '../../platform/context.ts';
import type { Result } from '../../platform/errors.ts';
import type { TClockMoved, TMoved, TYear, TYearIn } from '../../modules/calendar/index.ts';
import type { Modules } from '../../services.ts';
import { byCount, changingCalendar, namedMoves } from './change-calendar.ts';

/**
 * Loads a year's official schedule for a program (issue 11) and recomputes the deadlines
 * that were provisional, in one transaction (a failure leaves both as they were): each
 * data-rights request keeps its count of working days (read back on the calendar it was
 * computed with) and gets the date that count gives now; each open SLA clock whose due time
 * was provisional is recomputed from its start, target and pauses. Two loads at once: the second
 * waits on the program's calendar lock, then finds no provisional deadline left to move.
 */
export async function loadCalendarYear(s: Modules, programId: string, year: number, input: TYearIn, actor: Principal): Promise<Result<{ year: TYear; moved: TMoved[]; clocks_moved: TClockMoved[] }>> {
  return changingCalendar(s, programId, () => s.calendar.loadYear(programId, year, input, actor), async (loaded, before, after) => ({
    year: loaded,
    // the service desk's running clocks too (issue 11): each recomputed from its start, target and pauses
    ...await namedMoves(s, programId, await s.rights.redate(programId, { provisional: true }, byCount(before, after)), await s.sla.redate(programId, { provisional: true }, after)),
  }));
}
