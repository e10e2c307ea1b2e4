import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses } from '../../platform/schema.ts';
import { startOfDay } from '../../platform/time.ts';
import { validation } from '../../platform/errors.ts';
import { CALENDAR_MESSAGES as M } from './calendar.errors.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZCalendar, ZCheck, ZCheckQuery, ZHoursChanged, ZOverrideChanged, ZOverrideIn, ZWeekHours, ZYearIn, ZYearLoaded, zCalendarParams, zOverrideParams, zYearParams,
} from './calendar.schema.ts';
import type { CalendarService } from './calendar.service.ts';

type Flows = Pick<Workflows, 'loadCalendarYear' | 'setCalendarOverride' | 'removeCalendarOverride' | 'setCalendarHours'>;

export function calendarRoutes(app: App, calendar: CalendarService, flows: Flows) {
  const tags = ['calendar'];
  const base = '/v1/programs/:program_id/calendar';

  app.get(base, {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'The working-day calendar: opening hours, the program\'s own dates, and which years have an official schedule (official / loaded / unknown)', params: zCalendarParams, response: { 200: ZCalendar, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return calendar.get(req.params.program_id);
  });
  app.put(`${base}/hours`, {
    config: { permission: 'program.manage' },
    schema: { tags, summary: 'Set the opening hours per weekday; re-dates the open working-hours SLA clocks and answers which moved', params: zCalendarParams, body: ZWeekHours, response: { 200: ZHoursChanged, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return flows.setCalendarHours(req.params.program_id, req.body);
  });
  app.post(`${base}/overrides`, {
    config: { permission: 'program.manage' },
    schema: {
      tags, summary: 'Close a date, or open it with its hours, whatever the official calendar says (replaces that date\'s earlier one); re-dates the open deadlines it touches and answers which moved',
      params: zCalendarParams, body: ZOverrideIn, response: { 201: ZOverrideChanged, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'program.manage');
    return reply.code(201).send(orProblem(await flows.setCalendarOverride(req.params.program_id, req.body, actor)));
  });
  app.delete(`${base}/overrides/:date`, {
    config: { permission: 'program.manage' },
    schema: {
      tags, summary: 'Remove a date of the program\'s own: the official calendar applies again; re-dates the open deadlines it touches and answers which moved',
      params: zOverrideParams, response: { 200: ZOverrideChanged, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await flows.removeCalendarOverride(req.params.program_id, req.params.date));
  });
  app.post(`${base}/years/:year`, {
    config: { permission: 'program.manage' },
    schema: {
      tags, summary: 'Load a year\'s official schedule (holiday-cn JSON) for a year chinese-days does not know; recomputes the provisional deadlines and answers which moved',
      params: zYearParams, body: ZYearIn, response: { 200: ZYearLoaded, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'program.manage');
    return orProblem(await flows.loadCalendarYear(req.params.program_id, req.params.year, req.body, actor));
  });
  app.get(`${base}/check`, {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'Is a date a working day, its hours, and (with add) the date N working days after it; provisional where a year has no official schedule', params: zCalendarParams, querystring: ZCheckQuery, response: { 200: ZCheck, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    const cal = await calendar.calendarFor(req.params.program_id);
    const { date, add, at, add_hours: hours } = req.query;
    const added = add === undefined ? null : { n: add, ...cal.addWorkingDays(date, add) };
    let addedHours = null;
    if (hours !== undefined) {
      const from = at ? new Date(at) : startOfDay(date, cal.timeZone);
      const r = cal.addWorkingHours(from, hours);
      if (!r.at) throw validation('add_hours', M.no_hours()); // rendered as problem+json like orProblem's
      addedHours = { hours, from: from.toISOString(), at: r.at.toISOString(), provisional: r.provisional, years: r.years };
    }
    return {
      date, working: cal.isWorkingDay(date), provisional: cal.yearStatus(Number(date.slice(0, 4))) === 'unknown' || (added?.provisional ?? false),
      hours: cal.hoursOn(date), added, added_hours: addedHours,
    };
  });
}
