import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, mayFire } from './engine.ts';
import type { EarnSettings, EngineLine, EngineMember, EnginePurchase, EngineUse, PeriodUse, RuleCaps, RuleVersion } from './rule.ts';

// Whatever the rules and the purchase: every item grants between 0 and what it asked, and
// the points granted stay within every cap's room (program, rule, campaign).
// Reproduce a failure with the seed and path fast-check prints: fc.assert(…, { seed, path }).

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const at = fc.integer({ min: 0, max: 60 * DAY }).map((ms) => new Date(T0 + ms));
/** present one time in `odds`: conditions and caps mostly absent, so rules fire and caps bite often enough to matter */
const opt = <T>(a: fc.Arbitrary<T>, odds = 4) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: odds - 1 }, { arbitrary: a, weight: 1 });
const cap = opt(fc.integer({ min: 0, max: 1_500 }));
const caps: fc.Arbitrary<RuleCaps> = fc.record({ per_purchase: cap, per_member_day: cap, per_member_month: cap, per_member_year: cap });
const period: fc.Arbitrary<PeriodUse> = fc.record({ day: fc.nat(300), month: fc.nat(600), year: fc.nat(900) });
const CATS = ['food', 'drink', 'tobacco'];
const SKUS = ['S1', 'S2', 'S3'];

const line: fc.Arbitrary<EngineLine> = fc.record({
  sku: fc.option(fc.constantFrom(...SKUS), { nil: null }),
  category: fc.option(fc.constantFrom(...CATS), { nil: null }),
  quantity: fc.integer({ min: 1, max: 5 }),
  amount_fen: fc.nat(50_000),
  discount_fen: fc.nat(5_000),
});

const settings: fc.Arbitrary<EarnSettings> = fc.record({
  timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
  earnPoints: fc.integer({ min: 1, max: 10 }),
  earnPerFen: fc.integer({ min: 1, max: 1_000 }),
  earnOn: fc.constantFrom('paid' as const, 'before_discount' as const),
  exclusions: fc.record({ categories: fc.subarray(CATS), skus: fc.subarray(SKUS) }),
  caps,
});

const scope = fc.constantFrom('line' as const, 'purchase' as const);
const rule: fc.Arbitrary<RuleVersion> = fc.record({
  id: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  version: fc.integer({ min: 1, max: 3 }),
  priority: fc.integer({ min: 0, max: 5 }),
  mode: fc.constantFrom('exclusive' as const, 'stackable' as const),
  from: at,
  to: opt(fc.integer({ min: 1, max: 30 * DAY }), 2),
  active: fc.constantFrom(true, true, true, false),
  conditions: fc.record({
    stores: opt(fc.subarray(['sto_A', 'sto_B'], { minLength: 1 })),
    first_purchase: opt(fc.constant(true)),
    categories: opt(fc.subarray(CATS, { minLength: 1 })),
    min_spend_fen: opt(fc.nat(20_000)),
    weekdays: opt(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 })),
    hours: opt(fc.record({ from: fc.constantFrom('00:00', '09:30', '22:00'), to: fc.constantFrom('02:00', '12:00', '23:59') })),
  }),
  effect: fc.oneof(
    fc.record({ kind: fc.constant('points_per_spend' as const), points: fc.integer({ min: 1, max: 20 }), per_fen: fc.integer({ min: 1, max: 1_000 }), scope }),
    fc.record({ kind: fc.constant('multiplier' as const), factor_pct: fc.integer({ min: 100, max: 1_000 }), scope }),
    fc.record({ kind: fc.constant('fixed_bonus' as const), points: fc.integer({ min: 1, max: 200 }), scope }),
  ),
  caps,
  campaign_id: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
}).map(({ from, to, ...r }) => ({
  ...r, name: r.id, name_en: null, valid_from: null, valid_to: null,
  effective_from: new Date(from.getTime() - 30 * DAY), effective_to: to === undefined ? null : new Date(from.getTime() + to),
}));

const purchase: fc.Arbitrary<EnginePurchase> = fc.record({
  storeId: fc.constant('sto_A'), occurredAt: at, amountFen: fc.nat(100_000), lines: fc.option(fc.array(line, { minLength: 1, maxLength: 5 }), { nil: null }),
});

const member: fc.Arbitrary<EngineMember> = fc.record({
  tierId: fc.constant(null), tierMultiplierPct: fc.integer({ min: 100, max: 300 }), segmentIds: fc.constant([]),
  firstPurchase: fc.boolean(), birthday: fc.constant(null),
});

const left = fc.option(fc.nat(300), { nil: null });
const use: fc.Arbitrary<EngineUse> = fc.record({
  member: period,
  rules: fc.dictionary(fc.constantFrom('r1', 'r2', 'r3', 'r4'), period),
  // c3 is never in force
  campaigns: fc.record({ c1: fc.record({ budgetLeft: left, memberLeft: left }), c2: fc.record({ budgetLeft: left, memberLeft: left }) }),
});

/** What a set of period caps still allows after `used`; Infinity without caps. */
function room(c: RuleCaps, used: PeriodUse): number {
  const rooms = [[c.per_purchase, 0], [c.per_member_day, used.day], [c.per_member_month, used.month], [c.per_member_year, used.year]]
    .filter((x): x is [number, number] => x[0] !== undefined)
    .map(([limit, u]) => Math.max(0, limit - u));
  return Math.min(Infinity, ...rooms);
}

describe('engine properties', () => {
  it('grants between 0 and what was asked, and within every cap\'s room', () => {
    fc.assert(fc.property(settings, fc.uniqueArray(rule, { maxLength: 6, selector: (r) => `${r.id}@${r.version}` }), purchase, member, use, (s, rules, p, m, u) => {
      const r = evaluate(s, rules, p, m, u);
      for (const i of r.items) {
        expect(Number.isSafeInteger(i.granted) && i.granted >= 0 && i.granted <= i.asked).toBe(true);
        expect(i.trimmed_by.length > 0).toBe(i.granted < i.asked);
      }
      expect(r.granted).toBe(r.items.reduce((sum, i) => sum + i.granted, 0));
      expect(r.asked).toBe(r.items.reduce((sum, i) => sum + i.asked, 0));
      expect(r.granted).toBeLessThanOrEqual(room(s.caps, u.member));
      for (const [id, granted] of Object.entries(r.byRule)) {
        const fired = r.items.find((i) => i.rule_id === id)!;
        const version = rules.find((x) => x.id === id && x.version === fired.rule_version)!;
        expect(granted).toBeLessThanOrEqual(room(version.caps, u.rules[id] ?? { day: 0, month: 0, year: 0 }));
      }
      for (const [id, granted] of Object.entries(r.byCampaign)) {
        const c = u.campaigns[id]!;
        expect(granted).toBeLessThanOrEqual(Math.min(c.budgetLeft ?? Infinity, c.memberLeft ?? Infinity));
      }
      // one version per rule at most, and an exclusive rule fires alone
      const versions = new Set(r.items.filter((i) => i.source === 'rule').map((i) => `${i.rule_id}@${i.rule_version}`));
      expect(versions.size).toBe(Object.keys(r.byRule).length);
      const exclusive = [...versions].some((v) => rules.find((x) => `${x.id}@${x.version}` === v)?.mode === 'exclusive');
      if (exclusive) expect(versions.size).toBe(1);
    }), { numRuns: Number(process.env.PATRON_FC_RUNS ?? 500) });
  });

  // The purchase path reads only what the versions that may fire need (earn-by-rules.ts):
  // campaigns, counters and the first purchase of the others are never read. That must not
  // change a single point.
  it('judges the same when only what the versions that may fire need is known', () => {
    fc.assert(fc.property(settings, fc.uniqueArray(rule, { maxLength: 6, selector: (r) => `${r.id}@${r.version}` }), purchase, member, use, (s, rules, p, m, u) => {
      const may = mayFire(s, rules, p);
      const ids = new Set(may.map((r) => r.id));
      const campaigns = new Set(may.flatMap((r) => (r.campaign_id ? [r.campaign_id] : [])));
      const known: EngineUse = {
        member: u.member,
        rules: Object.fromEntries(Object.entries(u.rules).filter(([id]) => ids.has(id))),
        campaigns: Object.fromEntries(Object.entries(u.campaigns).filter(([id]) => campaigns.has(id))),
      };
      const firstKnown = may.some((r) => r.conditions.first_purchase) ? m.firstPurchase : false;
      const all = evaluate(s, rules, p, m, u);
      expect(evaluate(s, rules, p, { ...m, firstPurchase: firstKnown }, known)).toEqual(all);
      for (const id of Object.keys(all.byRule)) expect(ids.has(id)).toBe(true);
    }), { numRuns: Number(process.env.PATRON_FC_RUNS ?? 500) });
  });
});
