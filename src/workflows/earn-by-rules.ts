import { sql, type RawBuilder } from 'kysely';
import type { Result } from '../platform/errors.ts';
import { notFound } from '../platform/errors.ts';
import { memberContextSql } from '../modules/members/index.ts';
import { ledgerVersionSql, type TBreakdownItem } from '../modules/points/index.ts';
import type { ProgramSettings } from '../modules/programs/index.ts';
import { hasPurchaseSql } from '../modules/purchases/index.ts';
import { addCountersSql, countersSql, evaluate, localParts, type EngineLine, type EngineResult, type PeriodUse, type RuleVersion } from '../modules/rules/index.ts';
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

/**
 * Reads the member's context in one round trip (no lock: the write checks the ledger
 * version instead), then runs the engine. The purchase, its dry run and the simulate
 * endpoint all come through here, so a dry run answers exactly what a purchase earns.
 * `draft` stands in for (or adds) one rule: the console's dry-run panel beside the editor.
 */
export async function planEarn(s: Modules, settings: ProgramSettings, input: EarnInput, draft?: RuleVersion): Promise<Result<EarnPlan>> {
  const all = await s.rules.versions(input.programId);
  const rules = draft ? [...all.filter((r) => r.id !== draft.id), draft] : all;
  const { day, month, year } = localParts(input.occurredAt, settings.timeZone);
  const periods = { day, month, year };
  const scopes = ['*', ...new Set(rules.map((r) => r.id))];
  const keys = [`D${periods.day}`, `M${periods.month}`, `Y${periods.year}`];
  const row = (await sql<{ member: unknown; version: string | null; has_purchase: boolean; counters: Record<string, number> | null }>`
    SELECT ${memberContextSql(input.programId, input.memberId)} AS member, ${ledgerVersionSql(input.programId, input.memberId)} AS version,
           ${hasPurchaseSql(input.programId, input.memberId)} AS has_purchase,
           ${countersSql(input.programId, input.memberId, scopes, keys)} AS counters
  `.execute(s.ctx.db)).rows[0]!;
  const member = row.member as { status: string; birthday: string | null; enrolled_at: string; tier_id: string | null } | null;
  if (!member) return notFound('member', 'member_id');
  const counters = row.counters ?? {};
  const result = evaluate(settings, rules, input, {
    tierId: member.tier_id, tierMultiplierPct: 100, segmentIds: [], firstPurchase: !row.has_purchase, birthday: member.birthday,
  }, {
    member: use(counters, '*', periods),
    rules: Object.fromEntries(scopes.slice(1).map((id) => [id, use(counters, id, periods)])),
    campaigns: {},
  });
  const adds: EarnPlan['counters'] = [];
  const add = (scope: string, points: number) => {
    if (points > 0) for (const period of keys) adds.push({ scope, period, points });
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
