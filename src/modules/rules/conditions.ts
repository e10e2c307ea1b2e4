import type { LocalParts } from './local-time.ts';
import type { EngineLine, EngineMember, EngineUse, RuleConditions, RuleVersion } from './rule.ts';

// Which rule versions fire for a purchase (README: "Which rules fire").

/** A line that earns: not excluded, with its basis (fen) and its base points. */
export interface EligibleLine {
  /** index into purchase.lines; null when the purchase came without lines */
  index: number | null;
  line: EngineLine;
  basis: number;
  base: number;
}

export interface Facts {
  local: LocalParts;
  storeId: string;
  member: EngineMember;
  use: EngineUse;
  eligibleFen: number;
  lines: EligibleLine[];
}

export interface Firing {
  rule: RuleVersion;
  /** the eligible lines the rule's line conditions pick (all of them when it has none) */
  lines: EligibleLine[];
}

/** The version was in force at the instant, active then, and valid on the local day. */
export function inForce(rule: RuleVersion, at: Date, day: string): boolean {
  const t = at.getTime();
  return rule.active
    && rule.effective_from.getTime() <= t
    && (rule.effective_to === null || t < rule.effective_to.getTime())
    && (rule.valid_from === null || rule.valid_from <= day)
    && (rule.valid_to === null || day <= rule.valid_to);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** from inclusive, to exclusive; a window whose from is after its to runs across midnight. */
export function withinHours(hours: { from: string; to: string }, minutes: number): boolean {
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  return from <= to ? from <= minutes && minutes < to : minutes >= from || minutes < to;
}

/** What a purchase shows by itself, before anything is read about the member. */
export type BasketFacts = Pick<Facts, 'local' | 'storeId' | 'eligibleFen' | 'lines'>;

/** The conditions on the store, the local day and hour and the spend: the member's context plays no part. */
function basketConditionsHold(c: RuleConditions, f: BasketFacts): boolean {
  if (c.stores && !c.stores.includes(f.storeId)) return false;
  if (c.weekdays && !c.weekdays.includes(f.local.weekday)) return false;
  if (c.dates && !c.dates.includes(f.local.day)) return false;
  if (c.hours && !withinHours(c.hours, f.local.minutes)) return false;
  if (c.min_spend_fen !== undefined && f.eligibleFen < c.min_spend_fen) return false;
  return true;
}

function purchaseConditionsHold(c: RuleConditions, f: Facts): boolean {
  if (!basketConditionsHold(c, f)) return false;
  if (c.tiers && (f.member.tierId === null || !c.tiers.includes(f.member.tierId))) return false;
  if (c.segments && !c.segments.some((s) => f.member.segmentIds.includes(s))) return false;
  if (c.first_purchase && !f.member.firstPurchase) return false;
  if (c.birthday_month && f.member.birthday?.slice(5, 7) !== f.local.month.slice(5, 7)) return false;
  return true;
}

function lineMatches(c: RuleConditions, line: EngineLine): boolean {
  return (!c.categories || (line.category !== null && c.categories.includes(line.category)))
    && (!c.skus || (line.sku !== null && c.skus.includes(line.sku)));
}

/**
 * The lines a rule applies to, or null when it does not apply. A rule needs at least one
 * matching eligible line even without line conditions: a basket of excluded goods only
 * earns no bonus either.
 */
export function appliesTo(rule: RuleVersion, f: Facts): EligibleLine[] | null {
  const c = rule.conditions;
  if (rule.campaign_id !== null && !Object.hasOwn(f.use.campaigns, rule.campaign_id)) return null;
  if (!purchaseConditionsHold(c, f)) return null;
  return matchingLines(c, f);
}

function matchingLines(c: RuleConditions, f: BasketFacts): EligibleLine[] | null {
  const lines = c.categories || c.skus ? f.lines.filter((l) => lineMatches(c, l.line)) : f.lines;
  return lines.length > 0 ? lines : null;
}

/**
 * The versions that may fire for this basket whatever the member's context turns out to be:
 * in force, their basket conditions hold and some eligible line matches. Every version
 * `firing` picks is among them (it checks the same things and more), so the context read
 * fetches only what these need (earn-by-rules.ts): no campaign room for a basket the
 * campaign's rule cannot touch, no counters of a capped rule that cannot fire.
 */
export function candidates(rules: RuleVersion[], at: Date, f: BasketFacts): RuleVersion[] {
  return rules.filter((r) => inForce(r, at, f.local.day) && basketConditionsHold(r.conditions, f) && matchingLines(r.conditions, f) !== null);
}

const byPriority = (a: Firing, b: Firing) =>
  b.rule.priority - a.rule.priority || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0);

/**
 * The rules that fire, highest priority first: the highest-priority applying exclusive
 * rule alone if there is one, else every applying (stackable) rule.
 */
export function firing(rules: RuleVersion[], at: Date, f: Facts): Firing[] {
  // One version per rule: if versions overlap in time (bad data), the newest wins rather
  // than the rule firing twice.
  const current = new Map<string, RuleVersion>();
  for (const r of rules) {
    if (!inForce(r, at, f.local.day)) continue;
    const seen = current.get(r.id);
    if (!seen || r.version > seen.version) current.set(r.id, r);
  }
  const applying: Firing[] = [];
  for (const rule of current.values()) {
    const lines = appliesTo(rule, f);
    if (lines) applying.push({ rule, lines });
  }
  applying.sort(byPriority);
  const exclusive = applying.find((a) => a.rule.mode === 'exclusive');
  return exclusive ? [exclusive] : applying;
}
