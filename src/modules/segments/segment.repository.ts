import { sql, type RawBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { memberAttributesSql } from '../members/index.ts';
import { purchaseAggregatesSql } from '../purchases/index.ts';
import { WINDOWS, type TConditions } from './segment.schema.ts';

/** What a condition is judged against: now, and the program's today and time zone. */
export interface Clock {
  now: Date;
  /** today in the program's time zone, YYYY-MM-DD */
  today: string;
  timeZone: string;
}

/**
 * Every member of the program with their figures: the members module's attributes (m),
 * joined to the stats the job keeps (s; none yet for a member enrolled since: no purchases).
 */
const source = (programId: string) => sql`
      (${memberAttributesSql(programId)}) m
      LEFT JOIN segment_member_stats s ON s.program_id = ${programId} AND s.member_id = m.member_id`;

const range = (value: RawBuilder<unknown>, r: { min?: number | undefined; max?: number | undefined }) => [
  ...(r.min !== undefined ? [sql`${value} >= ${r.min}`] : []),
  ...(r.max !== undefined ? [sql`${value} <= ${r.max}`] : []),
];

/**
 * These statements scan a whole program with values that change their plans (a tier list, a
 * window): a plan made for the statement's parameters in general (PostgreSQL's generic plan
 * of a prepared statement, which it may switch to after five runs) was measured 100 times
 * slower at 100,000 members. So the transaction they run in plans each one for its values.
 */
export const planPerRun = (trx: Trx) => sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(trx);

/** A segment's conditions as one SQL predicate over `m` and `s` (AND of those given; none: true). */
export function conditionSql(c: TConditions, clock: Clock): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  const tz = clock.timeZone;
  if (c.tiers) parts.push(sql`m.tier_id = ANY(string_to_array(${c.tiers.any_of.join(',')}, ','))`);
  if (c.stores) parts.push(sql`m.store_id = ANY(string_to_array(${c.stores.any_of.join(',')}, ','))`);
  if (c.status) parts.push(sql`m.status = ANY(string_to_array(${c.status.any_of.join(',')}, ','))`);
  if (c.marketing_consent !== undefined) parts.push(c.marketing_consent ? sql`m.marketing_consent_at IS NOT NULL` : sql`m.marketing_consent_at IS NULL`);
  if (c.spend_fen) parts.push(...range(sql`coalesce(${sql.ref(`s.spend_fen_${c.spend_fen.window_days}d`)}, 0)`, c.spend_fen));
  if (c.visits) parts.push(...range(sql`coalesce(${sql.ref(`s.visits_${c.visits.window_days}d`)}, 0)`, c.visits));
  if (c.days_since_last_purchase) {
    // never bought: infinitely many days, so only a lower bound can hold
    const r = c.days_since_last_purchase;
    const days = sql`(${clock.today}::date - (s.last_purchase_at AT TIME ZONE ${tz})::date)`;
    const bounds = sql.join(range(days, r), sql` AND `);
    parts.push(r.max !== undefined ? sql`(s.last_purchase_at IS NOT NULL AND ${bounds})` : sql`(s.last_purchase_at IS NULL OR ${bounds})`);
  }
  if (c.enrolled) {
    const day = sql`(m.enrolled_at AT TIME ZONE ${tz})::date`;
    if (c.enrolled.from) parts.push(sql`${day} >= ${c.enrolled.from}::date`);
    if (c.enrolled.to) parts.push(sql`${day} <= ${c.enrolled.to}::date`);
  }
  if (c.birthday_month !== undefined) {
    const month = c.birthday_month === 'current' ? Number(clock.today.slice(5, 7)) : c.birthday_month;
    parts.push(sql`extract(month FROM m.birthday) = ${month}::int`);
  }
  if (c.rfm) {
    for (const k of ['r', 'f', 'm'] as const) {
      const r = c.rfm[k];
      // no score (no purchase in the year) never matches
      if (r) parts.push(sql`${sql.ref(`s.${k}_score`)} BETWEEN ${r.min ?? 1}::int AND ${r.max ?? 5}::int`);
    }
  }
  return parts.length ? sql`(${sql.join(parts, sql` AND `)})` : sql`true`;
}

/**
 * Recomputes every member's figures in one statement: purchases per window (from the
 * purchases module's aggregates) and RFM quintiles, ntile(5) among members who bought in
 * the last 365 days (ties split by member id, so the order is total).
 */
export async function refreshStats(db: Db | Trx, programId: string, clock: Clock): Promise<number> {
  const cols = WINDOWS.flatMap((d) => [`spend_fen_${d}d`, `visits_${d}d`]);
  const r = await sql`
    WITH a AS (${purchaseAggregatesSql(programId, { asOf: clock.now, timeZone: clock.timeZone, windowDays: WINDOWS })}),
    scored AS (
      SELECT member_id,
             ntile(5) OVER (ORDER BY last_purchase_at, member_id COLLATE "C") AS r_score,
             ntile(5) OVER (ORDER BY visits_365d, member_id COLLATE "C") AS f_score,
             ntile(5) OVER (ORDER BY spend_fen_365d, member_id COLLATE "C") AS m_score
      FROM a WHERE visits_365d > 0)
    INSERT INTO segment_member_stats (program_id, member_id, last_purchase_at, ${sql.join(cols.map((c) => sql.ref(c)))},
                                      r_score, f_score, m_score, refreshed_at)
    SELECT ${programId}, m.member_id, a.last_purchase_at, ${sql.join(cols.map((c) => sql`coalesce(${sql.ref(`a.${c}`)}, 0)`))},
           sc.r_score, sc.f_score, sc.m_score, ${clock.now}::timestamptz
    FROM (${memberAttributesSql(programId)}) m
    LEFT JOIN a ON a.member_id = m.member_id
    LEFT JOIN scored sc ON sc.member_id = m.member_id
    ON CONFLICT (program_id, member_id) DO UPDATE SET
      last_purchase_at = excluded.last_purchase_at, ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))},
      r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score, refreshed_at = excluded.refreshed_at`.execute(db);
  // the segments' plans read these figures: keep the planner's view of them current (a
  // fresh table would otherwise look empty to it until autovacuum comes by)
  await sql`ANALYZE segment_member_stats`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** When the program's figures were last computed (null: never). */
export async function statsRefreshedAt(db: Db | Trx, programId: string): Promise<Date | null> {
  const r = await sql<{ at: Date | null }>`SELECT max(refreshed_at) AS at FROM segment_member_stats WHERE program_id = ${programId}`.execute(db);
  return r.rows[0]?.at ?? null;
}

/**
 * Recomputes one segment's membership in one statement: members who match now and are not
 * in it join (joined_at = now), members in it who no longer match leave (left_at = now).
 * The diff is a full join of who matches and who is in, which PostgreSQL can only run as a
 * hash or merge join: no row-by-row plan however wrong its estimates. The caller holds the
 * segment's row lock.
 */
export async function refreshMembers(trx: Trx, programId: string, segmentId: string, conditions: TConditions, clock: Clock) {
  const r = await sql<{ size: number; joined: number; left: number }>`
    WITH cur AS (SELECT m.member_id FROM ${source(programId)} WHERE ${conditionSql(conditions, clock)}),
    was AS (SELECT member_id FROM segment_members WHERE program_id = ${programId} AND segment_id = ${segmentId} AND left_at IS NULL),
    diff AS MATERIALIZED (
      SELECT coalesce(cur.member_id, was.member_id) AS member_id, cur.member_id IS NOT NULL AS now_in, was.member_id IS NOT NULL AS was_in
      FROM cur FULL JOIN was ON was.member_id = cur.member_id),
    closed AS (
      UPDATE segment_members sm SET left_at = greatest(${clock.now}::timestamptz, sm.joined_at)
      FROM diff
      WHERE NOT diff.now_in AND sm.program_id = ${programId} AND sm.segment_id = ${segmentId} AND sm.member_id = diff.member_id AND sm.left_at IS NULL
      RETURNING 1),
    opened AS (
      INSERT INTO segment_members (program_id, member_id, segment_id, joined_at)
      SELECT ${programId}, member_id, ${segmentId}, ${clock.now}::timestamptz FROM diff WHERE diff.now_in AND NOT diff.was_in
      RETURNING 1)
    UPDATE segments SET size = (SELECT count(*) FROM diff WHERE now_in), refreshed_at = ${clock.now}::timestamptz
    WHERE program_id = ${programId} AND id = ${segmentId}
    RETURNING size, (SELECT count(*) FROM opened)::int AS joined, (SELECT count(*) FROM closed)::int AS left`.execute(trx);
  return r.rows[0]!;
}

/**
 * Closes the member's open stays in the active segments whose marketing_consent condition
 * the member no longer meets (consent withdrawn, or given against a "no consent" segment),
 * and lowers their sizes: the consent change counts at once, not at the next refresh.
 */
export async function leaveByConsent(db: Db | Trx, programId: string, memberId: string, granted: boolean, at: Date): Promise<string[]> {
  const r = await sql<{ id: string }>`
    WITH closed AS (
      UPDATE segment_members sm SET left_at = greatest(${at}::timestamptz, sm.joined_at)
      FROM segments s
      WHERE sm.program_id = ${programId} AND sm.member_id = ${memberId} AND sm.left_at IS NULL
        AND s.program_id = sm.program_id AND s.id = sm.segment_id AND s.status = 'active'
        AND s.conditions->>'marketing_consent' = ${granted ? 'false' : 'true'}
      RETURNING sm.segment_id)
    UPDATE segments SET size = size - 1 WHERE program_id = ${programId} AND id IN (SELECT segment_id FROM closed)
    RETURNING id`.execute(db);
  return r.rows.map((x) => x.id).sort();
}

/** Closes every open stay in a segment (it is archived). */
export const closeAll = (trx: Trx, programId: string, segmentId: string, now: Date) =>
  sql`UPDATE segment_members SET left_at = greatest(${now}::timestamptz, joined_at)
      WHERE program_id = ${programId} AND segment_id = ${segmentId} AND left_at IS NULL`.execute(trx);

/** Size and a sample (by member number) of an unsaved definition, computed now in one pass. */
export async function preview(db: Db | Trx, programId: string, conditions: TConditions, clock: Clock, limit: number) {
  const r = await sql<{ size: number; sample: string[] }>`
    WITH hits AS MATERIALIZED (SELECT m.member_id, m.member_no FROM ${source(programId)} WHERE ${conditionSql(conditions, clock)})
    SELECT (SELECT count(*) FROM hits)::int AS size,
           (SELECT coalesce(array_agg(member_id ORDER BY member_no), '{}') FROM (SELECT member_id, member_no FROM hits ORDER BY member_no LIMIT ${limit}::int) x) AS sample`.execute(db);
  return r.rows[0]!;
}

/** Current members of a segment, newest joiners first. */
export const currentMembers = (db: Db | Trx, programId: string, segmentId: string, limit: number) =>
  db.selectFrom('segment_members').select(['member_id', 'joined_at'])
    .where('program_id', '=', programId).where('segment_id', '=', segmentId).where('left_at', 'is', null)
    .orderBy('joined_at', 'desc').orderBy('member_id').limit(limit).execute();

/**
 * The ids of those of segmentIds the member was in at `at`, as a scalar subquery giving a
 * text[] (sorted; empty when none): for a statement judging a purchase by the segments its
 * member was in at its own time. Membership is known at refresh granularity (the job runs
 * every 10 minutes). The ids travel as one text parameter, so the statement around it stays
 * preparable on PGlite.
 */
export const segmentsAtSql = (programId: string, memberId: string, at: Date, segmentIds: string[]) => sql<string[]>`(
      SELECT coalesce(array_agg(sm.segment_id ORDER BY sm.segment_id), '{}'::text[])
      FROM segment_members sm
      WHERE sm.program_id = ${programId} AND sm.member_id = ${memberId}
        AND sm.segment_id = ANY(string_to_array(${segmentIds.join(',')}, ','))
        AND sm.joined_at <= ${at}::timestamptz AND (sm.left_at IS NULL OR sm.left_at > ${at}::timestamptz))`;

/** Whether the member was in the segment `segmentId` (an SQL expression) at `at`: for another module's statement (a campaign's target). */
export const inSegmentAtSql = (programId: string, memberId: string, segmentId: RawBuilder<unknown>, at: Date) => sql<boolean>`EXISTS (
      SELECT 1 FROM segment_members sm
      WHERE sm.program_id = ${programId} AND sm.member_id = ${memberId} AND sm.segment_id = ${segmentId}
        AND sm.joined_at <= ${at}::timestamptz AND (sm.left_at IS NULL OR sm.left_at > ${at}::timestamptz))`;

export const findById = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('segments').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const lockSegment = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('segments').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const list = (db: Db | Trx, programId: string, status: 'active' | 'archived' | 'all') => {
  let q = db.selectFrom('segments').selectAll().where('program_id', '=', programId);
  if (status !== 'all') q = q.where('status', '=', status);
  return q.orderBy('created_at').orderBy('id').execute();
};

export const activeIds = async (db: Db | Trx, programId: string) =>
  (await db.selectFrom('segments').select('id').where('program_id', '=', programId).where('status', '=', 'active').orderBy('id').execute()).map((r) => r.id);
