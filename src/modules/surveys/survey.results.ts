import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { startOfDay, addDays } from '../../platform/time.ts';
import type { SurveyDeps } from './survey.service.ts';
import type { TResults } from './survey.schema.ts';
import type { SurveyRow } from './survey.table.ts';
import { LOW } from './defaults.ts';

// A survey's figures, computed in SQL over its own answers (which carry the store, agent and
// tier they are broken down by): CSAT % = share of 4–5 among the answers (Zendesk, Chatwoot),
// NPS = % promoters (9–10) − % detractors (0–6), a custom survey's average rating; the
// response rate = answered / invitations sent; weeks (Monday) and months in the program's zone.

type Metric = TResults['metric'];
const metricOf = (kind: SurveyRow['kind']): Metric => (kind === 'csat' ? 'csat' : kind === 'nps' ? 'nps' : 'average');

function figure(metric: Metric): RawBuilder<number | null> {
  if (metric === 'csat') return sql`round(100.0 * count(*) FILTER (WHERE score >= 4) / NULLIF(count(score), 0), 1)::float8`;
  if (metric === 'nps') return sql`round(100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / NULLIF(count(score), 0), 1)::float8`;
  return sql`round(avg(score), 2)::float8`;
}

interface Group { key: string | null; answers: number; value: number | null }

export async function surveyResults(ctx: Ctx, deps: SurveyDeps, s: SurveyRow, tz: string, q: { from?: string | undefined; to?: string | undefined }): Promise<TResults> {
  const metric = metricOf(s.kind);
  const from = q.from ? startOfDay(q.from, tz) : new Date(0);
  const to = q.to ? startOfDay(addDays(q.to, 1), tz) : new Date('9999-01-01T00:00:00Z');
  const scope = sql`program_id = ${s.program_id} AND survey_id = ${s.id} AND answered_at >= ${from} AND answered_at < ${to}`;
  const grouped = async (key: RawBuilder<unknown>): Promise<Group[]> => (await sql<Group>`
    SELECT ${key} AS key, count(*)::int AS answers, ${figure(metric)} AS value
    FROM survey_answers WHERE ${scope} GROUP BY 1 ORDER BY 1 NULLS LAST`.execute(ctx.db)).rows;
  const local = sql`(answered_at AT TIME ZONE ${tz})`;

  const [head] = (await sql<{ answers: number; value: number | null; promoters: number; passives: number; detractors: number }>`
    SELECT count(*)::int AS answers, ${figure(metric)} AS value,
      count(*) FILTER (WHERE score >= 9)::int AS promoters, count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
      count(*) FILTER (WHERE score <= 6)::int AS detractors
    FROM survey_answers WHERE ${scope}`.execute(ctx.db)).rows;
  const [sent] = (await sql<{ invited: number; answered: number; rate: number | null }>`
    SELECT count(token_hash)::int AS invited, count(*) FILTER (WHERE status = 'answered')::int AS answered,
      round(100.0 * count(*) FILTER (WHERE status = 'answered') / NULLIF(count(token_hash), 0), 1)::float8 AS rate
    FROM survey_invitations WHERE program_id = ${s.program_id} AND survey_id = ${s.id} AND created_at >= ${from} AND created_at < ${to}`.execute(ctx.db)).rows;
  const distribution = (await sql<{ score: number; count: number }>`
    SELECT score, count(*)::int AS count FROM survey_answers WHERE ${scope} AND score IS NOT NULL GROUP BY score ORDER BY score`.execute(ctx.db)).rows;
  const choices = (await sql<{ question: string; choice: string; count: number }>`
    SELECT q.key AS question, c.choice, count(*)::int AS count
    FROM survey_answers a CROSS JOIN LATERAL jsonb_each(a.answers) q
    CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(q.value) = 'array' THEN q.value ELSE jsonb_build_array(q.value) END) AS choice) c
    WHERE a.program_id = ${s.program_id} AND a.survey_id = ${s.id} AND a.answered_at >= ${from} AND a.answered_at < ${to}
    GROUP BY 1, 2`.execute(ctx.db)).rows;
  const comments = (await sql<{ answer_id: string; member_id: string; score: number | null; comment: string; answered_at: Date; store_id: string | null; agent_staff_id: string | null; case_id: string | null }>`
    SELECT id AS answer_id, member_id, score, coalesce(comment, '') AS comment, answered_at, store_id, agent_staff_id, case_id
    FROM survey_answers WHERE ${scope} AND ((comment IS NOT NULL AND comment <> '') OR score <= ${metric === 'csat' ? LOW.csat : metric === 'nps' ? LOW.nps : -1})
    ORDER BY answered_at DESC LIMIT 100`.execute(ctx.db)).rows;

  const [byWeek, byMonth, byStore, byTier, byAgent] = await Promise.all([
    grouped(sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`),
    grouped(sql`to_char(date_trunc('month', ${local}), 'YYYY-MM')`),
    grouped(sql`store_id`), grouped(sql`tier_id`), grouped(sql`agent_staff_id`),
  ]);
  const [stores, tiers, staff] = await Promise.all([deps.stores.list(s.program_id), deps.tiers.tierNames(s.program_id), deps.staff.list(s.program_id)]);
  const storeNames = new Map(stores.map((x) => [x.id, x.name]));
  const staffNames = new Map(staff.map((x) => [x.id, x.display_name]));
  const named = (groups: Group[], names: (key: string) => string | undefined) => groups.map((g) => ({ ...g, name: g.key === null ? null : names(g.key) ?? g.key }));
  const asIs = (groups: Group[]) => groups.map((g) => ({ ...g, name: g.key }));

  return {
    survey_id: s.id, kind: s.kind, metric,
    invited: sent!.invited, answered: sent!.answered,
    response_rate: sent!.rate,
    value: head!.value, promoters: head!.promoters, passives: head!.passives, detractors: head!.detractors,
    distribution,
    by_week: asIs(byWeek), by_month: asIs(byMonth),
    by_store: named(byStore, (k) => storeNames.get(k)), by_tier: named(byTier, (k) => tiers.get(k)?.name), by_agent: named(byAgent, (k) => staffNames.get(k)),
    questions: s.questions.filter((x) => x.type !== 'text').map((x) => ({
      id: x.id, type: x.type, label: x.label,
      counts: Object.fromEntries(choices.filter((c) => c.question === x.id).map((c) => [c.choice, c.count])),
    })),
    comments: comments.map((c) => ({ ...c, answered_at: c.answered_at.toISOString() })),
  };
}
