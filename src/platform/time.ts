// Calendar arithmetic in a program's time zone. "Today", expiry dates and birthdays are
// local days; instants are stored as timestamptz. Dates are 'YYYY-MM-DD' strings.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

function parts(instant: Date, tz: string) {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

// The hot paths ask for local dates and times thousands of times a second, and
// formatToParts was a few per cent of a request's CPU. Since 2000 every zone's offset is
// a multiple of 15 minutes and changes on a quarter hour of UTC, so an answer holds for
// its whole quarter hour (before that, LMT and odd offsets: for its second only).
const offsets = new Map<string, number>();
const QUARTER_HOUR_MS = 900_000;
const Y2000_MS = 946_684_800_000;

function offsetMs(instant: Date, tz: string): number {
  const t = instant.getTime();
  const bucket = t >= Y2000_MS ? Math.floor(t / QUARTER_HOUR_MS) : `s${Math.floor(t / 1000)}`;
  const key = `${tz}|${bucket}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const second = Math.floor(t / 1000);
  const p = parts(instant, tz);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - second * 1000;
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The wall clock in tz as a Date whose UTC fields read the local date and time. */
export const wallClock = (instant: Date, tz: string): Date => new Date(instant.getTime() + offsetMs(instant, tz));

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function localDate(instant: Date, tz: string): string {
  // the wall clock in tz, read through UTC fields
  const wall = new Date(instant.getTime() + offsetMs(instant, tz));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

// startOfDay is on the purchase path (every lot's expiry) and asks Intl three times;
// the answer for a (zone, day) never changes, so it is remembered.
const dayStarts = new Map<string, number>();

/** The instant a local day begins in tz (where midnight is skipped, as in Chile and Cuba, the change itself). */
export function startOfDay(date: string, tz: string): Date {
  const key = `${tz}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = fromWall(Date.parse(`${date}T00:00:00Z`), tz);
    if (dayStarts.size > 50_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock reading (given as if it were UTC) happens in tz. The offsets a day
 * before and a day after are the only ones that reading can have (no zone changes twice within
 * two days), so each gives a candidate, and a candidate counts only when Intl, asked at that
 * instant, reads the same wall clock back. Both fit when clocks went back (the hour happens
 * twice): the earlier. Neither fits in the hour skipped when clocks go forward: the offset in
 * force before the change carries it past the gap (02:30 → 03:30), and a skipped midnight
 * becomes the change itself. The same choices as Temporal's 'compatible' disambiguation.
 */
function fromWall(wall: number, tz: string): number {
  const before = wall - offsetMs(new Date(wall - DAY_MS), tz);
  const after = wall - offsetMs(new Date(wall + DAY_MS), tz);
  const reads = (t: number) => t + offsetMs(new Date(t), tz) === wall;
  for (const t of before <= after ? [before, after] : [after, before]) if (reads(t)) return t;
  return before;
}

/**
 * The instant a local date and wall-clock time ('HH:MM' or 'HH:MM:SS') happen in tz: opening
 * hours, the end of quiet hours, an imported receipt's time. Right across daylight saving
 * changes (programs outside China may be in Europe/Berlin or America/New_York).
 */
export function atLocal(date: string, time: string, tz: string): Date {
  return new Date(fromWall(Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`), tz));
}

/** 'YYYY-MM-DD HH:MM' on the wall clock in tz, as a cashier or an agent says it. */
export const localDateTime = (instant: Date, tz: string): string => wallClock(instant, tz).toISOString().slice(0, 16).replace('T', ' ');

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}
