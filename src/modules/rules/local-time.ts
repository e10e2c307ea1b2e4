import { localDate } from '../../platform/time.ts';

// What a rule's calendar conditions and the cap counters read: the purchase's wall clock
// in the program's zone (a 23:59 sale in Shanghai is that day's, whatever UTC says).

export interface LocalParts {
  /** YYYY-MM-DD */
  day: string;
  /** YYYY-MM */
  month: string;
  /** YYYY */
  year: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  /** minutes since local midnight, by the wall clock (a DST day still runs 00:00–23:59) */
  minutes: number;
}

// The date comes from platform/time.ts (which caches its answer per second on the hot
// path); only the time of day needs a formatter of its own, one per zone.
const clocks = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    clocks.set(timeZone, f);
  }
  return f;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const day = localDate(at, timeZone);
  let hour = 0;
  let minute = 0;
  for (const p of clock(timeZone).formatToParts(at)) {
    if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const sundayIsZero = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { day, month: day.slice(0, 7), year: day.slice(0, 4), weekday: sundayIsZero === 0 ? 7 : sundayIsZero, minutes: hour * 60 + minute };
}
