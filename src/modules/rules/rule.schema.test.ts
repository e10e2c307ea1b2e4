import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ZBreakdownItem } from '../points/index.ts';
import { ZRuleInput, type ZRuleCaps, type ZRuleConditions, type ZRuleEffect } from './rule.schema.ts';
import type { BreakdownItem, RuleCaps, RuleConditions, RuleEffect } from './rule.ts';
import type { z } from 'zod';

const ULID = '01JC0000000000000000000000';
const valid = {
  name: '周一双倍积分', name_en: 'Double points on Mondays', priority: 10, mode: 'stackable',
  valid_from: '2026-11-01', valid_to: '2026-11-30',
  conditions: { stores: [`sto_${ULID}`], weekdays: [1], hours: { from: '22:00', to: '02:00' }, segments: [`seg_${ULID}`], min_spend_fen: 0 },
  effect: { kind: 'multiplier', factor_pct: 200, scope: 'line' },
  caps: { per_member_day: 500 },
  campaign_id: `cmp_${ULID}`,
};
/** the paths and messages of the issues of an input with `patch` applied */
const issues = (patch: object) => {
  const r = ZRuleInput.safeParse({ ...valid, ...patch });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('rule schemas', () => {
  it('parse to the engine\'s types', () => {
    expectTypeOf<z.infer<typeof ZRuleConditions>>().toExtend<RuleConditions>();
    expectTypeOf<z.infer<typeof ZRuleEffect>>().toExtend<RuleEffect>();
    expectTypeOf<z.infer<typeof ZRuleCaps>>().toExtend<RuleCaps>();
    expectTypeOf<z.infer<typeof ZBreakdownItem>>().toEqualTypeOf<BreakdownItem>();
    expect(ZRuleInput.safeParse(valid).success).toBe(true);
    expect(ZRuleInput.safeParse({ ...valid, conditions: {}, caps: {}, valid_from: null, valid_to: undefined, campaign_id: null }).success).toBe(true);
  });

  it('refuses a validity that ends before it starts, on valid_to', () => {
    expect(issues({ valid_to: '2026-10-31' })).toEqual(['valid_to: rules.valid_range']);
    expect(issues({ valid_to: '2026-11-01' })).toEqual([]);
  });

  it('checks the conditions', () => {
    const c = (conditions: object) => issues({ conditions });
    expect(c({ weekdays: [0] })).toHaveLength(1);
    expect(c({ weekdays: [8] })).toHaveLength(1);
    expect(c({ weekdays: [1, 1] })).toEqual(['conditions.weekdays: rules.weekdays_unique']);
    expect(c({ hours: { from: '24:00', to: '01:00' } })).toEqual(['conditions.hours.from: rules.hhmm']);
    expect(c({ hours: { from: '9:00', to: '10:00' } })).toEqual(['conditions.hours.from: rules.hhmm']);
    expect(c({ hours: { from: '10:00', to: '10:00' } })).toEqual(['conditions.hours.to: rules.hours_empty']);
    expect(c({ stores: [] })).toHaveLength(1);
    expect(c({ stores: ['sto_x'] })).toEqual(['conditions.stores.0: field.id']);
    expect(c({ segments: [`tier_${ULID}`] })).toEqual(['conditions.segments.0: field.id']);
    expect(c({ dates: ['2026-02-30'] })).toEqual(['conditions.dates.0: field.date']);
    expect(c({ min_spend_fen: -1 })).toHaveLength(1);
    expect(c({ colour: 'red' })).toHaveLength(1);
  });

  it('checks the effect by its kind, and the caps', () => {
    const e = (effect: object) => issues({ effect });
    expect(e({ kind: 'points_per_spend', points: 1, per_fen: 0, scope: 'line' })).toHaveLength(1);
    expect(e({ kind: 'points_per_spend', points: 1, per_fen: 100, scope: 'line' })).toEqual([]);
    expect(e({ kind: 'multiplier', factor_pct: 99, scope: 'line' })).toHaveLength(1);
    expect(e({ kind: 'multiplier', factor_pct: 1_001, scope: 'line' })).toHaveLength(1);
    expect(e({ kind: 'fixed_bonus', points: 1.5, scope: 'purchase' })).toHaveLength(1);
    expect(e({ kind: 'fixed_bonus', points: 5, scope: 'basket' })).toHaveLength(1);
    expect(e({ kind: 'cashback', points: 5, scope: 'line' })).toHaveLength(1);
    expect(issues({ caps: { per_purchase: -1 } })).toHaveLength(1);
    expect(issues({ caps: { per_purchase: 0, per_member_year: 10 } })).toEqual([]);
    expect(issues({ priority: 1.5 })).toHaveLength(1);
  });
});
