import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { line, member, purchase, rule, settings, use } from './engine.fixtures.ts';
import type { EngineResult } from './rule.ts';

// The worked examples of README.md, so the document cannot drift from the engine.

const shop = settings({ exclusions: { categories: ['tobacco'], skus: [] } });
const gold = member({ tierId: 'gold', tierMultiplierPct: 150 });
const basket = purchase({
  occurredAt: new Date('2026-11-28T12:30:00Z'), // Saturday 20:30 in Shanghai
  amountFen: 10_149,
  lines: [line(3_850, { sku: 'MILK', category: 'dairy', quantity: 2 }), line(5_000, { sku: 'CIG', category: 'tobacco' }), line(1_299, { sku: 'BREAD', category: 'bakery', discount_fen: 200 })],
});
const weekend = rule({ id: 'weekend', priority: 10, conditions: { weekdays: [6, 7] }, effect: { kind: 'multiplier', factor_pct: 200, scope: 'line' } });
const dairy = rule({ id: 'dairy', priority: 5, conditions: { categories: ['dairy'] }, effect: { kind: 'fixed_bonus', points: 20, scope: 'line' } });
const spend50 = rule({ id: 'spend50', priority: 1, conditions: { min_spend_fen: 5_000 }, effect: { kind: 'fixed_bonus', points: 30, scope: 'purchase' } });
const memberDay = rule({ id: 'memberday', priority: 0, mode: 'exclusive', conditions: { weekdays: [6] }, effect: { kind: 'points_per_spend', points: 3, per_fen: 100, scope: 'purchase' } });

const table = (r: EngineResult) => r.items.map((i) => `${i.source} ${i.rule_id ?? '-'} ${i.line ?? '-'} ${i.asked} ${i.granted} ${i.trimmed_by.join(',')}`.trim());

describe('README examples', () => {
  it('1: stackable rules', () => {
    const r = evaluate(shop, [spend50, dairy, weekend], basket, gold, use());
    expect(table(r)).toEqual([
      'base - - 51 51', 'tier - - 25 25',
      'rule weekend 0 38 38', 'rule weekend 2 12 12', 'rule dairy 0 20 20', 'rule spend50 - 30 30',
    ]);
    expect([r.eligibleFen, r.asked, r.granted, r.byRule]).toEqual([5_149, 176, 176, { weekend: 50, dairy: 20, spend50: 30 }]);
  });

  it('2: an exclusive rule', () => {
    const r = evaluate(shop, [spend50, dairy, weekend, memberDay], basket, gold, use());
    expect(table(r).slice(2)).toEqual(['rule memberday - 154 154']);
    expect(r.granted).toBe(51 + 25 + 154);
  });

  it('3: the program\'s daily cap', () => {
    const capped = settings({ ...shop, caps: { per_member_day: 2_000 } });
    const r = evaluate(capped, [spend50, dairy, weekend], basket, gold, use({ member: { day: 1_900, month: 1_900, year: 1_900 } }));
    expect(table(r)).toEqual([
      'base - - 51 51', 'tier - - 25 25',
      'rule weekend 0 38 24 per_member_day', 'rule weekend 2 12 0 per_member_day', 'rule dairy 0 20 0 per_member_day', 'rule spend50 - 30 0 per_member_day',
    ]);
    expect([r.asked, r.granted]).toEqual([176, 100]);
  });

  it('4: a campaign rule with its own cap', () => {
    const promo = rule({ ...dairy, campaign_id: 'cmp_milk', caps: { per_member_month: 50 } });
    const r = evaluate(shop, [promo], basket, gold, use({ rules: { dairy: { day: 0, month: 40, year: 40 } }, campaigns: { cmp_milk: { budgetLeft: 6, memberLeft: null } } }));
    expect(table(r).slice(2)).toEqual(['rule dairy 0 20 6 rule_per_member_month,campaign_budget']);
    expect([r.byRule, r.byCampaign]).toEqual([{ dairy: 6 }, { cmp_milk: 6 }]);
  });
});
