// The earning-rule model (seed 000 第四章 第一条款 积分获取方式): rules are data, versioned,
// evaluated by a pure engine (engine.ts) that the purchase, the dry run and the simulate
// endpoint all call. Nothing here touches the database.

/** A purchase line as the engine sees it. amount_fen is what was paid for the line. */
export interface EngineLine {
  sku: string | null;
  category: string | null;
  quantity: number;
  amount_fen: number;
  /** discount given on the line (fen); counts toward the earn basis only when the program earns before discounts */
  discount_fen: number;
}

export interface RuleConditions {
  stores?: string[];
  /** line conditions: the rule applies to the lines matching all of them */
  categories?: string[];
  skus?: string[];
  /** the member's tier at the purchase's time */
  tiers?: string[];
  segments?: string[];
  /** ISO weekdays in the program's zone, 1 = Monday … 7 = Sunday */
  weekdays?: number[];
  /** local dates (YYYY-MM-DD) the rule is limited to, e.g. double-points days */
  dates?: string[];
  /** local time of day, from inclusive, to exclusive, 'HH:MM' */
  hours?: { from: string; to: string };
  /** eligible amount of the purchase (after exclusions) at least this */
  min_spend_fen?: number;
  first_purchase?: boolean;
  birthday_month?: boolean;
}

export type RuleScope = 'line' | 'purchase';

export type RuleEffect =
  /** floor(basis × points / per_fen) */
  | { kind: 'points_per_spend'; points: number; per_fen: number; scope: RuleScope }
  /** the base earn on the basis × (factor_pct − 100) / 100: 200 doubles the base */
  | { kind: 'multiplier'; factor_pct: number; scope: RuleScope }
  /** a fixed number of points, once per matching line (scope line) or once per purchase */
  | { kind: 'fixed_bonus'; points: number; scope: RuleScope };

export interface RuleCaps {
  per_purchase?: number;
  per_member_day?: number;
  per_member_month?: number;
  per_member_year?: number;
}

export interface RuleVersion {
  id: string;
  version: number;
  name: string;
  name_en: string | null;
  /** higher runs first; the highest applicable exclusive rule is the only rule that fires */
  priority: number;
  mode: 'exclusive' | 'stackable';
  /** validity in the program's zone, inclusive local dates; null = open */
  valid_from: string | null;
  valid_to: string | null;
  /** this version was in force from effective_from until effective_to (the next version or the end) */
  effective_from: Date;
  effective_to: Date | null;
  /** false once paused or archived; a purchase is judged by the status in force at its time */
  active: boolean;
  conditions: RuleConditions;
  effect: RuleEffect;
  caps: RuleCaps;
  /** a campaign's rule: also limited by the campaign's dates, budget and per-member limit */
  campaign_id: string | null;
}

export interface EarnSettings {
  timeZone: string;
  earnPoints: number;
  earnPerFen: number;
  earnOn: 'paid' | 'before_discount';
  exclusions: { categories: string[]; skus: string[] };
  caps: RuleCaps;
}

export interface EngineMember {
  /** the tier in force at the purchase's time */
  tierId: string | null;
  /** the tier's earn multiplier benefit, 100 = none */
  tierMultiplierPct: number;
  /** the paid VIP plan in force at the purchase's time and its earn multiplier (memberships module); absent = none */
  vip?: { planId: string; multiplierPct: number } | null;
  /** segments the member belonged to at the purchase's time */
  segmentIds: string[];
  firstPurchase: boolean;
  /** YYYY-MM-DD or null */
  birthday: string | null;
}

/** Points already granted in the periods the purchase falls in (its local day, month, year). */
export interface PeriodUse {
  day: number;
  month: number;
  year: number;
}

export interface EngineUse {
  member: PeriodUse;
  rules: Record<string, PeriodUse>;
  /** per campaign: budget points left and this member's points left under the per-member limit; null = unlimited */
  campaigns: Record<string, { budgetLeft: number | null; memberLeft: number | null }>;
}

export interface EnginePurchase {
  storeId: string;
  occurredAt: Date;
  amountFen: number;
  /** null: the purchase is one line of amountFen with no SKU or category */
  lines: EngineLine[] | null;
}

export type CapName =
  | 'rule_per_purchase' | 'rule_per_member_day' | 'rule_per_member_month' | 'rule_per_member_year'
  | 'campaign_budget' | 'campaign_member_limit'
  | 'per_purchase' | 'per_member_day' | 'per_member_month' | 'per_member_year';

export interface BreakdownItem {
  source: 'base' | 'tier' | 'vip' | 'rule';
  /** source vip: the VIP plan whose multiplier earned it */
  vip_plan_id?: string;
  rule_id: string | null;
  rule_version: number | null;
  campaign_id: string | null;
  /** index into the purchase's lines; null for a purchase-level award */
  line: number | null;
  asked: number;
  granted: number;
  /** the caps that trimmed this item, in the order they applied */
  trimmed_by: CapName[];
}

export interface EngineResult {
  asked: number;
  granted: number;
  items: BreakdownItem[];
  /** the purchase's local day, month and year keys (YYYY-MM-DD, YYYY-MM, YYYY) the counters use */
  periods: { day: string; month: string; year: string };
  /** points granted per rule and per campaign, to add to their counters */
  byRule: Record<string, number>;
  byCampaign: Record<string, number>;
  /** the amount that counted (after exclusions, on the program's basis) */
  eligibleFen: number;
}
