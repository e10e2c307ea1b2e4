import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { TierBasis, PeriodSource } from './tier.table.ts';

type Handle = Db | Trx;

const COLUMN: Record<TierBasis, RawBuilder<unknown>> = { spend: sql.ref('spend_fen'), points: sql.ref('points'), visits: sql.ref('visits') };

export const listTiers = (db: Handle, programId: string, opts: { retired?: boolean } = {}) => {
  let q = db.selectFrom('tiers').selectAll().where('program_id', '=', programId);
  if (!opts.retired) q = q.where('retired_at', 'is', null);
  return q.orderBy('rank').execute();
};

export const findPolicy = (db: Handle, programId: string) =>
  db.selectFrom('tier_policies').selectAll().where('program_id', '=', programId).executeTakeFirst();

/**
 * The qualifying figure of one member over local days from..to (inclusive), as a scalar
 * subquery (bigint): a sum of the member's qualifying days, never the points balance.
 */
export const figureSql = (programId: string, memberId: string, from: string, to: string, basis: TierBasis) => sql<number>`(
      SELECT coalesce(sum(${COLUMN[basis]}), 0)::bigint FROM tier_qualifying_days
      WHERE program_id = ${programId} AND member_id = ${memberId} AND day BETWEEN ${from}::date AND ${to}::date)`;

/** The tier id in force for a member at an instant (from tier_periods), as a scalar subquery; null when none. */
export const tierAtSql = (programId: string, memberId: string, at: Date) => sql<string | null>`(
      SELECT tier_id FROM tier_periods
      WHERE program_id = ${programId} AND member_id = ${memberId} AND started_at <= ${at} AND (ended_at IS NULL OR ended_at > ${at})
      ORDER BY started_at DESC LIMIT 1)`;

/**
 * Adds a purchase to the member's qualifying day, as a CTE body: spend and points add up,
 * visits stays 1 for the day. With `source`, once per row of that CTE (none when it is empty).
 */
export const qualifyDaySql = (q: { programId: string; memberId: string; day: string; spendFen: number; points: number; visit: boolean }, source?: string) => sql`
      INSERT INTO tier_qualifying_days AS t (program_id, member_id, day, spend_fen, points, visits)
      SELECT ${q.programId}, ${q.memberId}, ${q.day}::date, ${q.spendFen}::bigint, ${q.points}::bigint, ${q.visit ? 1 : 0}::int
      ${source ? sql`FROM ${sql.table(source)}` : sql``}
      ON CONFLICT (program_id, member_id, day) DO UPDATE
        SET spend_fen = t.spend_fen + excluded.spend_fen, points = t.points + excluded.points, visits = greatest(t.visits, excluded.visits)
      RETURNING day`;

export interface PeriodChange {
  programId: string;
  memberId: string;
  /** the tier the member is leaving; null when they had none */
  fromTierId: string | null;
  /** the tier they enter; null to leave every tier */
  toTierId: string | null;
  at: Date;
  source: PeriodSource;
  reason: string | null;
  actor: string | null;
  /** the new period's id (newId('tpe')) */
  periodId: string;
}

/**
 * A tier change as two CTE bodies: `close` ends the member's open period when it is in
 * fromTierId, `open` starts the new one after it (it reads `close`, so runs after it) only
 * when the close matched (or, from no tier, when there is no open period): a concurrent
 * change makes both do nothing rather than fail. Name the close CTE `closeName`. With
 * `source`, both only act when that CTE has a row (the purchase was inserted, not replayed).
 */
export function periodChangeSql(c: PeriodChange, closeName = 'tier_close', source?: string) {
  const close = sql`
      UPDATE tier_periods SET ended_at = ${c.at}
      WHERE program_id = ${c.programId} AND member_id = ${c.memberId} AND ended_at IS NULL
        AND ${c.fromTierId === null ? sql`false` : sql`tier_id = ${c.fromTierId}`}
        ${source ? sql`AND EXISTS (SELECT 1 FROM ${sql.table(source)})` : sql``}
      RETURNING id`;
  const matched = c.fromTierId === null
    ? sql`c.n = 0 AND NOT EXISTS (SELECT 1 FROM tier_periods WHERE program_id = ${c.programId} AND member_id = ${c.memberId} AND ended_at IS NULL)`
    : sql`c.n = 1`;
  const open = sql`
      INSERT INTO tier_periods (program_id, member_id, id, tier_id, from_tier_id, started_at, source, reason, actor)
      SELECT ${c.programId}, ${c.memberId}, ${c.periodId}, ${c.toTierId}, ${c.fromTierId}, ${c.at}, ${c.source}, ${c.reason}, ${c.actor}
      FROM (SELECT count(*) AS n FROM ${sql.table(closeName)}) c
      WHERE ${matched} AND ${c.toTierId === null ? sql`false` : sql`true`}
        ${source ? sql`AND EXISTS (SELECT 1 FROM ${sql.table(source)})` : sql``}
      RETURNING id`;
  return { close, open };
}

/** Figures of many members, each over its own window, in one query: one per ask, in order. */
export async function figures(db: Handle, programId: string, basis: TierBasis, asks: { memberId: string; from: string; to: string }[]): Promise<number[]> {
  if (!asks.length) return [];
  const rows = await sql<{ member_id: string; i: number; figure: number }>`
    SELECT w.member_id, w.i::int AS i, coalesce(sum(${COLUMN[basis]}), 0)::bigint AS figure
    FROM unnest(${asks.map((a) => a.memberId)}::text[], ${asks.map((a) => a.from)}::date[], ${asks.map((a) => a.to)}::date[])
      WITH ORDINALITY AS w(member_id, d_from, d_to, i)
    LEFT JOIN tier_qualifying_days q ON q.program_id = ${programId} AND q.member_id = w.member_id AND q.day BETWEEN w.d_from AND w.d_to
    GROUP BY w.member_id, w.i`.execute(db);
  const out = asks.map(() => 0);
  for (const r of rows.rows) out[r.i - 1] = Number(r.figure);
  return out;
}
