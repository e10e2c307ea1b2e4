import { createHash } from 'node:crypto';
import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { purchaseDaysSql } from '../purchases/index.ts';
import type { CampaignAwardJobTable, CampaignStatus, CampaignTable } from './campaign.table.ts';

// ---- the holdout: one formula, in SQL and in TypeScript (campaign.test.ts checks they agree)

/**
 * Whether a member is held out of a campaign: the first 32 bits of md5(salt || member id),
 * mod 10000, below pct × 100. The salt is the campaign's own, drawn at creation, so a
 * member's side is fixed for the campaign's life and independent across campaigns.
 */
export function isHeldOut(salt: string, pct: number, memberId: string): boolean {
  if (pct <= 0) return false;
  return Number.parseInt(createHash('md5').update(salt + memberId).digest('hex').slice(0, 8), 16) % 10000 < pct * 100;
}

/** The same test in SQL, over the campaign's columns (alias c) and a member id expression. */
export const heldOutSql = (c: string, memberId: RawBuilder<unknown> | string) =>
  sql<boolean>`(${sql.ref(`${c}.holdout_pct`)} > 0 AND (('x' || substr(md5(${sql.ref(`${c}.holdout_salt`)} || ${memberId}), 1, 8))::bit(32)::bigint % 10000) < ${sql.ref(`${c}.holdout_pct`)} * 100)`;

// ---- the purchase path's fragments

/** A campaign in force for a member, as campaignContextSql gives it. */
export interface CampaignContext {
  id: string;
  /** budget points left; null: no budget */
  budget_left: number | null;
  /** points the member may still receive; null: no per-member limit */
  member_left: number | null;
  /** the member is in the campaign's holdout group: the campaign gives them nothing */
  held_out: boolean;
}

/** Statuses in which a campaign applies to a purchase inside its window (ending one sets ends_at to the moment it ended). */
const APPLIES = sql`('active', 'ended')`;

/**
 * The campaigns in force for a member at `at` (starts_at ≤ at < ends_at, active, or ended
 * after `at`), as a scalar subquery for the purchase's context read: a jsonb array of
 * CampaignContext ordered by id, or null when there is none. Only campaigns for everyone
 * (segment_id null) or for a segment the member is in come back: `segments` lists the
 * member's segments at `at`, or says in SQL whether the member was in a given one then.
 */
export const campaignContextSql = (programId: string, memberId: string, at: Date, segments: string[] | ((segmentId: RawBuilder<unknown>) => RawBuilder<boolean>) = []) => sql<CampaignContext[] | null>`(
      SELECT jsonb_agg(jsonb_build_object(
               'id', c.id,
               'budget_left', CASE WHEN c.budget_points IS NULL THEN NULL ELSE ${roomSql('c')} END,
               'member_left', CASE WHEN c.per_member_limit IS NULL THEN NULL ELSE greatest(c.per_member_limit - coalesce(u.points, 0), 0) END,
               'held_out', ${heldOutSql('c', sql`${memberId}::text`)}) ORDER BY c.id)
      FROM campaigns c
      LEFT JOIN campaign_member_points u ON u.program_id = c.program_id AND u.member_id = ${memberId} AND u.campaign_id = c.id
      WHERE c.program_id = ${programId} AND c.status IN ${APPLIES}
        AND c.starts_at <= ${at}::timestamptz AND c.ends_at > ${at}::timestamptz
        AND (c.segment_id IS NULL OR ${Array.isArray(segments) ? sql`c.segment_id = ANY(${segments}::text[])` : segments(sql`c.segment_id`)}))`;

// ---- the budget, in slices (migration 015)

/** Slices a campaign's budget is held in. */
export const SLICES = 16;

/** The slice a member spends from first: FNV-1a of the member id, so one member keeps to one slice. */
export function sliceOf(memberId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < memberId.length; i++) h = Math.imul(h ^ memberId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SLICES;
}

/** A campaign's budget left (Σ room of its slices), for the campaign row aliased `c`. */
const roomSql = (c: string) => sql<number>`(SELECT coalesce(sum(s.room), 0)::bigint FROM campaign_budget_slices s WHERE s.program_id = ${sql.ref(`${c}.program_id`)} AND s.campaign_id = ${sql.ref(`${c}.id`)})`;

/** `left` points shared over the slices as evenly as whole points allow (null: no budget). */
const shares = (left: number | null) => Array.from({ length: SLICES }, (_, i) => (left === null ? null : Math.floor(left / SLICES) + (i < left % SLICES ? 1 : 0)));

/** A new campaign's slices: nothing used, the budget shared out. */
export async function insertSlices(db: Db | Trx, programId: string, campaignId: string, budget: number | null) {
  await db.insertInto('campaign_budget_slices')
    .values(shares(budget).map((room, slice) => ({ program_id: programId, campaign_id: campaignId, slice, room }))).execute();
}

/** Locks a campaign's slices (in slice order) and says what they used and have left. */
export async function lockSlices(trx: Trx, programId: string, campaignId: string) {
  const rows = await trx.selectFrom('campaign_budget_slices').select(['used', 'room'])
    .where('program_id', '=', programId).where('campaign_id', '=', campaignId).orderBy('slice').forUpdate().execute();
  return { used: rows.reduce((a, r) => a + r.used, 0), left: rows.some((r) => r.room === null) ? null : rows.reduce((a, r) => a + (r.room ?? 0), 0) };
}

/** A new budget (slices locked by the caller): what is not used yet is shared out again. */
export async function reshareSlices(trx: Trx, programId: string, campaignId: string, budget: number | null, used: number) {
  const rooms = shares(budget === null ? null : Math.max(0, budget - used));
  await sql`
    UPDATE campaign_budget_slices s SET room = v.room
    FROM unnest(${rooms.map((_, i) => i)}::int[], ${rooms}::bigint[]) AS v(slice, room)
    WHERE s.program_id = ${programId} AND s.campaign_id = ${campaignId} AND s.slice = v.slice`.execute(trx);
}

/** Budget used and left per campaign (left null: no budget). */
export async function budgets(db: Db | Trx, programId: string, ids: string[]): Promise<Map<string, { used: number; left: number | null }>> {
  const out = new Map<string, { used: number; left: number | null }>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('campaign_budget_slices')
    .select(['campaign_id', sql<number>`coalesce(sum(used), 0)::bigint`.as('used'), sql<number | null>`CASE WHEN bool_or(room IS NULL) THEN NULL ELSE sum(room)::bigint END`.as('left')])
    .where('program_id', '=', programId).where('campaign_id', 'in', ids).groupBy('campaign_id').execute();
  for (const r of rows) out.set(r.campaign_id, { used: Number(r.used), left: r.left === null ? null : Number(r.left) });
  return out;
}

/** The CTE names spendCampaignSql uses for a campaign: each must return a row for the spend to stand. */
export const spendNames = (campaignId: string) => ({ budget: `cmp_budget_${campaignId}`, member: `cmp_member_${campaignId}` });

/**
 * CTE bodies that spend `points` of a campaign for a member, once if the CTE `source` has a
 * row (the purchase: none, nothing happens). The budget is taken from the member's slice,
 * and from the following slices only when it runs short; each slice's UPDATE is guarded
 * (room never below 0) and re-checks its guard against the committed row when a
 * concurrent spend got there first, so the budget is exact however many purchases race
 * (medusa#16595 read first and lost spend); `budget` returns a row only when the slices
 * gave all of `points`. `member` adds to the member's use only if it stays within
 * per_member_limit. The caller must fail the statement when either returns no row (a
 * partial spend must not commit): see spendNames for the CTE names. With no budget, the
 * points are counted in the member's slice.
 */
export function spendCampaignSql(programId: string, campaignId: string, memberId: string, points: number, source: string): Record<string, RawBuilder<unknown>> {
  const names = spendNames(campaignId);
  const take = `${names.budget}_take`;
  const limit = sql`(SELECT per_member_limit FROM campaigns WHERE program_id = ${programId} AND id = ${campaignId})`;
  const first = sliceOf(memberId);
  const applies = sql`EXISTS (SELECT 1 FROM campaigns WHERE program_id = ${programId} AND id = ${campaignId} AND status IN ${APPLIES})`;
  return {
    [take]: sql`
      UPDATE campaign_budget_slices t SET used = t.used + p.take, room = t.room - p.take
      FROM (
        SELECT slice, CASE WHEN room IS NULL THEN ${points}::bigint ELSE least(room, ${points}::bigint - before) END AS take
        FROM (
          SELECT slice, room, (slice + ${SLICES} - ${first}::int) % ${SLICES} AS ord,
                 coalesce(sum(room) OVER (ORDER BY (slice + ${SLICES} - ${first}::int) % ${SLICES} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM campaign_budget_slices WHERE program_id = ${programId} AND campaign_id = ${campaignId}
        ) q
        WHERE CASE WHEN room IS NULL THEN ord = 0 ELSE room > 0 AND before < ${points}::bigint END
      ) p
      WHERE t.program_id = ${programId} AND t.campaign_id = ${campaignId} AND t.slice = p.slice
        AND (t.room IS NULL OR t.room >= p.take) AND ${applies}
        AND EXISTS (SELECT 1 FROM ${sql.table(source)})
      RETURNING p.take`,
    [names.budget]: sql`SELECT 1 AS ok WHERE (SELECT sum(take) FROM ${sql.table(take)}) = ${points}::bigint`,
    [names.member]: sql`
      INSERT INTO campaign_member_points AS u (program_id, member_id, campaign_id, points)
      SELECT ${programId}, ${memberId}, c.id, ${points}::bigint FROM campaigns c
      WHERE c.program_id = ${programId} AND c.id = ${campaignId}
        AND (c.per_member_limit IS NULL OR ${points}::bigint <= c.per_member_limit)
        AND EXISTS (SELECT 1 FROM ${sql.table(source)})
      ON CONFLICT (program_id, member_id, campaign_id) DO UPDATE SET points = u.points + excluded.points
        WHERE ${limit} IS NULL OR u.points + excluded.points <= ${limit}
      RETURNING 1 AS ok`,
  };
}

/** The same spend as one statement (the award job): whether the budget and the member's limit took it. */
export async function spend(trx: Trx, programId: string, campaignId: string, memberId: string, points: number) {
  const bodies = spendCampaignSql(programId, campaignId, memberId, points, 'src');
  const names = spendNames(campaignId);
  const row = (await sql<{ budget: boolean; member: boolean }>`
    WITH src AS (SELECT 1)${sql.join(Object.entries(bodies).map(([name, body]) => sql`, ${sql.id(name)} AS (${body})`), sql``)}
    SELECT EXISTS (SELECT 1 FROM ${sql.id(names.budget)}) AS budget, EXISTS (SELECT 1 FROM ${sql.id(names.member)}) AS member
  `.execute(trx)).rows[0]!;
  return row;
}

// ---- campaigns

export const insertCampaign = (db: Db | Trx, row: Insertable<CampaignTable>) =>
  db.insertInto('campaigns').values(row).returningAll().executeTakeFirstOrThrow();

export const findCampaign = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('campaigns').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

/** Locks campaigns' budget slices in one statement, in campaign and slice order (every locker takes them in the same order). */
export const lockCampaigns = (trx: Trx, programId: string, ids: string[]) =>
  trx.selectFrom('campaign_budget_slices').select('slice').where('program_id', '=', programId).where('campaign_id', 'in', ids)
    .orderBy('campaign_id').orderBy('slice').forUpdate().execute();

export const lockCampaign = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('campaigns').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const listCampaigns = (db: Db | Trx, programId: string, status?: CampaignStatus) => {
  let q = db.selectFrom('campaigns').selectAll().where('program_id', '=', programId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('starts_at', 'desc').orderBy('id', 'desc').execute();
};

export const updateCampaign = (trx: Trx, programId: string, id: string, set: Updateable<CampaignTable>) =>
  trx.updateTable('campaigns').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();

/** Members reached (any points) and members awarded, per campaign. */
export async function reach(db: Db | Trx, programId: string, ids: string[]): Promise<Map<string, { reached: number; awarded: number }>> {
  const out = new Map<string, { reached: number; awarded: number }>();
  if (!ids.length) return out;
  const rows = (await sql<{ id: string; reached: number; awarded: number }>`
    SELECT c.id,
           (SELECT count(*) FROM campaign_member_points u WHERE u.program_id = c.program_id AND u.campaign_id = c.id AND u.points > 0)::int AS reached,
           (SELECT count(*) FROM campaign_awards a WHERE a.program_id = c.program_id AND a.campaign_id = c.id)::int AS awarded
    FROM campaigns c WHERE c.program_id = ${programId} AND c.id = ANY(${ids}::text[])`.execute(db)).rows;
  for (const r of rows) out.set(r.id, { reached: r.reached, awarded: r.awarded });
  return out;
}

// ---- the award

/** Claims the award for a member: a row means this run awards them (the key makes a second claim wait, then find it taken). */
export const claimAward = (trx: Trx, r: { programId: string; campaignId: string; memberId: string; points: number; jobId: string | null }) =>
  trx.insertInto('campaign_awards').values({ program_id: r.programId, campaign_id: r.campaignId, member_id: r.memberId, points: r.points, entry_id: null, job_id: r.jobId })
    .onConflict((oc) => oc.columns(['program_id', 'campaign_id', 'member_id']).doNothing()).returning('member_id').executeTakeFirst();

export const setAwardEntry = (trx: Trx, programId: string, campaignId: string, memberId: string, entryId: string) =>
  trx.updateTable('campaign_awards').set({ entry_id: entryId })
    .where('program_id', '=', programId).where('campaign_id', '=', campaignId).where('member_id', '=', memberId).execute();

export async function awardedAmong(db: Db | Trx, programId: string, campaignId: string, memberIds: string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const rows = await db.selectFrom('campaign_awards').select('member_id')
    .where('program_id', '=', programId).where('campaign_id', '=', campaignId).where('member_id', 'in', memberIds).execute();
  return new Set(rows.map((r) => r.member_id));
}

export const insertJob = (db: Db | Trx, row: Insertable<CampaignAwardJobTable>) =>
  db.insertInto('campaign_award_jobs').values(row).returningAll().executeTakeFirstOrThrow();

export const updateJob = (db: Db | Trx, programId: string, id: string, set: Updateable<CampaignAwardJobTable>) =>
  db.updateTable('campaign_award_jobs').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();

export const findJob = (db: Db | Trx, programId: string, campaignId: string, id: string) =>
  db.selectFrom('campaign_award_jobs').selectAll().where('program_id', '=', programId).where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();

export const listJobs = (db: Db | Trx, programId: string, campaignId: string, limit: number) =>
  db.selectFrom('campaign_award_jobs').selectAll().where('program_id', '=', programId).where('campaign_id', '=', campaignId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

// ---- the report

/** One side of the holdout: sums, and each measure's sample variance across members (null below 2 members). */
export interface GroupRow {
  held_out: boolean; members: number;
  spend: number; visits: number; points: number;
  spend_var: number | null; visits_var: number | null; points_var: number | null;
}
export interface DayRow { held_out: boolean; day: string; spend: number; visitors: number }

/**
 * Per-member spend, visits and points of the target over [from, to), grouped by side of
 * the holdout: counts, sums and sample variances (numeric: exact), and the
 * daily sums for the chart. Members without a purchase count as zeros.
 */
export async function reportRows(db: Db | Trx, c: { program_id: string; id: string }, memberIds: string[], from: Date, to: Date, timeZone: string) {
  const days = purchaseDaysSql(c.program_id, { from, to, timeZone });
  const base = sql`
      target AS (
        SELECT t.member_id, ${heldOutSql('c', sql`t.member_id`)} AS held_out
        FROM unnest(${memberIds}::text[]) AS t(member_id), campaigns c
        WHERE c.program_id = ${c.program_id} AND c.id = ${c.id}),
      days AS (${days})`;
  const groups = (await sql<GroupRow>`
    WITH ${base},
      per_member AS (
        SELECT t.member_id, t.held_out,
               coalesce(sum(d.spend_fen), 0)::numeric AS spend, count(d.day)::numeric AS visits,
               (coalesce(sum(d.points), 0) + coalesce((SELECT a.points FROM campaign_awards a
                 WHERE a.program_id = ${c.program_id} AND a.campaign_id = ${c.id} AND a.member_id = t.member_id), 0))::numeric AS points
        FROM target t LEFT JOIN days d ON d.member_id = t.member_id
        GROUP BY t.member_id, t.held_out)
    SELECT held_out, count(*)::int AS members,
           sum(spend)::bigint AS spend, sum(visits)::bigint AS visits, sum(points)::bigint AS points,
           var_samp(spend)::float8 AS spend_var, var_samp(visits)::float8 AS visits_var, var_samp(points)::float8 AS points_var
    FROM per_member GROUP BY held_out`.execute(db)).rows;
  const daily = (await sql<DayRow>`
    WITH ${base}
    SELECT t.held_out, d.day::text AS day, sum(d.spend_fen)::bigint AS spend, count(*)::int AS visitors
    FROM target t JOIN days d ON d.member_id = t.member_id
    GROUP BY t.held_out, d.day ORDER BY d.day`.execute(db)).rows;
  return { groups, daily };
}

// ---- birthday greetings

/** Marks members greeted for `year`; the ids newly marked (a member already greeted that year is left out). */
export async function markGreeted(trx: Trx, programId: string, year: number, sentOn: string, memberIds: string[]): Promise<string[]> {
  if (!memberIds.length) return [];
  const rows = await trx.insertInto('birthday_greetings')
    .values(memberIds.map((member_id) => ({ program_id: programId, member_id, year, sent_on: sentOn })))
    .onConflict((oc) => oc.columns(['program_id', 'member_id', 'year']).doNothing()).returning('member_id').execute();
  return rows.map((r) => r.member_id);
}
