import { describe, expect, it } from 'vitest';
import { line, rule, run } from './engine.fixtures.ts';
import type { BreakdownItem, EngineResult } from './rule.ts';

const bonus = (points: number, scope: 'line' | 'purchase' = 'purchase') => ({ kind: 'fixed_bonus', points, scope }) as const;
const three = { amountFen: 3_000, lines: [line(1_000), line(1_000), line(1_000)] };
const ruleItems = (r: EngineResult) => r.items.filter((i) => i.source === 'rule');
const shape = (items: BreakdownItem[]) => items.map((i) => [i.asked, i.granted, i.trimmed_by]);

describe('rule caps', () => {
  it('per purchase: the rule\'s own items, first lines served first', () => {
    const r = run({ p: three, rules: [rule({ effect: bonus(10, 'line'), caps: { per_purchase: 25 } })] });
    expect(shape(ruleItems(r))).toEqual([[10, 10, []], [10, 10, []], [10, 5, ['rule_per_purchase']]]);
    expect([r.asked, r.granted, r.byRule]).toEqual([30 + 30, 30 + 25, { r1: 25 }]);
  });

  it('per member day, month and year count what the rule granted before (missing = none)', () => {
    const used = { r1: { day: 95, month: 480, year: 1_990 } };
    const at = (caps: object, u = used) => shape(ruleItems(run({ rules: [rule({ caps })], u: { rules: u } })));
    expect(at({ per_member_day: 100 })).toEqual([[10, 5, ['rule_per_member_day']]]);
    expect(at({ per_member_month: 483 })).toEqual([[10, 3, ['rule_per_member_month']]]);
    expect(at({ per_member_year: 2_000 })).toEqual([[10, 10, []]]);
    expect(at({ per_member_year: 1_991 })).toEqual([[10, 1, ['rule_per_member_year']]]);
    expect(at({ per_member_day: 100 }, {} as typeof used)).toEqual([[10, 10, []]]);
  });

  it('per member day also counts this purchase\'s earlier items, and never goes below zero', () => {
    const r = run({ p: three, rules: [rule({ effect: bonus(10, 'line'), caps: { per_member_day: 22 } })], u: { rules: { r1: { day: 5, month: 0, year: 0 } } } });
    expect(ruleItems(r).map((i) => i.granted)).toEqual([10, 7, 0]);
    const over = run({ rules: [rule({ caps: { per_member_day: 22 } })], u: { rules: { r1: { day: 40, month: 0, year: 0 } } } });
    expect(shape(ruleItems(over))).toEqual([[10, 0, ['rule_per_member_day']]]);
  });

  it('caps one rule only', () => {
    const r = run({ rules: [rule({ id: 'a', caps: { per_purchase: 3 } }), rule({ id: 'b' })] });
    expect(r.byRule).toEqual({ a: 3, b: 10 });
  });
});

describe('campaign caps', () => {
  const campaignRules = [rule({ id: 'hi', priority: 9, campaign_id: 'cmp_1', effect: bonus(10) }), rule({ id: 'lo', priority: 1, campaign_id: 'cmp_1', effect: bonus(10) })];
  const campaign = (budgetLeft: number | null, memberLeft: number | null) => run({ rules: campaignRules, u: { campaigns: { cmp_1: { budgetLeft, memberLeft } } } });

  it('the budget left is shared by the campaign\'s rules, higher priority first', () => {
    const r = campaign(14, null);
    expect(shape(ruleItems(r))).toEqual([[10, 10, []], [10, 4, ['campaign_budget']]]);
    expect([r.byRule, r.byCampaign]).toEqual([{ hi: 10, lo: 4 }, { cmp_1: 14 }]);
  });

  it('the member\'s limit left, after the budget', () => {
    expect(shape(ruleItems(campaign(null, 3)))).toEqual([[10, 3, ['campaign_member_limit']], [10, 0, ['campaign_member_limit']]]);
    expect(shape(ruleItems(campaign(5, 3)))).toEqual([[10, 3, ['campaign_budget', 'campaign_member_limit']], [10, 0, ['campaign_budget', 'campaign_member_limit']]]);
  });

  it('null is unlimited; an exhausted budget grants nothing', () => {
    expect(campaign(null, null).byCampaign).toEqual({ cmp_1: 20 });
    expect(campaign(0, null).byCampaign).toEqual({ cmp_1: 0 });
  });

  it('applies after the rule\'s own cap', () => {
    const rules = [rule({ campaign_id: 'cmp_1', effect: bonus(10), caps: { per_purchase: 8 } })];
    const r = run({ rules, u: { campaigns: { cmp_1: { budgetLeft: 5, memberLeft: null } } } });
    expect(shape(ruleItems(r))).toEqual([[10, 5, ['rule_per_purchase', 'campaign_budget']]]);
  });
});

describe('program caps', () => {
  // base 100 (100 yuan at 1 point per yuan), then bonuses of priority 9 and 1
  const rules = [rule({ id: 'hi', priority: 9, effect: bonus(30) }), rule({ id: 'lo', priority: 1, effect: bonus(20) })];
  const granted = (r: EngineResult) => r.items.map((i) => [i.source, i.rule_id, i.granted, i.trimmed_by]);

  it('per purchase: the lowest-priority bonus is trimmed first, the base last', () => {
    expect(granted(run({ rules, s: { caps: { per_purchase: 140 } } }))).toEqual([
      ['base', null, 100, []], ['rule', 'hi', 30, []], ['rule', 'lo', 10, ['per_purchase']],
    ]);
    const r = run({ rules, s: { caps: { per_purchase: 60 } } });
    expect(granted(r)).toEqual([['base', null, 60, ['per_purchase']], ['rule', 'hi', 0, ['per_purchase']], ['rule', 'lo', 0, ['per_purchase']]]);
    expect([r.asked, r.granted, r.byRule]).toEqual([150, 60, { hi: 0, lo: 0 }]);
  });

  it('tier items come after the base and before the rules', () => {
    const r = run({ rules, m: { tierMultiplierPct: 120 }, s: { caps: { per_purchase: 130 } } });
    expect(granted(r)).toEqual([['base', null, 100, []], ['tier', null, 20, []], ['rule', 'hi', 10, ['per_purchase']], ['rule', 'lo', 0, ['per_purchase']]]);
  });

  it('per member day, month and year count what the member earned before', () => {
    const member = { day: 900, month: 4_900, year: 19_900 };
    const total = (caps: object) => run({ rules, s: { caps }, u: { member } });
    expect(total({ per_member_day: 1_000 }).granted).toBe(100);
    expect(total({ per_member_day: 1_000 }).items.at(-1)!.trimmed_by).toEqual(['per_member_day']);
    expect(total({ per_member_month: 5_020 }).granted).toBe(120);
    expect(total({ per_member_year: 20_040 }).items.map((i) => i.trimmed_by)).toEqual([[], [], ['per_member_year']]);
    expect(total({ per_member_year: 19_000 }).granted).toBe(0); // already over: nothing, never negative
  });

  it('runs after the rule and campaign caps, each naming itself in order', () => {
    const r = run({ rules: [rule({ effect: bonus(50), caps: { per_purchase: 40 } })], s: { caps: { per_purchase: 120 } } });
    expect(shape(ruleItems(r))).toEqual([[50, 20, ['rule_per_purchase', 'per_purchase']]]);
  });

  it('the tightest of several program caps decides', () => {
    const r = run({ rules, s: { caps: { per_purchase: 140, per_member_day: 1_000 } }, u: { member: { day: 880, month: 0, year: 0 } } });
    expect(r.granted).toBe(120);
    expect(r.items.map((i) => i.trimmed_by)).toEqual([[], ['per_member_day'], ['per_member_day']]);
  });
});
