import { sql, type RawBuilder } from 'kysely';
import type { Result } from '../platform/errors.ts';
import { notFound } from '../platform/errors.ts';
import { memberContextSql } from '../modules/members/index.ts';
import { ledgerVersionSql, type TBreakdownItem } from '../modules/points/index.ts';
import type { ProgramSettings } from '../modules/programs/index.ts';
import { hasPurchaseSql } from '../modules/purchases/index.ts';
import { addCountersSql, countersSql, evaluate, localParts, type EngineLine, type EngineResult, type PeriodUse, type RuleCaps, type RuleVersion } from '../modules/rules/index.ts';
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
  breakdown: TBreakdownItem[];
  /** the member's ledger version the plan was made against (null: no points account) */
  version: number | null;
  memberStatus: string | null;
  /** counter rows to add to (the caps count against them) */
  counters: { scope: string; period: string; points: number }[];
}

/** Does this program earn through the rules engine (else the one-statement base rate)? */
export async function earnsByRules(s: Modules, settings: ProgramSettings): Promise<boolean> {
  if (settings.earnOn !== 'paid' || settings.exclusions.categories.length || settings.exclusions.skus.length) return true;
  if (Object.values(settings.caps).some((c) => c !== undefined)) return true;
  return (await s.rules.versions(settings.id)).length > 0;
}

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
 * Reads the member's context in one round trip (no lock: the write checks the ledger
 * version instead), then runs the engine. The purchase, its dry run and the simulate
 * endpoint all come through here, so a dry run answers exactly what a purchase earns.
 * `draft` stands in for (or adds) one rule: the console's dry-run panel beside the editor.
 * Counters are read and kept only for the periods some cap in force counts (a cap set
 * today counts what was granted since some cap counted that period: rules README).
 */
export async function planEarn(s: Modules, settings: ProgramSettings, input: EarnInput, draft?: RuleVersion): Promise<Result<EarnPlan>> {
  const all = await s.rules.versions(input.programId);
  const rules = draft ? [...all.filter((r) => r.id !== draft.id), draft] : all;
  const { day, month, year } = localParts(input.occurredAt, settings.timeZone);
  const periods = { day, month, year };
  const counted = new Map<string, string[]>();
  const program = cappedPeriods(settings.caps, periods);
  if (program.length) counted.set('*', program);
  for (const r of rules) {
    const ps = cappedPeriods(r.caps, periods);
    if (ps.length) counted.set(r.id, [...new Set([...(counted.get(r.id) ?? []), ...ps])]);
  }
  const firstPurchase = rules.some((r) => r.conditions.first_purchase);
  const keys = [...new Set([...counted.values()].flat())];
  const row = (await sql<{ member: unknown; version: string | null; has_purchase: boolean | null; counters: Record<string, number> | null }>`
    SELECT ${memberContextSql(input.programId, input.memberId)} AS member, ${ledgerVersionSql(input.programId, input.memberId)} AS version,
           ${firstPurchase ? hasPurchaseSql(input.programId, input.memberId) : sql`NULL`} AS has_purchase,
           ${counted.size ? countersSql(input.programId, input.memberId, [...counted.keys()], keys) : sql`NULL`} AS counters
  `.execute(s.ctx.db)).rows[0]!;
  const member = row.member as { status: string; birthday: string | null; enrolled_at: string; tier_id: string | null } | null;
  if (!member) return notFound('member', 'member_id');
  const counters = row.counters ?? {};
  const result = evaluate(settings, rules, input, {
    tierId: member.tier_id, tierMultiplierPct: 100, segmentIds: [], firstPurchase: row.has_purchase === false, birthday: member.birthday,
  }, {
    member: use(counters, '*', periods),
    rules: Object.fromEntries([...counted.keys()].map((id) => [id, use(counters, id, periods)])),
    campaigns: {},
  });
  const adds: EarnPlan['counters'] = [];
  const add = (scope: string, points: number) => {
    if (points > 0) for (const period of counted.get(scope) ?? []) adds.push({ scope, period, points });
  };
  add('*', result.granted);
  for (const [id, points] of Object.entries(result.byRule)) add(id, points);
  return {
    result, breakdown: result.items as TBreakdownItem[], version: row.version === null ? null : Number(row.version),
    memberStatus: member.status, counters: adds,
  };
}

/** The rules path's extra CTE bodies for the write statement, each run once per row of `source`. */
export function earnWrites(programId: string, memberId: string, plan: EarnPlan, source: string): Record<string, RawBuilder<unknown>> {
  return plan.counters.length ? { cnt: addCountersSql(programId, memberId, plan.counters, source) } : {};
}
