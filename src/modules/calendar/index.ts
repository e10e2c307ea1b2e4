// The working-day calendar per program (issue 11): the official Chinese schedule with its
// make-up working days (chinese-days, or a year an operator loaded), the program's own
// dates and opening hours, in its zone; answers flagged provisional where a year has no
// official schedule. Other modules get it through calendarFor(programId).
export { calendarService, type CalendarService } from './calendar.service.ts';
export { calendarRoutes } from './calendar.routes.ts';
export type { TCalendar, TClockMoved, TMoved, TOverride, TOverrideIn, TYear, TYearIn } from './calendar.schema.ts';
export type { CalendarTables } from './calendar.table.ts';
