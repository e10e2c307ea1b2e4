import { sql, type RawBuilder } from 'kysely';
import type { Result } from '../platform/errors.ts';
import { notFound } from '../platform/errors.ts';
import { memberContextSql, setTierSql } from '../modules/members/index.ts';
import { campaignContextSql, spendCampaignSql, spendNames, type CampaignContext } from '../modules/campaigns/index.ts';
import { inSegmentAtSql, segmentsAtSql } from '../modules/segments/index.ts';
import { vipAtSql, type VipAt } from '../modules/memberships/index.ts';
import { figureSql, liftTo, periodChangeSql, qualifyDaySql, tierAtSql, windowOf, type TierTableView } from '../modules/tiers/index.ts';
import { newId } from '../platform/ids.ts';
import { emitSql } from '../platform/outbox.ts';
import { ledgerVersionSql } from '../modules/points/index.ts';
import type { ProgramSettings } from '../modules/programs/index.ts';
import { hasPurchaseSql } from '../modules/purchases/index.ts';
import { addCountersSql, countersSql, evaluate, localParts, mayFire, type EngineLine, type EngineResult, type PeriodUse, type RuleCaps, type RuleVersion } from '../modules/rules/index.ts';
import type { Modules } from '../services.ts';

/** A purchase as the rules see it (record-purchase, its dry run, the simulate endpoint). */
export interface EarnInput {
  programId: string;
  memberId: string;
  storeId: string;
  occurredAt: Date;
  amountFen: number;
  lines: EngineLine[] | null;
}

/** What the rules granted and everything the write needs to stay exact. */
export interface EarnPlan {
  result: EngineResult;
  /** the member's ledger version the plan was made against (null: no points account) */
  version: number | null;
  /** counter rows to add to (the caps count against them) */
  counters: { scope: string; period: string; points: number }[];
  /** the purchase's part in the member's qualifying figure, and the tier it lifts them to */
  tier: TierPlan | null;
}

export interface TierPlan {
  day: string;
  spendFen: number;
  points: number;
  fromTierId: string | null;
  /** the tier the figure now reaches, above the current one: the purchase lifts the member at once */
  liftTo: string | null;
  figureAfter: number;
}

/**
 * The CTEs whose rows say the write may stand (besides the balance's version check): each
 * campaign spend's budget and per-member guard. None: a concurrent spend took the room.
 */
export function earnGuards(plan: EarnPlan): string[] {
  return Object.entries(plan.result.byCampaign).filter(([, points]) => points > 0).flatMap(([id]) => Object.values(spendNames(id)));
}

/** Does this program earn through the rules engine (else the one-statement base rate)? */
export async function earnsByRules(s: Modules, settings: ProgramSettings): Promise<boolean> {
  if (settings.earnOn !== 'paid' || settings.exclusions.categories.length || settings.exclusions.skus.length) return true;
  if (Object.values(settings.caps).some((c) => c !== undefined)) return true;
  if ((await s.tiers.table(settings.id)).tiers.length > 0) return true;
  if (await s.memberships.hasPlans(settings.id)) return true; // a paid VIP plan's multiplier
  return (await s.rules.versions(settings.id)).length > 0;
}

/** The window whose figure decides a lift now: the one containing today (a late purchase counts if its day is in it). */
async function liftWindow(s: Modules, table: TierTableView, input: EarnInput, timeZone: string, now: Date) {
  if (table.policy.window !== 'membership_year') return windowOf(table.policy, now, now, timeZone);
  const info = await s.members.tierInfo(input.programId, input.memberId);
  return info ? windowOf(table.policy, now, info.created_at, timeZone) : null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

const use = (counters: Record<string, number>, scope: string, periods: EngineResult['periods']): PeriodUse => ({
  day: Number(counters[`${scope}|D${periods.day}`] ?? 0),
  month: Number(counters[`${scope}|M${periods.month}`] ?? 0),
  year: Number(counters[`${scope}|Y${periods.year}`] ?? 0),
});

/** The counter periods a set of caps counts against: only those are kept (each is a row written per purchase). */
function cappedPeriods(caps: RuleCaps, periods: EngineResult['periods']): string[] {
  const out: string[] = [];
  if (caps.per_member_day !== undefined) out.push(`D${periods.day}`);
  if (caps.per_member_month !== undefined) out.push(`M${periods.month}`);
  if (caps.per_member_year !== undefined) out.push(`Y${periods.year}`);
  return out;
}

/**
 * What the rule versions that may fire for a basket need read about its member. Only those
 * (rules' mayFire): a basket without the campaign's category reads no campaign room, and no
 * counters of a capped rule that cannot fire; the engine then judges exactly as if all had
 * been read, since none of the others could fire (bench/README.md, eighth session).
 */
interface RuleNeeds {
  /** rules with per-member caps, and the cap kinds each counts */
  capped: { id: string; caps: RuleCaps }[];
  firstPurchase: boolean;
  segments: string[];
  campaigns: boolean;
}
function needs(rules: RuleVersion[]): RuleNeeds {
  return {
    capped: rules.filter((r) => r.caps.per_member_day !== undefined || r.caps.per_member_month !== undefined || r.caps.per_member_year !== undefined)
      .map((r) => ({ id: r.id, caps: r.caps })),
    firstPurchase: rules.some((r) => r.conditions.first_purchase),
    segments: [...new Set(rules.flatMap((r) => r.conditions.segments ?? []))],
    campaigns: rules.some((r) => r.campaign_id !== null),
  };
}

/**
 * Reads the member's context in one round trip (no lock: the write checks the ledger
 * version instead), then runs the engine. The purchase, its dry run and the simulate
 * endpoint all come through here, so a dry run answers exactly what a purchase earns.
 * `draft` stands in for (or adds) one rule: the console's dry-run panel beside the editor.
 * Counters are read and kept only for the periods some cap in force counts (a cap set
 * today counts what was granted since some cap counted that period: rules README).
 */
export async function planEarn(s: Modules, settings: ProgramSettings, input: EarnInput, draft?: RuleVersion, now = new Date()): Promise<Result<EarnPlan>> {
  const all = await s.rules.versions(input.programId);
  const rules = draft ? [...all.filter((r) => r.id !== draft.id), draft] : all;
  const { day, month, year } = localParts(input.occurredAt, settings.timeZone);
  const periods = { day, month, year };
  const need = needs(mayFire(settings, rules, input));
  const counted = new Map<string, string[]>();
  const program = cappedPeriods(settings.caps, periods);
  if (program.length) counted.set('*', program);
  for (const r of need.capped) counted.set(r.id, [...new Set([...(counted.get(r.id) ?? []), ...cappedPeriods(r.caps, periods)])]);
  const keys = [...new Set([...counted.values()].flat())];
  const table = await s.tiers.table(input.programId);
  const tiered = table.tiers.length > 0;
  const window = tiered ? await liftWindow(s, table, input, settings.timeZone, now) : null;
  const vip = await s.memberships.hasPlans(input.programId);
  const { programId: p, memberId: m } = input;
  const at = input.occurredAt;
  const row = (await sql<{ member: unknown; version: string | null; has_purchase: boolean | null; counters: Record<string, number> | null; tier_at: string | null; figure: string | null; visited: string | null; segments: string[] | null; campaigns: CampaignContext[] | null; vip: VipAt | null }>`
    SELECT ${memberContextSql(p, m)} AS member, ${ledgerVersionSql(p, m)} AS version,
           ${need.firstPurchase ? hasPurchaseSql(p, m) : sql`NULL`} AS has_purchase,
           ${counted.size ? countersSql(p, m, [...counted.keys()], keys) : sql`NULL`} AS counters,
           ${tiered ? tierAtSql(p, m, input.occurredAt) : sql`NULL`} AS tier_at,
           ${window ? figureSql(p, m, window.from, window.to, table.policy.basis) : sql`NULL`} AS figure,
           ${tiered && table.policy.basis === 'visits' ? figureSql(p, m, day, day, 'visits') : sql`NULL`} AS visited,
           ${need.segments.length ? segmentsAtSql(p, m, at, need.segments) : sql`NULL`} AS segments,
           ${need.campaigns ? campaignContextSql(p, m, at, (id) => inSegmentAtSql(p, m, id, at)) : sql`NULL`} AS campaigns,
           ${vip ? vipAtSql(p, m, at, day) : sql`NULL`} AS vip
  `.execute(s.ctx.db)).rows[0]!;
  const member = row.member as { status: string; birthday: string | null; enrolled_at: string; tier_id: string | null } | null;
  if (!member) return notFound('member', 'member_id');
  const counters = row.counters ?? {};
  // The tier in force when the purchase happened, from the member's tier periods: a late
  // report earns by that tier's multiplier, not today's (unlike Open Loyalty).
  const tierAt = tiered ? row.tier_at : member.tier_id;
  const multiplier = table.tiers.find((t) => t.id === tierAt)?.benefits.earn_multiplier_pct ?? 100;
  const result = evaluate(settings, rules, input, {
    tierId: tierAt, tierMultiplierPct: multiplier, segmentIds: row.segments ?? [], firstPurchase: row.has_purchase === false, birthday: member.birthday,
    // the VIP plan paid for at the purchase's time (memberships), judged like the tier: as it was then
    vip: row.vip ? { planId: row.vip.plan_id, multiplierPct: Number(row.vip.pct) } : null,
  }, {
    member: use(counters, '*', periods),
    rules: Object.fromEntries([...counted.keys()].map((id) => [id, use(counters, id, periods)])),
    // a campaign in force for the member, unless they are in its holdout group (who get nothing)
    campaigns: Object.fromEntries((row.campaigns ?? []).filter((c) => !c.held_out).map((c) => [c.id, { budgetLeft: num(c.budget_left), memberLeft: num(c.member_left) }])),
  });
  const adds: EarnPlan['counters'] = [];
  const add = (scope: string, points: number) => {
    if (points > 0) for (const period of counted.get(scope) ?? []) adds.push({ scope, period, points });
  };
  add('*', result.granted);
  for (const [id, points] of Object.entries(result.byRule)) add(id, points);
  let tier: TierPlan | null = null;
  if (tiered) {
    // Qualifying figures are spend (net of returns later), points granted and visit days,
    // never the balance (Open Loyalty #131): spending or expiry cannot lower a tier.
    const add = table.policy.basis === 'spend' ? input.amountFen : table.policy.basis === 'points' ? result.granted : Number(row.visited ?? 0) > 0 ? 0 : 1;
    const inWindow = window !== null && day >= window.from && day <= window.to;
    const figureAfter = Number(row.figure ?? 0) + (inWindow ? add : 0);
    tier = { day, spendFen: input.amountFen, points: result.granted, fromTierId: member.tier_id, figureAfter, liftTo: inWindow ? liftTo(table, figureAfter, member.tier_id) : null };
  }
  return { result, version: row.version === null ? null : Number(row.version), counters: adds, tier };
}

/**
 * The rules path's extra CTE bodies for the write statement, each run once per row of
 * `source` (the purchase): the caps' counters, the qualifying day, and a lift: the tier
 * period closed and opened, the member's tier, the event (seed 000 第三章 第三条款 晋升流程:
 * a member who reaches a tier has it from that purchase on).
 */
export function earnWrites(programId: string, memberId: string, plan: EarnPlan, source: string, actor: string | null, at: Date): Record<string, RawBuilder<unknown>> {
  const out: Record<string, RawBuilder<unknown>> = {};
  if (plan.counters.length) out.cnt = addCountersSql(programId, memberId, plan.counters, source);
  for (const [campaignId, points] of Object.entries(plan.result.byCampaign)) {
    if (points > 0) Object.assign(out, spendCampaignSql(programId, campaignId, memberId, points, source));
  }
  const t = plan.tier;
  if (!t) return out;
  out.qday = qualifyDaySql({ programId, memberId, day: t.day, spendFen: t.spendFen, points: t.points, visit: true }, source);
  if (!t.liftTo) return out;
  const change = periodChangeSql({ programId, memberId, fromTierId: t.fromTierId, toTierId: t.liftTo, at, source: 'purchase', reason: null, actor, periodId: newId('tpe') }, 'tier_close', source);
  out.tier_close = change.close;
  out.tier_open = change.open;
  out.tier_set = setTierSql(programId, memberId, t.liftTo, 'tier_open');
  out.tier_event = emitSql({
    programId, topic: 'member.tier_changed', aggregateId: memberId,
    payload: { member_id: memberId, from_tier_id: t.fromTierId, to_tier_id: t.liftTo, source: 'purchase', reason: null, actor, at: at.toISOString(), figure: t.figureAfter },
  }, 'tier_open');
  return out;
}
