import { describe, expect, it } from 'vitest';
import { localParts } from './engine.ts';
import { firedIds, line, rule, run } from './engine.fixtures.ts';

const bonus = (points: number, scope: 'line' | 'purchase' = 'purchase') => ({ kind: 'fixed_bonus', points, scope }) as const;

describe('lines and the base rate', () => {
  it('a purchase without lines is one line of its amount, with line index null', () => {
    const r = run({ p: { amountFen: 12_345 } });
    expect(r.items).toEqual([{ source: 'base', rule_id: null, rule_version: null, campaign_id: null, line: null, asked: 123, granted: 123, trimmed_by: [] }]);
    expect([r.asked, r.granted, r.eligibleFen]).toEqual([123, 123, 12_345]);
  });

  it('rounds the base down once on the whole eligible amount, so 1.50 + 1.50 yuan earn 3 points, not 2', () => {
    const r = run({ p: { amountFen: 300, lines: [line(150), line(150)] } });
    expect(r.items.map((i) => [i.source, i.line, i.asked])).toEqual([['base', null, 3]]);
    expect(r.granted).toBe(3);
  });

  it('earns on the amount paid, or on the amount before discounts', () => {
    const p = { amountFen: 1_000, lines: [line(1_000, { discount_fen: 550 })] };
    expect([run({ p }).granted, run({ p }).eligibleFen]).toEqual([10, 1_000]);
    const before = run({ p, s: { earnOn: 'before_discount' } });
    expect([before.granted, before.eligibleFen]).toEqual([15, 1_550]);
  });

  it('excluded lines earn nothing and do not count toward the minimum spend', () => {
    const p = { amountFen: 30_000, lines: [line(10_000, { category: 'food' }), line(15_000, { category: 'tobacco' }), line(5_000, { sku: 'GIFTCARD' })] };
    const s = { exclusions: { categories: ['tobacco'], skus: ['GIFTCARD'] } };
    const r = run({ s, p, rules: [rule({ conditions: { min_spend_fen: 20_000 } })] });
    expect(r.items.map((i) => [i.source, i.line, i.asked])).toEqual([['base', null, 100]]);
    expect(r.eligibleFen).toBe(10_000);
    expect(run({ s, p, rules: [rule({ conditions: { min_spend_fen: 10_000 } })] }).granted).toBe(110);
  });

  it('a tier multiplier adds floor(base × (pct − 100) / 100) on the purchase; 100 % adds no item', () => {
    const p = { amountFen: 1_333, lines: [line(1_000), line(333)] };
    const r = run({ p, m: { tierMultiplierPct: 150 } });
    expect(r.items.map((i) => [i.source, i.line, i.asked])).toEqual([['base', null, 13], ['tier', null, 6]]);
    expect(run({ p, m: { tierMultiplierPct: 100 } }).items.every((i) => i.source === 'base')).toBe(true);
  });

  it('is exact beyond 2^53 (mulDiv)', () => {
    const basis = 999_999_999_999;
    const r = run({ p: { amountFen: basis }, rules: [rule({ effect: { kind: 'points_per_spend', points: 9_999, per_fen: 7, scope: 'purchase' } })] });
    expect(r.items[1]!.asked).toBe(Number((BigInt(basis) * 9_999n) / 7n));
  });
});

describe('local time', () => {
  // 2026-11-29 is a Sunday; Shanghai is UTC+8 all year
  const before = new Date('2026-11-29T15:59:59Z');
  const after = new Date('2026-11-29T16:00:00Z');

  it('localParts reads the wall clock in the zone', () => {
    expect(localParts(before, 'Asia/Shanghai')).toEqual({ day: '2026-11-29', month: '2026-11', year: '2026', weekday: 7, minutes: 23 * 60 + 59 });
    expect(localParts(after, 'Asia/Shanghai')).toEqual({ day: '2026-11-30', month: '2026-11', year: '2026', weekday: 1, minutes: 0 });
    expect(localParts(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toMatchObject({ day: '2027-01-01', month: '2027-01', year: '2027', weekday: 5, minutes: 30 });
    // a DST day: 10:00 local in New York on 8 March 2026 (clocks went forward at 02:00)
    expect(localParts(new Date('2026-03-08T14:00:00Z'), 'America/New_York')).toMatchObject({ day: '2026-03-08', minutes: 600 });
  });

  it('a day boundary in the program zone moves the periods, the weekday and the date', () => {
    const rules = [rule({ id: 'monday', conditions: { weekdays: [1] } }), rule({ id: 'the30th', conditions: { dates: ['2026-11-30'] } })];
    const late = run({ rules, p: { occurredAt: before } });
    const early = run({ rules, p: { occurredAt: after } });
    expect(late.periods).toEqual({ day: '2026-11-29', month: '2026-11', year: '2026' });
    expect(early.periods.day).toBe('2026-11-30');
    expect(firedIds(late)).toEqual([]);
    expect(firedIds(early)).toEqual(['monday', 'the30th']);
  });

  it('hours: from inclusive, to exclusive; a window from 22:00 to 02:00 wraps midnight', () => {
    const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);
    const night = [rule({ conditions: { hours: { from: '22:00', to: '02:00' } } })];
    const noon = [rule({ conditions: { hours: { from: '11:00', to: '14:00' } } })];
    const fires = (rules: typeof night, hhmm: string) => firedIds(run({ rules, p: { occurredAt: at(hhmm) } })).length === 1;
    expect(['21:59', '22:00', '23:30', '00:00', '01:59', '02:00'].map((t) => fires(night, t))).toEqual([false, true, true, true, true, false]);
    expect(['10:59', '11:00', '13:59', '14:00'].map((t) => fires(noon, t))).toEqual([false, true, true, false]);
  });

  it('validity dates are inclusive local dates', () => {
    const ends29 = [rule({ valid_to: '2026-11-29' })];
    const starts30 = [rule({ valid_from: '2026-11-30' })];
    expect(firedIds(run({ rules: ends29, p: { occurredAt: before } }))).toEqual(['r1']);
    expect(firedIds(run({ rules: ends29, p: { occurredAt: after } }))).toEqual([]);
    expect(firedIds(run({ rules: starts30, p: { occurredAt: before } }))).toEqual([]);
    expect(firedIds(run({ rules: starts30, p: { occurredAt: after } }))).toEqual(['r1']);
  });

  it('a purchase at T is judged by the version in force at T (effective_to exclusive)', () => {
    const june = new Date('2026-06-01T00:00:00Z');
    const rules = [
      rule({ version: 1, effect: bonus(10), effective_to: june }),
      rule({ version: 2, effect: bonus(20), effective_from: june, effective_to: new Date('2026-07-01T00:00:00Z') }),
      rule({ version: 3, effect: bonus(30), effective_from: new Date('2026-07-01T00:00:00Z'), active: false }),
    ];
    const at = (iso: string) => run({ rules, p: { occurredAt: new Date(iso) } }).items.filter((i) => i.source === 'rule');
    expect(at('2026-05-31T23:59:59.999Z').map((i) => [i.rule_version, i.asked])).toEqual([[1, 10]]);
    expect(at('2026-06-01T00:00:00Z').map((i) => [i.rule_version, i.asked])).toEqual([[2, 20]]);
    expect(at('2026-07-02T00:00:00Z')).toEqual([]); // paused from July
    expect(at('2025-12-31T00:00:00Z')).toEqual([]); // before the first version
  });
});

describe('conditions', () => {
  const fires = (conditions: object, o: Parameters<typeof run>[0] = {}) => firedIds(run({ ...o, rules: [rule({ conditions })] })).length === 1;

  it('store, tier and segment', () => {
    expect([fires({ stores: ['sto_A'] }), fires({ stores: ['sto_B'] })]).toEqual([true, false]);
    expect([fires({ tiers: ['gold'] }, { m: { tierId: 'gold' } }), fires({ tiers: ['gold'] }, { m: { tierId: null } })]).toEqual([true, false]);
    expect([fires({ segments: ['a', 'b'] }, { m: { segmentIds: ['b'] } }), fires({ segments: ['a'] }, { m: { segmentIds: ['b'] } })]).toEqual([true, false]);
  });

  it('minimum spend, first purchase and birthday month (in local time)', () => {
    expect([fires({ min_spend_fen: 10_000 }), fires({ min_spend_fen: 10_001 })]).toEqual([true, false]);
    expect([fires({ first_purchase: true }, { m: { firstPurchase: true } }), fires({ first_purchase: true })]).toEqual([true, false]);
    const bday = { birthday_month: true };
    expect(fires(bday, { m: { birthday: '1990-11-05' } })).toBe(true);
    expect(fires(bday, { m: { birthday: null } })).toBe(false);
    // 30 Nov 16:00Z is already 1 December in Shanghai
    expect(fires(bday, { m: { birthday: '1990-11-05' }, p: { occurredAt: new Date('2026-11-30T16:00:00Z') } })).toBe(false);
    expect(fires(bday, { m: { birthday: '1990-12-24' }, p: { occurredAt: new Date('2026-11-30T16:00:00Z') } })).toBe(true);
  });

  it('line conditions pick the matching lines; a rule with none matching does not apply', () => {
    const p = { amountFen: 3_000, lines: [line(1_000, { category: 'dairy', sku: 'MILK' }), line(1_000, { category: 'dairy', sku: 'YOG' }), line(1_000, { category: 'bakery' })] };
    const r = run({ p, rules: [rule({ conditions: { categories: ['dairy'], skus: ['YOG', 'BREAD'] }, effect: bonus(5, 'line') })] });
    expect(r.items.filter((i) => i.source === 'rule').map((i) => [i.line, i.asked])).toEqual([[1, 5]]);
    expect(fires({ categories: ['meat'] }, { p })).toBe(false);
    expect(fires({ categories: ['dairy'] })).toBe(false); // a purchase without lines has no category
  });

  it('a campaign rule needs its campaign in force (passed in use.campaigns)', () => {
    const rules = [rule({ campaign_id: 'cmp_1' })];
    expect(firedIds(run({ rules }))).toEqual([]);
    const r = run({ rules, u: { campaigns: { cmp_1: { budgetLeft: null, memberLeft: null } } } });
    expect(r.byCampaign).toEqual({ cmp_1: 10 });
  });
});

describe('combining', () => {
  it('stackable rules add up, highest priority first', () => {
    const r = run({ rules: [rule({ id: 'low', priority: 1, effect: bonus(7) }), rule({ id: 'high', priority: 9, effect: bonus(5) })] });
    expect(firedIds(r)).toEqual(['high', 'low']);
    expect([r.granted, r.byRule]).toEqual([100 + 12, { high: 5, low: 7 }]);
  });

  it('an exclusive rule wins over stackables, even of higher priority; base and tier stay', () => {
    const rules = [rule({ id: 'stack', priority: 9, effect: bonus(50) }), rule({ id: 'excl', priority: 1, mode: 'exclusive', effect: bonus(5) })];
    const r = run({ rules, m: { tierMultiplierPct: 200 } });
    expect(firedIds(r)).toEqual(['excl']);
    expect(r.items.map((i) => i.source)).toEqual(['base', 'tier', 'rule']);
    expect(r.granted).toBe(100 + 100 + 5);
  });

  it('of two exclusive rules only the highest priority fires; a tie goes to the smaller id', () => {
    const a = rule({ id: 'a', priority: 5, mode: 'exclusive' });
    const b = rule({ id: 'b', priority: 7, mode: 'exclusive' });
    expect(firedIds(run({ rules: [a, b] }))).toEqual(['b']);
    expect(firedIds(run({ rules: [rule({ ...b, priority: 5 }), a] }))).toEqual(['a']);
  });

  it('an exclusive rule that does not apply does not block the others', () => {
    const rules = [rule({ id: 'excl', mode: 'exclusive', priority: 9, conditions: { stores: ['sto_B'] } }), rule({ id: 's1' }), rule({ id: 's2' })];
    expect(firedIds(run({ rules }))).toEqual(['s1', 's2']);
  });
});

describe('effects', () => {
  const p = { amountFen: 300, lines: [line(150), line(150, { quantity: 5 })] };
  const asked = (effect: object) => run({ p, rules: [rule({ effect: effect as never })] }).items.filter((i) => i.source === 'rule').map((i) => [i.line, i.asked]);

  it('points per spend: per line, or once on the summed basis', () => {
    expect(asked({ kind: 'points_per_spend', points: 2, per_fen: 100, scope: 'line' })).toEqual([[0, 3], [1, 3]]);
    expect(asked({ kind: 'points_per_spend', points: 1, per_fen: 100, scope: 'purchase' })).toEqual([[null, 3]]);
  });

  it('multiplier: the extra share of the base on the same basis', () => {
    expect(asked({ kind: 'multiplier', factor_pct: 300, scope: 'line' })).toEqual([[0, 2], [1, 2]]);
    expect(asked({ kind: 'multiplier', factor_pct: 300, scope: 'purchase' })).toEqual([[null, 6]]);
    expect(asked({ kind: 'multiplier', factor_pct: 150, scope: 'purchase' })).toEqual([[null, 1]]);
  });

  it('fixed bonus: per matching line (not per unit), or once', () => {
    expect(asked({ kind: 'fixed_bonus', points: 10, scope: 'line' })).toEqual([[0, 10], [1, 10]]);
    expect(asked({ kind: 'fixed_bonus', points: 10, scope: 'purchase' })).toEqual([[null, 10]]);
  });

  it('drops items that asked nothing and keeps byRule/byCampaign to the points granted', () => {
    const r = run({ p: { amountFen: 50 }, rules: [rule({ effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' } })] });
    expect([r.items, r.asked, r.byRule]).toEqual([[], 0, {}]);
  });
});

describe('ids are data', () => {
  it('an id that names an Object.prototype member is just an id', () => {
    const rules = [rule({ id: 'constructor', campaign_id: 'toString', caps: { per_member_day: 15 } })];
    expect(run({ rules }).byRule).toEqual({});
    const r = run({ rules, u: { campaigns: { toString: { budgetLeft: null, memberLeft: null } } } });
    expect(r.byRule).toEqual({ constructor: 10 });
    expect(r.byCampaign).toEqual({ toString: 10 });
  });
});
