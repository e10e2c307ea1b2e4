import { sql } from 'kysely';
import { ttlCache } from '../../platform/cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit, erasePayloadTexts } from '../../platform/outbox.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import type { ProgramService } from '../programs/index.ts';
import { TIER_MESSAGES } from './tier.errors.ts';
import * as repo from './tier.repository.ts';
import type { TTier, TTierFloorCreate, TTierJob, TTierPolicyInput, TTierTableInput } from './tier.schema.ts';
import { DEFAULT_POLICY, type DateWindow, type TierDef, type TierPolicy, type TierTableView } from './tier.ts';
import type { PeriodSource, TierBasis, TierBenefits, TierRow } from './tier.table.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

/** A manual tier's reason the program writes itself (a VIP membership's floor): a code, kept after an erasure. */
const PROGRAM_REASONS = ['vip'];

// The table is read on every purchase; a short-lived cache keeps that off the database.
const TABLE_TTL_MS = 5_000;

export const DEFAULT_BENEFITS: TierBenefits = { earn_multiplier_pct: 100, parking_hours: 0, birthday_gift: null, account_manager: false, reserved_offers: [] };

const benefitsOf = (b: Partial<TierBenefits> | undefined): TierBenefits => ({ ...DEFAULT_BENEFITS, ...(b ?? {}) });

function toDef(r: TierRow): TierDef {
  return {
    id: r.id, code: r.code, name: r.name, nameEn: r.name_en, rank: r.rank,
    reach: Number(r.reach_threshold), keep: Number(r.keep_threshold), benefits: benefitsOf(r.benefits),
  };
}

export function toTier(d: TierDef): TTier {
  return { id: d.id, code: d.code, name: d.name, name_en: d.nameEn, rank: d.rank, reach_threshold: d.reach, keep_threshold: d.keep, benefits: d.benefits };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The table a proposal describes, as definitions (new tiers get a placeholder id `new:<code>`). */
export function proposedDefs(input: TTierTableInput): TierDef[] {
  return input.tiers.map((t, i) => ({
    id: t.id ?? `new:${t.code}`, code: t.code, name: t.name, nameEn: t.name_en ?? null, rank: i + 1,
    reach: t.reach_threshold, keep: t.keep_threshold ?? t.reach_threshold, benefits: benefitsOf(t.benefits as Partial<TierBenefits> | undefined),
  }));
}

export function tierService(ctx: Ctx, deps: { programs: ProgramService }) {
  const cache = ttlCache<string, TierTableView>(ctx, { ttlMs: TABLE_TTL_MS, max: 10_000 });

  async function policyOf(programId: string): Promise<TierPolicy> {
    const row = await repo.findPolicy(ctx.db, programId);
    if (!row) return DEFAULT_POLICY;
    return { basis: row.basis, window: row.window_kind, windowMonths: row.window_months, downgrade: row.downgrade, graceDays: row.grace_days, warnDays: row.warn_days };
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['tier_qualifying_days', '等级累计（按日）', 'Tier qualifying days'],
      ['tier_periods', '等级历史', 'Tier history'],
      ['tier_floors', '等级保底', 'Tier floors'],
      ['tier_notices', '降级提醒', 'Tier drop notices'],
    ]),
    /**
     * An erasure (PIPL 第四十七条), in the caller's transaction: the reasons staff gave for
     * assigning the member a tier by hand (a floor's reason, the manual period's reason and the
     * `member.tier_changed` event that copied it) become ERASED_TEXT. Every period and floor keeps
     * its tier, dates, source and actor; reasons the program wrote itself stay (a VIP membership's
     * floor `vip`, workflows/memberships/vip-benefits.ts; an evaluation's, a table change's; a
     * floor's end reason, always a code). How many reasons.
     */
    async forgetMember(programId: string, memberId: string): Promise<number> {
      assertTransaction(ctx.db);
      const floors = await ctx.db.updateTable('tier_floors').set({ reason: ERASED_TEXT })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('reason', 'not in', [...PROGRAM_REASONS, ERASED_TEXT])
        .returning('id').execute();
      const periods = await ctx.db.updateTable('tier_periods').set({ reason: ERASED_TEXT })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('source', '=', 'manual')
        .where('reason', 'is not', null).where('reason', 'not in', [...PROGRAM_REASONS, ERASED_TEXT])
        .returning('id').execute();
      await erasePayloadTexts(ctx.db, programId, ['member.tier_changed'], { aggregateId: memberId, match: { source: 'manual' } }, ['reason'], PROGRAM_REASONS);
      return floors.length + periods.length;
    },
    /** The program's policy and tiers (lowest rank first), cached for a few seconds; changes here clear it. */
    async table(programId: string): Promise<TierTableView> {
      const hit = cache.get(programId);
      if (hit) return hit;
      const view = { policy: await policyOf(programId), tiers: (await repo.listTiers(ctx.db, programId)).map(toDef) };
      cache.set(programId, view);
      return view;
    },
    /** The tiers in use, as the API shows them. */
    async list(programId: string): Promise<TTier[]> {
      return (await repo.listTiers(ctx.db, programId)).map((r) => toTier(toDef(r)));
    },
    /** Tier codes and names by id (retired tiers too), for showing a member's tier and history. */
    async tierNames(programId: string): Promise<Map<string, { code: string; name: string; name_en: string | null }>> {
      return new Map((await repo.listTiers(ctx.db, programId, { retired: true })).map((t) => [t.id, { code: t.code, name: t.name, name_en: t.name_en }]));
    },
    /** Adds tiers to a program as they are (the demo, tests): ranks and thresholds as given. */
    async create(programId: string, tiers: { code: string; name: string; name_en?: string | null; rank: number; reach_threshold: number; keep_threshold?: number; benefits?: Partial<TierBenefits> }[]) {
      const rows = await ctx.db.insertInto('tiers').values(tiers.map((t) => ({
        program_id: programId, id: newId('tier'), code: t.code, name: t.name, name_en: t.name_en ?? null, rank: t.rank,
        reach_threshold: t.reach_threshold, keep_threshold: t.keep_threshold ?? t.reach_threshold, benefits: JSON.stringify(benefitsOf(t.benefits)), retired_at: null,
      }))).returningAll().execute();
      cache.delete(programId);
      return rows.map((r) => toTier(toDef(r)));
    },
    async policy(programId: string) {
      const p = await policyOf(programId);
      return { basis: p.basis, window: p.window, window_months: p.windowMonths, downgrade: p.downgrade, grace_days: p.graceDays, warn_days: p.warnDays };
    },
    /** Sets the program's policy; with a key, a retry replays and another body under it is a 409. */
    async setPolicy(programId: string, input: TTierPolicyInput, key?: string) {
      const r = await idempotent(ctx.db, { programId, scope: 'tier_policy', key, hash: requestHash(input) }, async (trx) => {
        const program = await deps.programs.get(programId);
        if (isFailure(program)) return program;
        const row = {
          basis: input.basis, window_kind: input.window, window_months: input.window_months ?? 12, downgrade: input.downgrade,
          grace_days: input.grace_days, warn_days: input.warn_days,
        };
        await trx.insertInto('tier_policies').values({ program_id: programId, ...row })
          .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...row, updated_at: new Date() })).execute();
        cache.delete(programId);
        return { status: 200, body: await service.policy(programId) };
      });
      return isFailure(r) ? r : r.body;
    },

    /**
     * Writes a new tier table in the caller's transaction: listed tiers are updated (by id)
     * or added, in order (rank 1 first); tiers in use that are not listed are retired.
     */
    async writeTable(programId: string, input: TTierTableInput): Promise<Result<TierDef[]>> {
      const trx = ctx.db;
      assertTransaction(trx);
      const current = await repo.listTiers(trx, programId);
      const known = new Set(current.map((t) => t.id));
      for (const [i, t] of input.tiers.entries()) if (t.id && !known.has(t.id)) return validation(`tiers[${i}].id`, TIER_MESSAGES.unknown_tier());
      const kept = new Set(input.tiers.flatMap((t) => (t.id ? [t.id] : [])));
      const now = new Date();
      // Retired tiers keep their code and rank (unique only among tiers in use); the rest
      // step out of the way first, so ranks and codes can swap without a unique clash.
      const retire = current.filter((t) => !kept.has(t.id)).map((t) => t.id);
      if (retire.length) await trx.updateTable('tiers').set({ retired_at: now, updated_at: now }).where('program_id', '=', programId).where('id', 'in', retire).execute();
      if (kept.size) {
        await trx.updateTable('tiers').set({ rank: sql`-rank - 1000`, code: sql`'~' || id` }).where('program_id', '=', programId).where('id', 'in', [...kept]).execute();
      }
      for (const d of proposedDefs(input)) {
        const cols = { code: d.code, name: d.name, name_en: d.nameEn, rank: d.rank, reach_threshold: d.reach, keep_threshold: d.keep, benefits: JSON.stringify(d.benefits) };
        if (d.id.startsWith('new:')) {
          await trx.insertInto('tiers').values({ program_id: programId, id: newId('tier'), ...cols, retired_at: null }).execute();
        } else {
          await trx.updateTable('tiers').set({ ...cols, updated_at: now }).where('program_id', '=', programId).where('id', '=', d.id).execute();
        }
      }
      cache.delete(programId);
      return (await repo.listTiers(trx, programId)).map(toDef);
    },

    /** The figure of many members over their own windows, in one query; aligned with asks. */
    async figures(programId: string, basis: TierBasis, asks: { memberId: string; from: string; to: string }[]): Promise<number[]> {
      return repo.figures(ctx.db, programId, basis, asks);
    },
    async figure(programId: string, memberId: string, window: DateWindow, basis: TierBasis): Promise<number> {
      const r = await sql<{ n: number }>`SELECT ${repo.figureSql(programId, memberId, window.from, window.to, basis)} AS n`.execute(ctx.db);
      return Number(r.rows[0]?.n ?? 0);
    },
    /** Adds a purchase to the member's qualifying day (imports, the demo, tests; the purchase path uses qualifyDaySql). */
    async qualify(programId: string, memberId: string, day: string, spendFen: number, points: number, visit = true) {
      await sql`${repo.qualifyDaySql({ programId, memberId, day, spendFen, points, visit })}`.execute(ctx.db);
    },
    /**
     * A return lowers the qualifying figure of the purchase's own day (never below zero);
     * it never changes the tier on the spot. The day's visit stays.
     */
    async lowerQualifying(programId: string, memberId: string, day: string, spendFen: number, points: number) {
      await ctx.db.updateTable('tier_qualifying_days')
        .set({ spend_fen: sql`greatest(0, spend_fen - ${spendFen})`, points: sql`greatest(0, points - ${points})` })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('day', '=', day).execute();
    },

    /** Open periods and floors of members, and when their last floor ended. */
    async states(programId: string, memberIds: string[]) {
      if (!memberIds.length) return { periods: new Map(), floors: new Map(), floorEnds: new Map() } as const;
      const [periods, floors, ends] = await Promise.all([
        ctx.db.selectFrom('tier_periods').select(['member_id', 'tier_id', 'started_at']).where('program_id', '=', programId)
          .where('member_id', 'in', memberIds).where('ended_at', 'is', null).execute(),
        ctx.db.selectFrom('tier_floors').selectAll().where('program_id', '=', programId).where('member_id', 'in', memberIds).where('ended_at', 'is', null).execute(),
        ctx.db.selectFrom('tier_floors').select(['member_id', (eb) => eb.fn.max('ended_at').as('ended_at')]).where('program_id', '=', programId)
          .where('member_id', 'in', memberIds).where('ended_at', 'is not', null).groupBy('member_id').execute(),
      ]);
      return {
        periods: new Map(periods.map((p) => [p.member_id, { tierId: p.tier_id, startedAt: p.started_at }])),
        floors: new Map(floors.map((f) => [f.member_id, { id: f.id, tierId: f.tier_id, endsOn: f.ends_on }])),
        floorEnds: new Map(ends.map((e) => [e.member_id, e.ended_at as Date])),
      };
    },

    /** Opens first tier periods for members who have none (enrolment, import), in the caller's transaction. */
    async openPeriods(programId: string, rows: { memberId: string; tierId: string; at: Date; source: PeriodSource }[], actor: string | null) {
      assertTransaction(ctx.db);
      if (!rows.length) return;
      await ctx.db.insertInto('tier_periods').values(rows.map((r) => ({
        program_id: programId, member_id: r.memberId, id: newId('tpe'), tier_id: r.tierId, from_tier_id: null, started_at: r.at, ended_at: null,
        source: r.source, reason: null, actor,
      }))).onConflict((oc) => oc.doNothing()).execute();
    },
    /** Closes the member's open period (in fromTierId) and opens one in toTierId, in the caller's transaction; false when the member was not in fromTierId. */
    async changePeriod(c: Omit<repo.PeriodChange, 'periodId'>): Promise<boolean> {
      assertTransaction(ctx.db);
      const { close, open } = repo.periodChangeSql({ ...c, periodId: newId('tpe') });
      const r = await sql<{ closed: number; opened: number }>`
        WITH tier_close AS (${close}), tier_open AS (${open})
        SELECT (SELECT count(*) FROM tier_close)::int AS closed, (SELECT count(*) FROM tier_open)::int AS opened`.execute(ctx.db);
      const row = r.rows[0]!;
      return c.toTierId === null ? row.closed === 1 : row.opened === 1;
    },

    /** Records a manual floor, ending any open one, in the caller's transaction. */
    async addFloor(programId: string, memberId: string, input: TTierFloorCreate, actor: string | null, at: Date) {
      assertTransaction(ctx.db);
      await ctx.db.updateTable('tier_floors').set({ ended_at: at, end_reason: 'replaced' })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('ended_at', 'is', null).execute();
      const id = newId('tfl');
      await ctx.db.insertInto('tier_floors').values({
        program_id: programId, member_id: memberId, id, tier_id: input.tier_id, reason: input.reason, ends_on: input.ends_on ?? null, actor, ended_at: null, end_reason: null,
      }).execute();
      return id;
    },
    /** Ends the member's open floor; false when there was none. */
    async endFloor(programId: string, memberId: string, at: Date, reason: string) {
      const r = await ctx.db.updateTable('tier_floors').set({ ended_at: at, end_reason: reason })
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('ended_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Records a drop notice and its event once per member and drop date; false when already sent. */
    async notify(programId: string, memberId: string, payload: { tier_id: string; to_tier_id: string | null; drops_on: string; review_on: string; missing: number; basis: TierBasis }) {
      const r = await ctx.db.insertInto('tier_notices').values({ program_id: programId, member_id: memberId, drops_on: payload.drops_on, tier_id: payload.tier_id })
        .onConflict((oc) => oc.columns(['program_id', 'member_id', 'drops_on']).doNothing()).returning('drops_on').executeTakeFirst();
      if (!r) return false;
      await emit(ctx.db, { programId, topic: 'member.tier_will_drop', aggregateId: memberId, payload: { member_id: memberId, ...payload } });
      return true;
    },

    /** A member's periods and floors, newest first. */
    async history(programId: string, memberId: string) {
      const [periods, floors] = await Promise.all([
        ctx.db.selectFrom('tier_periods').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).orderBy('started_at', 'desc').orderBy('created_at', 'desc').execute(),
        ctx.db.selectFrom('tier_floors').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute(),
      ]);
      return { periods, floors };
    },

    // Table-change jobs and their progress.
    async createJob(programId: string, kind: 'apply_table' | 'evaluate', actor: string | null) {
      const id = newId('tjb');
      await ctx.db.insertInto('tier_jobs').values({ program_id: programId, id, kind, actor, error: null, started_at: null, finished_at: null }).execute();
      return id;
    },
    /** The job still pending or running for a program, if any. */
    async runningJob(programId: string) {
      return ctx.db.selectFrom('tier_jobs').select('id').where('program_id', '=', programId).where('status', 'in', ['pending', 'running']).executeTakeFirst();
    },
    async updateJob(programId: string, id: string, patch: { status?: 'running' | 'done' | 'failed'; total?: number; done?: number; summary?: Record<string, unknown>; error?: string }) {
      const now = new Date();
      await ctx.db.updateTable('tier_jobs').set({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.status === 'running' ? { started_at: now } : {}),
        ...(patch.status === 'done' || patch.status === 'failed' ? { finished_at: now } : {}),
        ...(patch.total !== undefined ? { total: patch.total } : {}),
        ...(patch.done !== undefined ? { done: patch.done } : {}),
        ...(patch.summary ? { summary: JSON.stringify(patch.summary) } : {}),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
      }).where('program_id', '=', programId).where('id', '=', id).execute();
    },
    async job(programId: string, id: string): Promise<Result<TTierJob>> {
      const r = await ctx.db.selectFrom('tier_jobs').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      if (!r) return notFound('tier job', 'job_id');
      return {
        id: r.id, kind: r.kind, status: r.status, total: r.total, done: r.done, summary: r.summary as TTierJob['summary'], error: r.error,
        created_at: r.created_at.toISOString(), started_at: iso(r.started_at), finished_at: iso(r.finished_at),
      };
    },
    /** Jobs left pending or running by a process that stopped: to run again. */
    async unfinishedJobs() {
      return ctx.db.selectFrom('tier_jobs').select(['program_id', 'id']).where('status', 'in', ['pending', 'running']).where('kind', '=', 'apply_table').execute();
    },
  };
  return service;
}
export type TierService = ReturnType<typeof tierService>;
