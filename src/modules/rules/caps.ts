import type { BreakdownItem, CapName, EngineUse, PeriodUse, RuleCaps, RuleVersion } from './rule.ts';

// Caps trim what the rules asked for (README: "Caps"). Three stages, each over the items
// it limits, in the items' order: the rule's own caps, then its campaign's, then the
// program's over everything. A later stage only lowers `granted`, so every earlier limit
// still holds at the end.

interface Limit {
  name: CapName;
  /** null or undefined: no such cap */
  cap: number | null | undefined;
  /** what the member (or the campaign) already used in the period before this purchase */
  used: number;
}

/**
 * Walks the items in order; each may take what is left under every limit after the items
 * before it. So the first items are served first and the last are trimmed first.
 */
function trim(items: BreakdownItem[], limits: Limit[]): void {
  let taken = 0;
  for (const item of items) {
    for (const l of limits) {
      if (l.cap === null || l.cap === undefined) continue;
      const room = Math.max(0, l.cap - l.used - taken);
      if (item.granted > room) {
        item.granted = room;
        item.trimmed_by.push(l.name);
      }
    }
    taken += item.granted;
  }
}

const NO_USE: PeriodUse = { day: 0, month: 0, year: 0 };

/** an own entry only: an id such as 'constructor' must not find Object.prototype's */
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

function periodLimits(caps: RuleCaps, used: PeriodUse, prefix: '' | 'rule_'): Limit[] {
  return [
    { name: `${prefix}per_purchase`, cap: caps.per_purchase, used: 0 },
    { name: `${prefix}per_member_day`, cap: caps.per_member_day, used: used.day },
    { name: `${prefix}per_member_month`, cap: caps.per_member_month, used: used.month },
    { name: `${prefix}per_member_year`, cap: caps.per_member_year, used: used.year },
  ];
}

/**
 * Trims `items` in place. They must be in consumption order: base items, tier items, the VIP item, then
 * the fired rules' items by priority (highest first), so the program's caps cut the
 * lowest-priority bonus first and the base last.
 */
export function applyCaps(items: BreakdownItem[], fired: RuleVersion[], programCaps: RuleCaps, use: EngineUse): void {
  for (const rule of fired) {
    trim(items.filter((i) => i.rule_id === rule.id), periodLimits(rule.caps, own(use.rules, rule.id) ?? NO_USE, 'rule_'));
  }
  const campaigns = new Set(fired.flatMap((r) => (r.campaign_id === null ? [] : [r.campaign_id])));
  for (const id of campaigns) {
    const left = own(use.campaigns, id);
    if (!left) continue; // unreachable: a campaign rule without its campaign does not fire
    trim(items.filter((i) => i.campaign_id === id), [
      { name: 'campaign_budget', cap: left.budgetLeft, used: 0 },
      { name: 'campaign_member_limit', cap: left.memberLeft, used: 0 },
    ]);
  }
  trim(items, periodLimits(programCaps, use.member, ''));
}
