import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { EarningRuleTable } from './rule.table.ts';

export const listVersions = (db: Db | Trx, programId: string) =>
  db.selectFrom('earning_rules').selectAll().where('program_id', '=', programId).orderBy('id').orderBy('version').execute();

export const ruleVersions = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('earning_rules').selectAll().where('program_id', '=', programId).where('id', '=', id).orderBy('version', 'desc').execute();

/** The rule's latest version, locked: edits of one rule queue behind each other. */
export const lockLatest = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('earning_rules').selectAll().where('program_id', '=', programId).where('id', '=', id)
    .orderBy('version', 'desc').limit(1).forUpdate().executeTakeFirst();

export const closeVersion = (trx: Trx, programId: string, id: string, version: number, at: Date) =>
  trx.updateTable('earning_rules').set({ effective_to: at })
    .where('program_id', '=', programId).where('id', '=', id).where('version', '=', version).where('effective_to', 'is', null).execute();

export const insertVersion = (db: Db | Trx, row: Insertable<EarningRuleTable>) =>
  db.insertInto('earning_rules').values(row).returningAll().executeTakeFirstOrThrow();

/** Counter keys: scope '*' (the member's total) or a rule id; period D…, M…, Y…. */
export interface CounterAdd { scope: string; period: string; points: number }

/**
 * The member's counters for the given periods and scopes, as one jsonb object keyed
 * "scope|period" (a scalar subquery for the purchase's context read).
 */
export const countersSql = (programId: string, memberId: string, scopes: string[], periods: string[]) => sql<Record<string, number> | null>`(
  SELECT jsonb_object_agg(scope || '|' || period, points) FROM earn_counters
  WHERE program_id = ${programId} AND member_id = ${memberId} AND scope = ANY(${scopes}::text[]) AND period = ANY(${periods}::text[]))`;

/** Adds to the counters, once per row of `source` (the purchase CTE: no row, no change). */
export function addCountersSql(programId: string, memberId: string, adds: CounterAdd[], source: string) {
  const rows = adds.filter((a) => a.points > 0);
  return sql`
      INSERT INTO earn_counters (program_id, member_id, scope, period, points)
      SELECT ${programId}, ${memberId}, a.scope, a.period, a.points
      FROM ${sql.table(source)}, unnest(${rows.map((a) => a.scope)}::text[], ${rows.map((a) => a.period)}::text[], ${rows.map((a) => a.points)}::bigint[]) AS a(scope, period, points)
      ON CONFLICT (program_id, member_id, scope, period) DO UPDATE SET points = earn_counters.points + excluded.points`;
}
