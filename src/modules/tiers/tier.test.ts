import { describe, expect, it } from 'vitest';
import { asks, decide, DEFAULT_POLICY, keepTier, liftTo, reachTier, reviews, tableTarget, windowOf, windowOn, type MemberTierState, type TierDef, type TierPolicy } from './tier.ts';
import { DEFAULT_BENEFITS } from './tier.service.ts';

const tier = (rank: number, reach: number, keep = reach): TierDef => ({
  id: `t${rank}`, code: `T${rank}`, name: `T${rank}`, nameEn: null, rank, reach, keep, benefits: DEFAULT_BENEFITS,
});
const TIERS = [tier(1, 0), tier(2, 100, 80), tier(3, 500, 400), tier(4, 1000, 800)];
const policy = (p: Partial<TierPolicy> = {}): TierPolicy => ({ ...DEFAULT_POLICY, ...p });

describe('qualifying windows', () => {
  it('rolling months end today and start the day after the same day N months back', () => {
    expect(windowOn(policy({ windowMonths: 12 }), '2026-11-29', '2020-01-01')).toEqual({ from: '2025-11-30', to: '2026-11-29' });
    expect(windowOn(policy({ windowMonths: 1 }), '2026-03-31', '2020-01-01')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('a calendar year is 1 January to 31 December', () => {
    expect(windowOn(policy({ window: 'calendar_year' }), '2026-07-04', '2020-05-05')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('a membership year runs from the enrolment anniversary (29 February falls back to the 28th)', () => {
    const p = policy({ window: 'membership_year' });
    expect(windowOn(p, '2026-11-29', '2024-03-15')).toEqual({ from: '2026-03-15', to: '2027-03-14' });
    expect(windowOn(p, '2026-03-14', '2024-03-15')).toEqual({ from: '2025-03-15', to: '2026-03-14' });
    expect(windowOn(p, '2025-03-01', '2024-02-29')).toEqual({ from: '2025-02-28', to: '2026-02-27' });
  });

  it('windowOf reads instants as local days in the program\'s zone', () => {
    // 2026-12-31T17:00Z is already 1 January in Shanghai
    const w = windowOf(policy({ window: 'calendar_year' }), new Date('2026-12-31T17:00:00Z'), new Date('2020-01-01T00:00:00Z'), 'Asia/Shanghai');
    expect(w).toEqual({ from: '2027-01-01', to: '2027-12-31' });
  });
});

describe('review dates', () => {
  it('rolling: N months after the tier was reached, then monthly', () => {
    const r = reviews(policy({ windowMonths: 12 }), '2026-01-31', '2020-01-01');
    expect(r.first).toBe('2027-01-31');
    expect(r.onOrBefore('2027-01-30')).toBeNull();
    expect(r.onOrBefore('2027-03-15')).toBe('2027-02-28');
    expect(r.onOrAfter('2027-03-15')).toBe('2027-03-31');
    expect(r.onOrAfter('2026-06-01')).toBe('2027-01-31');
  });

  it('calendar year: each 31 December from the year the tier was reached', () => {
    const r = reviews(policy({ window: 'calendar_year' }), '2026-05-10', '2020-01-01');
    expect(r.first).toBe('2026-12-31');
    expect(r.onOrBefore('2027-06-01')).toBe('2026-12-31');
    expect(r.onOrBefore('2027-12-31')).toBe('2027-12-31');
    expect(r.onOrAfter('2027-01-01')).toBe('2027-12-31');
  });
});

describe('which tier a figure reaches', () => {
  it('reach and keep thresholds, and a purchase lifts only upwards', () => {
    expect(reachTier(TIERS, 99)?.rank).toBe(1);
    expect(reachTier(TIERS, 500)?.rank).toBe(3);
    expect(keepTier(TIERS, 400)?.rank).toBe(3);
    const table = { policy: policy(), tiers: TIERS };
    expect(liftTo(table, 120, 't1')).toBe('t2');
    expect(liftTo(table, 120, 't3')).toBeNull();
    expect(liftTo(table, 1000, null)).toBe('t4');
  });

  it('a new table keeps a member whose figure still meets the keep threshold, and never goes below a floor', () => {
    expect(tableTarget(TIERS, 450, 't3', null)?.id).toBe('t3'); // reaches only t2, keeps t3
    expect(tableTarget(TIERS, 350, 't3', null)?.id).toBe('t2');
    expect(tableTarget(TIERS, 0, 't1', 't4')?.id).toBe('t4');
  });
});

describe('the re-evaluation decision', () => {
  const p = policy({ windowMonths: 12, graceDays: 30, warnDays: 30 });
  const table = { policy: p, tiers: TIERS };
  const state: MemberTierState = { currentTierId: 't3', periodStart: '2026-01-10', enrolledOn: '2025-01-01', floor: null, lastFloorEnd: null };
  const run = (day: string, figs: { current: number; due: number | null; warn: number | null }, s = state) => decide(table, s, day, asks(p, s, day), figs);

  it('asks for the review window once its grace days are over, and warns within warn_days of the review', () => {
    expect(asks(p, state, '2027-01-10')).toMatchObject({ due: null, warn: { reviewOn: '2027-01-10', window: { from: '2026-01-11', to: '2027-01-10' } } });
    expect(asks(p, state, '2026-12-10').warn).toBeNull();
    expect(asks(p, state, '2026-12-11').warn?.reviewOn).toBe('2027-01-10');
    expect(asks(p, state, '2027-02-09').due).toBeNull();
    expect(asks(p, state, '2027-02-10').due).toMatchObject({ reviewOn: '2027-01-10', window: { from: '2026-01-11', to: '2027-01-10' } });
  });

  it('moves one tier down after the grace days when the review fell short, never below what the figure reaches', () => {
    expect(run('2027-02-10', { current: 0, due: 100, warn: null })).toMatchObject({ changed: true, target: { id: 't2' } });
    expect(run('2027-02-10', { current: 600, due: 100, warn: null })).toMatchObject({ changed: false });
    expect(run('2027-02-10', { current: 0, due: 400, warn: null })).toMatchObject({ changed: false });
    const toSupported = decide({ ...table, policy: { ...p, downgrade: 'to_supported' } }, state, '2027-02-10', asks(p, state, '2027-02-10'), { current: 0, due: 10, warn: null });
    expect(toSupported.target?.id).toBe('t1');
  });

  it('a floor holds the tier until it ends, then the figure decides', () => {
    const held = { ...state, currentTierId: 't4', floor: { tierId: 't4', endsOn: '2026-06-30' } };
    expect(run('2026-06-30', { current: 0, due: null, warn: null }, held)).toMatchObject({ changed: false, floorEnded: false });
    expect(run('2026-06-30', { current: 0, due: null, warn: null }, held).warning).toMatchObject({ dropsOn: '2026-07-01', missing: 800 });
    expect(run('2026-07-01', { current: 450, due: null, warn: null }, held)).toMatchObject({ changed: true, floorEnded: true, source: 'floor_end', target: { id: 't3' } });
  });
});
