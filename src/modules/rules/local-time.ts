import { wallClock } from '../../platform/time.ts';

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

// The zone's offset comes from platform/time.ts, which remembers it per quarter hour:
// no formatter on the purchase path.
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function localParts(at: Date, timeZone: string): LocalParts {
  const wall = wallClock(at, timeZone);
  const year = pad(wall.getUTCFullYear(), 4);
  const month = `${year}-${pad(wall.getUTCMonth() + 1)}`;
  const sundayIsZero = wall.getUTCDay();
  return {
    day: `${month}-${pad(wall.getUTCDate())}`, month, year,
    weekday: sundayIsZero === 0 ? 7 : sundayIsZero, minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}
