import { mulDiv } from '../../platform/arith.ts';
import { applyCaps } from './caps.ts';
import { candidates, firing, type EligibleLine, type Facts } from './conditions.ts';
import { localParts } from './local-time.ts';
import type {
  BreakdownItem, EarnSettings, EngineLine, EngineMember, EnginePurchase, EngineResult, EngineUse, RuleEffect, RuleVersion,
} from './rule.ts';

// The earning-rule engine (seed 000 第四章 第一条款 积分获取方式): a pure function from the
// program's settings, the rule versions, a purchase, the member and what the member has
// already earned this day/month/year to the points it earns, item by item. The purchase,
// its dry run and the simulate endpoint all call it, so they cannot disagree.
// README.md in this folder states the semantics with worked examples.
//
// Every product goes through mulDiv: a basis of 10^12 fen times a rate passes 2^53, and a
// float would then lose a point (and a later return would reverse the wrong amount).

export { localParts, type LocalParts } from './local-time.ts';

/** Points at the program's base rate on a basis, rounded down. */
const baseOn = (s: EarnSettings, basisFen: number) => mulDiv(basisFen, s.earnPoints, s.earnPerFen);

/** What `pct` adds on top of `points` (200 adds 100 %); never negative. */
const extra = (points: number, pct: number) => (pct > 100 ? mulDiv(points, pct - 100, 100) : 0);

function eligibleLines(s: EarnSettings, p: EnginePurchase): EligibleLine[] {
  const lines: EngineLine[] = p.lines ?? [{ sku: null, category: null, quantity: 1, amount_fen: p.amountFen, discount_fen: 0 }];
  const out: EligibleLine[] = [];
  lines.forEach((line, i) => {
    const excluded = (line.category !== null && s.exclusions.categories.includes(line.category))
      || (line.sku !== null && s.exclusions.skus.includes(line.sku));
    if (excluded) return;
    const basis = s.earnOn === 'before_discount' ? line.amount_fen + line.discount_fen : line.amount_fen;
    out.push({ index: p.lines ? i : null, line, basis, base: baseOn(s, basis) });
  });
  return out;
}

function award(s: EarnSettings, effect: RuleEffect, basisFen: number): number {
  switch (effect.kind) {
    case 'points_per_spend': return mulDiv(basisFen, effect.points, effect.per_fen);
    case 'multiplier': return extra(baseOn(s, basisFen), effect.factor_pct);
    case 'fixed_bonus': return effect.points;
  }
}

function item(source: BreakdownItem['source'], rule: RuleVersion | null, line: number | null, asked: number): BreakdownItem {
  // An effect adds points or nothing; bad data must not make a rule take points away.
  const points = Math.max(0, asked);
  return {
    source, rule_id: rule?.id ?? null, rule_version: rule?.version ?? null, campaign_id: rule?.campaign_id ?? null,
    line, asked: points, granted: points, trimmed_by: [],
  };
}

/** A fired rule's items: one per matching line (scope line) or one on their summed basis (scope purchase). */
function ruleItems(s: EarnSettings, rule: RuleVersion, lines: EligibleLine[]): BreakdownItem[] {
  if (rule.effect.scope === 'line') return lines.map((l) => item('rule', rule, l.index, award(s, rule.effect, l.basis)));
  const basis = lines.reduce((sum, l) => sum + l.basis, 0);
  return [item('rule', rule, null, award(s, rule.effect, basis))];
}

function sumBy(items: BreakdownItem[], key: (i: BreakdownItem) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const k = key(i);
    if (k !== null) out[k] = (Object.hasOwn(out, k) ? out[k]! : 0) + i.granted;
  }
  return out;
}

/** The rule versions that may fire for this purchase before its member is known (conditions.ts `candidates`). */
export function mayFire(settings: EarnSettings, rules: RuleVersion[], purchase: EnginePurchase): RuleVersion[] {
  const local = localParts(purchase.occurredAt, settings.timeZone);
  const lines = eligibleLines(settings, purchase);
  return candidates(rules, purchase.occurredAt, { local, storeId: purchase.storeId, eligibleFen: lines.reduce((sum, l) => sum + l.basis, 0), lines });
}

export function evaluate(
  settings: EarnSettings, rules: RuleVersion[], purchase: EnginePurchase, member: EngineMember, use: EngineUse,
): EngineResult {
  const local = localParts(purchase.occurredAt, settings.timeZone);
  const lines = eligibleLines(settings, purchase);
  const eligibleFen = lines.reduce((sum, l) => sum + l.basis, 0);
  const facts: Facts = { local, storeId: purchase.storeId, member, use, eligibleFen, lines };
  const fired = firing(rules, purchase.occurredAt, facts);

  // The base rate and the tier's multiplier apply to the whole eligible amount, rounded
  // down once (as a purchase without rules earns): per line, each line would lose its
  // fraction of a point. Consumption order for the program's caps: base, tier, VIP, rules.
  const base = baseOn(settings, eligibleFen);
  const items: BreakdownItem[] = [item('base', null, null, base), item('tier', null, null, extra(base, member.tierMultiplierPct))];
  // A paid VIP plan's multiplier works like the tier's, on the same base, after it (VIP客户服务)
  if (member.vip) items.push({ ...item('vip', null, null, extra(base, member.vip.multiplierPct)), vip_plan_id: member.vip.planId });
  for (const f of fired) items.push(...ruleItems(settings, f.rule, f.lines));
  applyCaps(items, fired.map((f) => f.rule), settings.caps, use);

  const kept = items.filter((i) => i.asked > 0);
  return {
    asked: kept.reduce((sum, i) => sum + i.asked, 0),
    granted: kept.reduce((sum, i) => sum + i.granted, 0),
    items: kept,
    periods: { day: local.day, month: local.month, year: local.year },
    byRule: sumBy(kept, (i) => i.rule_id),
    byCampaign: sumBy(kept, (i) => i.campaign_id),
    eligibleFen,
  };
}
