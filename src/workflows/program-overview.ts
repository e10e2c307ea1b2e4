import { isFailure, type Result } from '../platform/errors.ts';
import { ttlCache } from '../platform/cache.ts';
import { addDays, localDate, startOfDay } from '../platform/time.ts';
import type { Modules } from '../services.ts';

/** The program's key figures, as the console's home page shows them. */
export interface ProgramOverview {
  as_of: string;
  time_zone: string;
  members: { total: number; active: number; enrolled_today: number; active_90_days: number };
  points: { outstanding: number; available: number; pending: number };
  today: { purchases: number; amount_fen: number; points: number };
  /** the last 30 local days, oldest first, days without a purchase included */
  days: { day: string; purchases: number; amount_fen: number; points: number }[];
}

const DAYS = 30;
const caches = new WeakMap<Modules, ReturnType<typeof ttlCache<string, ProgramOverview>>>();

/**
 * Members (all, active, enrolled today, bought in the last 90 days), points outstanding
 * (the liability) and purchases today and over 30 days, each day in the program's time
 * zone. Each figure comes from the module that owns it; the answer is kept a minute per
 * program, since the activity figures scan the window's purchases.
 */
export async function programOverview(s: Modules, programId: string, now = new Date()): Promise<Result<ProgramOverview>> {
  let cache = caches.get(s);
  if (!cache) caches.set(s, (cache = ttlCache<string, ProgramOverview>(s.ctx, { ttlMs: 60_000, max: 1_000 })));
  const hit = cache.get(programId);
  if (hit) return hit;
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const tz = settings.timeZone;
  const today = localDate(now, tz);
  const first = addDays(today, -(DAYS - 1));
  const [members, points, activity] = await Promise.all([
    s.members.counts(programId, startOfDay(today, tz)),
    s.points.liability(programId),
    s.purchases.activity(programId, tz, new Date(now.getTime() - 90 * 86_400_000), startOfDay(first, tz)),
  ]);
  const byDay = new Map(activity.days.map((d) => [d.day, d]));
  const days = Array.from({ length: DAYS }, (_, i) => addDays(first, i)).map((day) => byDay.get(day) ?? { day, purchases: 0, amount_fen: 0, points: 0 });
  const t = days.at(-1)!;
  const overview: ProgramOverview = {
    as_of: now.toISOString(), time_zone: tz,
    members: { total: members.total, active: members.active, enrolled_today: members.enrolled, active_90_days: activity.activeMembers },
    points: { outstanding: points.available + points.pending, available: points.available, pending: points.pending },
    today: { purchases: t.purchases, amount_fen: t.amount_fen, points: t.points },
    days,
  };
  cache.set(programId, overview);
  return overview;
}
