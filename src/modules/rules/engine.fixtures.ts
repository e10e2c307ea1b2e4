import { evaluate } from './engine.ts';
import type { EarnSettings, EngineLine, EngineMember, EnginePurchase, EngineResult, EngineUse, RuleVersion } from './rule.ts';

// Builders for the engine's tests: a plain program (1 point per yuan, Shanghai), a plain
// member, no prior use, and a rule that gives 10 points; each test overrides what it is about.

export const TZ = 'Asia/Shanghai';
/** Monday 23 Nov 2026, 12:00 in Shanghai */
export const NOON_MONDAY = new Date('2026-11-23T04:00:00Z');

export const settings = (over: Partial<EarnSettings> = {}): EarnSettings => ({
  timeZone: TZ, earnPoints: 1, earnPerFen: 100, earnOn: 'paid', exclusions: { categories: [], skus: [] }, caps: {}, ...over,
});

export const member = (over: Partial<EngineMember> = {}): EngineMember => ({
  tierId: null, tierMultiplierPct: 100, segmentIds: [], firstPurchase: false, birthday: null, ...over,
});

export const use = (over: Partial<EngineUse> = {}): EngineUse => ({
  member: { day: 0, month: 0, year: 0 }, rules: {}, campaigns: {}, ...over,
});

export const purchase = (over: Partial<EnginePurchase> = {}): EnginePurchase => ({
  storeId: 'sto_A', occurredAt: NOON_MONDAY, amountFen: 10_000, lines: null, ...over,
});

export const line = (amount_fen: number, over: Partial<EngineLine> = {}): EngineLine => ({
  sku: null, category: null, quantity: 1, amount_fen, discount_fen: 0, ...over,
});

export const rule = (over: Partial<RuleVersion> = {}): RuleVersion => ({
  id: 'r1', version: 1, name: '规则', name_en: null, priority: 0, mode: 'stackable',
  valid_from: null, valid_to: null, effective_from: new Date('2026-01-01T00:00:00Z'), effective_to: null, active: true,
  conditions: {}, effect: { kind: 'fixed_bonus', points: 10, scope: 'purchase' }, caps: {}, campaign_id: null,
  ...over,
});

export interface Scenario {
  s?: Partial<EarnSettings>;
  rules?: RuleVersion[];
  p?: Partial<EnginePurchase>;
  m?: Partial<EngineMember>;
  u?: Partial<EngineUse>;
}
export const run = (o: Scenario = {}) => evaluate(settings(o.s), o.rules ?? [], purchase(o.p), member(o.m), use(o.u));

/** The ids of the rules that earned something, in the result's order. */
export const firedIds = (r: EngineResult) => [...new Set(r.items.filter((i) => i.source === 'rule').map((i) => i.rule_id))];
