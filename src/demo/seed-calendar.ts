import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;
const nine = { open: '09:00', close: '18:00' };

/**
 * The demo program's working-day calendar (工作日历): the service desk's hours (Mon–Fri
 * 09:00–18:00, Sat 10:00–16:00) and one date of its own, the flagship store's anniversary
 * closure two weeks from now, so a newcomer sees a deadline step over it. Through the
 * workflows an operator's change takes (before any case: no deadline to move yet).
 */
export async function seedCalendar(s: Services, programId: string, actor: Principal, now: Date) {
  await s.flows.setCalendarHours(programId, { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: { open: '10:00', close: '16:00' }, sun: null });
  const date = new Date(now.getTime() + 8 * 3_600_000 + 14 * DAY).toISOString().slice(0, 10);
  unwrap(await s.flows.setCalendarOverride(programId, { date, closed: true, note: '旗舰店店庆闭店盘点 / Flagship anniversary closure' }, actor));
}
