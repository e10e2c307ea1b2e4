// The tier rules as pure functions: windows, review dates, which tier a figure reaches or
// keeps, and what the re-evaluation job decides for one member on one day. Dates are local
// days ('YYYY-MM-DD') in the program's time zone. Nothing here touches the database.
import { addDays, addMonths, localDate } from '../../platform/time.ts';
import type { TierBasis, TierBenefits, TierDowngrade, TierWindow } from './tier.table.ts';

export interface TierPolicy {
  basis: TierBasis;
  window: TierWindow;
  /** rolling_months only; kept for the others */
  windowMonths: number;
  downgrade: TierDowngrade;
  graceDays: number;
  warnDays: number;
}

export const DEFAULT_POLICY: TierPolicy = { basis: 'spend', window: 'rolling_months', windowMonths: 12, downgrade: 'one_down', graceDays: 30, warnDays: 30 };

export interface TierDef {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  rank: number;
  reach: number;
  keep: number;
  benefits: TierBenefits;
}

/** A program's tier table as the purchase path and the job read it: tiers ordered by rank, lowest first. */
export interface TierTableView {
  policy: TierPolicy;
  tiers: TierDef[];
}

export interface DateWindow {
  from: string;
  to: string;
}

/** The qualifying window that contains a local day. */
export function windowOn(policy: Pick<TierPolicy, 'window' | 'windowMonths'>, day: string, enrolledOn: string): DateWindow {
  if (policy.window === 'rolling_months') return { from: addDays(addMonths(day, -policy.windowMonths), 1), to: day };
  if (policy.window === 'calendar_year') return { from: `${day.slice(0, 4)}-01-01`, to: `${day.slice(0, 4)}-12-31` };
  // membership year: from the enrolment day's anniversary to the day before the next one
  let k = Number(day.slice(0, 4)) - Number(enrolledOn.slice(0, 4));
  if (addMonths(enrolledOn, 12 * k) > day) k--;
  return { from: addMonths(enrolledOn, 12 * k), to: addDays(addMonths(enrolledOn, 12 * (k + 1)), -1) };
}

/** The qualifying window at an instant, in the program's time zone. */
export function windowOf(policy: Pick<TierPolicy, 'window' | 'windowMonths'>, at: Date, enrolledAt: Date, timeZone: string): DateWindow {
  return windowOn(policy, localDate(at, timeZone), localDate(enrolledAt, timeZone));
}

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));

/**
 * Review dates of a tier period that began on `start`: the days at whose end the member's
 * figure must meet the tier's keep threshold. Calendar and membership years: the end of
 * each window, the first being the end of the window the period began in. Rolling N
 * months: N months after the tier was reached, then every month on the same day.
 */
export function reviews(policy: Pick<TierPolicy, 'window' | 'windowMonths'>, start: string, enrolledOn: string) {
  const rolling = policy.window === 'rolling_months';
  const n = policy.windowMonths;
  const first = rolling ? addMonths(start, n) : windowOn(policy, start, enrolledOn).to;
  return {
    first,
    /** The latest review on or before day, or null before the first. */
    onOrBefore(day: string): string | null {
      if (day < first) return null;
      if (rolling) {
        for (let k = monthIndex(day) - monthIndex(start) - n + 1; k >= 0; k--) {
          const r = addMonths(start, n + k);
          if (r <= day) return r;
        }
        return first;
      }
      const w = windowOn(policy, day, enrolledOn);
      return w.to === day ? day : addDays(w.from, -1);
    },
    /** The earliest review on or after day. */
    onOrAfter(day: string): string {
      if (day <= first) return first;
      if (rolling) {
        for (let k = Math.max(0, monthIndex(day) - monthIndex(start) - n - 1); ; k++) {
          const r = addMonths(start, n + k);
          if (r >= day) return r;
        }
      }
      return windowOn(policy, day, enrolledOn).to;
    },
  };
}

/** The day a member under the keep threshold at review `reviewOn` moves down: after the grace days. */
export const dropsOn = (policy: Pick<TierPolicy, 'graceDays'>, reviewOn: string) => addDays(reviewOn, policy.graceDays + 1);

/** The highest tier whose reach threshold the figure meets. */
export function reachTier(tiers: TierDef[], figure: number): TierDef | null {
  let best: TierDef | null = null;
  for (const t of tiers) if (figure >= t.reach && (!best || t.rank > best.rank)) best = t;
  return best;
}

/** The highest tier whose keep threshold the figure meets. */
export function keepTier(tiers: TierDef[], figure: number): TierDef | null {
  let best: TierDef | null = null;
  for (const t of tiers) if (figure >= t.keep && (!best || t.rank > best.rank)) best = t;
  return best;
}

const byId = (tiers: TierDef[], id: string | null) => (id === null ? null : tiers.find((t) => t.id === id) ?? null);
const higher = (a: TierDef | null, b: TierDef | null) => (!a ? b : !b ? a : b.rank > a.rank ? b : a);
const below = (tiers: TierDef[], t: TierDef) => [...tiers].reverse().find((x) => x.rank < t.rank) ?? null;

/**
 * The tier to lift a member to after a purchase: the highest tier whose reach threshold
 * figureAfter meets, when it is above the current tier; else null (a purchase never lowers).
 */
export function liftTo(table: TierTableView, figureAfter: number, currentTierId: string | null): string | null {
  const reached = reachTier(table.tiers, figureAfter);
  const current = byId(table.tiers, currentTierId);
  return reached && (!current || reached.rank > current.rank) ? reached.id : null;
}

/** Where a member goes under a (new) tier table: what the figure reaches, the current tier while the figure keeps it, and never below an active floor. */
export function tableTarget(tiers: TierDef[], figure: number, currentTierId: string | null, floorTierId: string | null): TierDef | null {
  let target = reachTier(tiers, figure);
  const current = byId(tiers, currentTierId);
  if (current && figure >= current.keep) target = higher(target, current);
  return higher(target, byId(tiers, floorTierId));
}

/** What the job needs to know about one member on one day. */
export interface MemberTierState {
  currentTierId: string | null;
  /** the local day the member's current tier period began */
  periodStart: string | null;
  enrolledOn: string;
  /** the member's open floor, if any (it may have run out: ends_on before the day) */
  floor: { tierId: string; endsOn: string | null } | null;
  /** the local day the member's last floor ended, if any: reviews before it do not count */
  lastFloorEnd: string | null;
}

/** The windows whose figures the decision needs, so they can be read in one query. */
export interface Asks {
  current: DateWindow;
  /** the latest review whose drop date has come: its verdict */
  due: { reviewOn: string; window: DateWindow } | null;
  /** the review the member is warned about (its drop date is still ahead), when the warning is due */
  warn: { reviewOn: string; window: DateWindow } | null;
}

function floorActive(state: MemberTierState, day: string) {
  return state.floor && (state.floor.endsOn === null || state.floor.endsOn >= day) ? state.floor : null;
}

/**
 * The review that decides whether the member keeps the current tier: the earliest one
 * whose drop date has not come (it may be past, in its grace days), with its window up to
 * the day. Null when the member has no tier.
 */
export function keepReview(policy: TierPolicy, state: MemberTierState, day: string): { reviewOn: string; window: DateWindow } | null {
  if (!state.currentTierId || !state.periodStart) return null;
  const r = reviews(policy, state.periodStart, state.enrolledOn);
  const since = sinceOf(state);
  let on = r.onOrAfter(addDays(day, -policy.graceDays));
  while (on < since) on = r.onOrAfter(addDays(on, 1));
  const w = windowOn(policy, on, state.enrolledOn);
  return { reviewOn: on, window: { from: w.from, to: day < w.to ? day : w.to } };
}

const sinceOf = (state: MemberTierState) => (state.lastFloorEnd && state.periodStart && state.lastFloorEnd > state.periodStart ? state.lastFloorEnd : state.periodStart!);

export function asks(policy: TierPolicy, state: MemberTierState, day: string): Asks {
  const current = windowOn(policy, day, state.enrolledOn);
  if (!state.currentTierId || !state.periodStart) return { current, due: null, warn: null };
  const r = reviews(policy, state.periodStart, state.enrolledOn);
  const dueOn = r.onOrBefore(addDays(day, -(policy.graceDays + 1)));
  const due = dueOn && dueOn >= sinceOf(state) ? { reviewOn: dueOn, window: windowOn(policy, dueOn, state.enrolledOn) } : null;
  const k = keepReview(policy, state, day)!;
  return { current, due, warn: day >= addDays(k.reviewOn, -policy.warnDays) ? k : null };
}

export interface Decision {
  /** the tier the member should be in, or null for none */
  target: TierDef | null;
  changed: boolean;
  source: 'evaluation' | 'floor_end';
  /** the open floor ran out before the day: close it, as of the day after its end */
  floorEnded: boolean;
  /** a member.tier_will_drop to send (once per drop date) */
  warning: { tierId: string; toTierId: string | null; dropsOn: string; missing: number; reviewOn: string } | null;
}

/**
 * The re-evaluation of one member on one day, given the figures of the asked windows:
 * an ended floor lets the member fall to what the figure keeps; a review whose verdict
 * failed moves them down (one tier, or to the tier the figure keeps) once its grace days
 * are over; never below what the figure reaches today or an active floor, and up when the
 * figure reaches a higher tier. Warns ahead of a drop with what is missing.
 */
export function decide(table: TierTableView, state: MemberTierState, day: string, a: Asks, figures: { current: number; due: number | null; warn: number | null }): Decision {
  const { policy, tiers } = table;
  const current = byId(tiers, state.currentTierId);
  const active = floorActive(state, day);
  const floorEnded = state.floor !== null && active === null;
  const floorTier = active ? byId(tiers, active.tierId) : null;
  let target = current;
  let source: Decision['source'] = 'evaluation';
  if (floorEnded && current) {
    const kept = keepTier(tiers, figures.current);
    if (!kept || kept.rank < current.rank) {
      target = kept;
      source = 'floor_end';
    }
  } else if (current && a.due && figures.due !== null && figures.due < current.keep) {
    target = policy.downgrade === 'one_down' ? below(tiers, current) : keepTier(tiers, figures.due);
    if (target && target.rank >= current.rank) target = below(tiers, current);
  }
  target = higher(target, reachTier(tiers, figures.current));
  target = higher(target, floorTier);
  const changed = (target?.id ?? null) !== (current?.id ?? null);
  if (changed && target && current && target.rank > current.rank) source = 'evaluation';

  let warning: Decision['warning'] = null;
  const now = changed ? target : current;
  if (!changed && now) {
    const protectedUntil = floorTier && floorTier.rank >= now.rank ? (active!.endsOn ?? '9999-12-31') : null;
    if (protectedUntil && active!.endsOn && day >= addDays(active!.endsOn, -policy.warnDays)) {
      const kept = keepTier(tiers, figures.current);
      if (!kept || kept.rank < now.rank) {
        warning = { tierId: now.id, toTierId: kept?.id ?? null, dropsOn: addDays(active!.endsOn, 1), missing: now.keep - figures.current, reviewOn: active!.endsOn };
      }
    } else if (a.warn && figures.warn !== null && figures.warn < now.keep && !(protectedUntil && protectedUntil >= a.warn.reviewOn)) {
      const to = policy.downgrade === 'one_down' ? below(tiers, now) : keepTier(tiers, figures.warn);
      warning = {
        tierId: now.id, toTierId: to && to.rank < now.rank ? to.id : below(tiers, now)?.id ?? null,
        dropsOn: dropsOn(policy, a.warn.reviewOn), missing: now.keep - figures.warn, reviewOn: a.warn.reviewOn,
      };
    }
  }
  return { target, changed, source, floorEnded, warning };
}
