import { randomBytes } from 'node:crypto';
import type { Trx } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import { budgetSpent, CAMPAIGN_MESSAGES as MSG, draftOnly, memberLimit, notEditable, statusChange } from './campaign.errors.ts';
import * as repo from './campaign.repository.ts';
import type { TAwardJob, TCampaign, TCampaignCreate, TCampaignReport, TCampaignUpdate } from './campaign.schema.ts';
import type { AwardJobRow, CampaignRow, CampaignStatus } from './campaign.table.ts';
import { welchLift, type Sample } from './stats.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

const MOVES: Record<'active' | 'ended' | 'cancelled', CampaignStatus[]> = {
  active: ['draft'],
  ended: ['active'],
  cancelled: ['draft', 'active'],
};

/** Fields fixed once a campaign is active: its start, target, award and holdout (the report compares a fixed population). */
const DRAFT_ONLY = ['starts_at', 'segment_id', 'award_points', 'coupon_type_id', 'holdout_pct'] as const;

interface Figures { reached: number; awarded: number; used: number; left: number | null }

function toCampaign(r: CampaignRow, f: Figures = { reached: 0, awarded: 0, used: 0, left: r.budget_points }): TCampaign {
  return {
    id: r.id, name: r.name, name_en: r.name_en, description: r.description,
    starts_at: r.starts_at.toISOString(), ends_at: r.ends_at.toISOString(), segment_id: r.segment_id, kind: r.kind,
    award_points: r.award_points, coupon_type_id: r.coupon_type_id, budget_points: r.budget_points, budget_used: f.used, budget_left: r.budget_points === null ? null : f.left ?? 0,
    per_member_limit: r.per_member_limit, holdout_pct: r.holdout_pct, status: r.status,
    members_reached: f.reached, members_awarded: f.awarded,
    actor: r.actor, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  };
}

export function toAwardJob(j: AwardJobRow): TAwardJob {
  return {
    id: j.id, campaign_id: j.campaign_id, status: j.status, total: j.total, done: j.done, awarded: j.awarded, skipped: j.skipped,
    points: j.points, stop_reason: j.stop_reason as TAwardJob['stop_reason'], error: j.error,
    created_at: j.created_at.toISOString(), updated_at: j.updated_at.toISOString(),
  };
}

const same = (a: unknown, b: unknown) => (a instanceof Date && typeof b === 'string' ? a.getTime() === Date.parse(b) : (a ?? null) === (b ?? null));

export function campaignService(ctx: Ctx) {
  const withReach = async (programId: string, rows: CampaignRow[]) => {
    const ids = rows.map((r) => r.id);
    const [reach, budgets] = await Promise.all([repo.reach(ctx.db, programId, ids), repo.budgets(ctx.db, programId, ids)]);
    return rows.map((r) => toCampaign(r, { reached: 0, awarded: 0, ...reach.get(r.id), used: 0, left: r.budget_points, ...budgets.get(r.id) }));
  };

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['campaign_member_points', '活动积分', 'Campaign points'],
      ['campaign_awards', '活动奖励', 'Campaign awards'],
      ['birthday_greetings', '生日祝福', 'Birthday greetings'],
    ]),
    /** Locks campaigns' budget slices for the caller's transaction, in order: a spend then cannot find its room gone. */
    async lockRoom(trx: Trx, programId: string, ids: string[]) {
      assertTransaction(trx);
      if (ids.length) await repo.lockCampaigns(trx, programId, [...new Set(ids)]);
    },
    /** Campaigns, latest start first. */
    async list(programId: string, status?: CampaignStatus): Promise<TCampaign[]> {
      return withReach(programId, await repo.listCampaigns(ctx.db, programId, status));
    },
    /** A campaign as the API shows it: budget used and left, members reached and awarded. */
    async get(programId: string, id: string): Promise<Result<TCampaign>> {
      const row = await repo.findCampaign(ctx.db, programId, id);
      if (!row) return notFound('campaign', 'campaign_id');
      return (await withReach(programId, [row]))[0]!;
    },
    /** The stored row (workflows: the award, the report). */
    async row(programId: string, id: string): Promise<Result<CampaignRow>> {
      return (await repo.findCampaign(ctx.db, programId, id)) ?? notFound('campaign', 'campaign_id');
    },
    async create(programId: string, input: TCampaignCreate, actor: string | null): Promise<TCampaign> {
      const row = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.insertCampaign(trx, {
          program_id: programId, id: newId('cmp'), name: input.name, name_en: input.name_en ?? null, description: input.description ?? null,
          starts_at: new Date(input.starts_at), ends_at: new Date(input.ends_at), segment_id: input.segment_id ?? null, kind: input.kind,
          award_points: input.award_points ?? null, coupon_type_id: input.kind === 'award' ? input.coupon_type_id ?? null : null, budget_points: input.budget_points ?? null, per_member_limit: input.per_member_limit ?? null,
          holdout_pct: input.holdout_pct ?? 0, holdout_salt: randomBytes(16).toString('hex'), status: 'draft', actor,
        });
        await repo.insertSlices(trx, programId, row.id, row.budget_points);
        return row;
      });
      return toCampaign(row);
    },
    /**
     * Edits a draft or active campaign. Once active, the start, target, award and holdout are
     * fixed; the end may move but not into the past; the budget may not drop below what is used.
     */
    async update(programId: string, id: string, input: TCampaignUpdate, now = new Date()): Promise<Result<TCampaign>> {
      const done = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.lockCampaign(trx, programId, id);
        if (!row) return notFound('campaign', 'campaign_id');
        if (row.status !== 'draft' && row.status !== 'active') return notEditable(row.status);
        if (row.status === 'active') {
          for (const f of DRAFT_ONLY) if (input[f] !== undefined && !same(row[f], input[f])) return draftOnly(f);
        }
        const startsAt = input.starts_at !== undefined ? new Date(input.starts_at) : row.starts_at;
        const endsAt = input.ends_at !== undefined ? new Date(input.ends_at) : row.ends_at;
        if (endsAt <= startsAt) return validation('ends_at', MSG.ends_before_start());
        if (row.status === 'active' && input.ends_at !== undefined && endsAt < now && !same(row.ends_at, input.ends_at)) return validation('ends_at', MSG.ends_in_past());
        const budget = await repo.lockSlices(trx, programId, id);
        if (input.budget_points !== undefined && input.budget_points !== null && input.budget_points < budget.used) {
          return validation('budget_points', MSG.budget_below_used({ used: budget.used }));
        }
        if (row.kind === 'rules' && input.award_points != null) return validation('award_points', MSG.award_points_rules());
        if (row.kind === 'award' && input.award_points === null) return validation('award_points', MSG.award_points_required());
        const set: Parameters<typeof repo.updateCampaign>[3] = { starts_at: startsAt, ends_at: endsAt };
        if (input.name !== undefined) set.name = input.name;
        if (row.kind === 'rules' && input.coupon_type_id != null) return validation('coupon_type_id', MSG.coupon_type_rules());
        for (const k of ['name_en', 'description', 'segment_id', 'award_points', 'coupon_type_id', 'budget_points', 'per_member_limit'] as const) {
          if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
        }
        if (input.holdout_pct !== undefined) set.holdout_pct = input.holdout_pct;
        if (input.budget_points !== undefined && input.budget_points !== row.budget_points) await repo.reshareSlices(trx, programId, id, input.budget_points, budget.used);
        return repo.updateCampaign(trx, programId, id, set);
      });
      return done instanceof Error ? done : (await withReach(programId, [done]))[0]!;
    },
    /**
     * draft → active (it applies from starts_at), active → ended (now: ends_at becomes now,
     * so later purchases no longer get it, while a purchase from before, reported late,
     * still does), draft or active → cancelled (never applies again). The same status again
     * changes nothing.
     */
    async setStatus(programId: string, id: string, to: 'active' | 'ended' | 'cancelled', now = new Date()): Promise<Result<TCampaign>> {
      const done = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.lockCampaign(trx, programId, id);
        if (!row) return notFound('campaign', 'campaign_id');
        if (row.status === to) return row;
        if (!MOVES[to].includes(row.status)) return statusChange(row.status, to);
        if (to === 'ended') {
          if (row.starts_at >= now) return statusChange('not_started', to);
          return repo.updateCampaign(trx, programId, id, { status: to, ends_at: row.ends_at < now ? row.ends_at : now });
        }
        return repo.updateCampaign(trx, programId, id, { status: to });
      });
      return done instanceof Error ? done : (await withReach(programId, [done]))[0]!;
    },

    /** Whether a member is in the campaign's holdout group (sticky: the campaign's salt and share). */
    heldOut: (c: Pick<CampaignRow, 'holdout_salt' | 'holdout_pct'>, memberId: string) => repo.isHeldOut(c.holdout_salt, c.holdout_pct, memberId),

    /**
     * Spends `points` of the campaign's budget and the member's limit, in the caller's
     * transaction: both or neither (a failure value rolls the caller's work back).
     */
    async spend(programId: string, campaignId: string, memberId: string, points: number): Promise<Result<true>> {
      return inTransaction(ctx.db, async (trx) => {
        // the slices locked first: a spend that draws on several slices would otherwise be
        // refused when a concurrent spend took one of them, though the budget had room
        const room = await repo.lockSlices(trx, programId, campaignId);
        const r = await repo.spend(trx, programId, campaignId, memberId, points);
        if (r.budget && r.member) return true as const;
        if (!r.budget) return budgetSpent(room.left ?? 0, points);
        return memberLimit();
      });
    },

    /** Claims the one-off award for a member in the caller's transaction: false when someone has it (or a concurrent run is giving it). */
    async claimAward(programId: string, campaignId: string, memberId: string, points: number, jobId: string | null): Promise<boolean> {
      assertTransaction(ctx.db);
      return (await repo.claimAward(ctx.db, { programId, campaignId, memberId, points, jobId })) !== undefined;
    },
    async setAwardEntry(programId: string, campaignId: string, memberId: string, entryId: string) {
      assertTransaction(ctx.db);
      await repo.setAwardEntry(ctx.db, programId, campaignId, memberId, entryId);
    },
    /** Which of these members already have the award. */
    awardedAmong: (programId: string, campaignId: string, memberIds: string[]) => repo.awardedAmong(ctx.db, programId, campaignId, memberIds),

    async createJob(programId: string, campaignId: string, actor: string | null): Promise<AwardJobRow> {
      return repo.insertJob(ctx.db, { program_id: programId, id: newId('cjb'), campaign_id: campaignId, status: 'running', stop_reason: null, error: null, actor });
    },
    updateJob: (programId: string, id: string, set: Parameters<typeof repo.updateJob>[3]) => repo.updateJob(ctx.db, programId, id, set),
    async job(programId: string, campaignId: string, id: string): Promise<Result<TAwardJob>> {
      const j = await repo.findJob(ctx.db, programId, campaignId, id);
      return j ? toAwardJob(j) : notFound('job', 'job_id');
    },
    /** The campaign's award runs, newest first. */
    async jobs(programId: string, campaignId: string, limit = 20): Promise<TAwardJob[]> {
      return (await repo.listJobs(ctx.db, programId, campaignId, limit)).map(toAwardJob);
    },

    /**
     * The holdout report over the campaign's window up to `now`: treated and held-out
     * members of `memberIds` (the target), their spend, visits and points, the lift of the
     * treated means over the held-out ones with Welch's 95 % interval, and the daily series.
     */
    async report(c: CampaignRow, memberIds: string[], timeZone: string, now = new Date()): Promise<TCampaignReport> {
      const from = c.starts_at;
      const to = new Date(Math.max(from.getTime(), Math.min(c.ends_at.getTime(), now.getTime())));
      const { groups, daily } = await repo.reportRows(ctx.db, c, memberIds, from, to, timeZone);
      const side = (heldOut: boolean) => {
        const g = groups.find((r) => r.held_out === heldOut);
        const n = g?.members ?? 0;
        const mean = (v: number) => (n ? Number(v) / n : 0);
        const figures = {
          members: n, spend_fen: Number(g?.spend ?? 0), visits: Number(g?.visits ?? 0), points: Number(g?.points ?? 0),
          mean_spend_fen: round(mean(g?.spend ?? 0)), mean_visits: round(mean(g?.visits ?? 0)), mean_points: round(mean(g?.points ?? 0)),
        };
        const sample = (sum: number, variance: number | null | undefined): Sample => ({ n, mean: mean(sum), variance: variance ?? null });
        return { figures, spend: sample(Number(g?.spend ?? 0), g?.spend_var), visits: sample(Number(g?.visits ?? 0), g?.visits_var), points: sample(Number(g?.points ?? 0), g?.points_var) };
      };
      const t = side(false);
      const h = side(true);
      const days: TCampaignReport['daily'] = [];
      if (to > from) {
        const last = localDate(new Date(to.getTime() - 1), timeZone);
        for (let d = localDate(from, timeZone); d <= last; d = addDays(d, 1)) {
          const of = (heldOut: boolean) => daily.find((r) => r.day === d && r.held_out === heldOut);
          const ts = Number(of(false)?.spend ?? 0);
          const hs = Number(of(true)?.spend ?? 0);
          days.push({
            date: d, treated_spend_fen: ts, held_out_spend_fen: hs,
            treated_mean_spend_fen: round(t.figures.members ? ts / t.figures.members : 0), held_out_mean_spend_fen: round(h.figures.members ? hs / h.figures.members : 0),
            treated_visitors: of(false)?.visitors ?? 0, held_out_visitors: of(true)?.visitors ?? 0,
          });
        }
      }
      return {
        campaign_id: c.id, from: from.toISOString(), to: to.toISOString(), holdout_pct: c.holdout_pct,
        treated: t.figures, held_out: h.figures,
        lift: { spend_fen: welchLift(t.spend, h.spend), visits: welchLift(t.visits, h.visits), points: welchLift(t.points, h.points) },
        daily: days,
      };
    },

    /**
     * Birthday greetings (客户关怀): marks each member greeted for the year and writes one
     * member.birthday event per member not greeted yet that year, in one transaction.
     * Returns how many were sent.
     */
    async greet(programId: string, asOf: string, greetings: { memberId: string; payload: Record<string, unknown> }[]): Promise<number> {
      return inTransaction(ctx.db, async (trx) => {
        const fresh = new Set(await repo.markGreeted(trx, programId, Number(asOf.slice(0, 4)), asOf, greetings.map((g) => g.memberId)));
        await emit(trx, greetings.filter((g) => fresh.has(g.memberId)).map((g) => ({ programId, topic: 'member.birthday', aggregateId: g.memberId, payload: g.payload })));
        return fresh.size;
      });
    },
  };
  return service;
}
export type CampaignService = ReturnType<typeof campaignService>;

const round = (v: number) => Number(v.toFixed(4));
