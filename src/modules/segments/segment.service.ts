import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, type DomainError, type Result } from '../../platform/errors.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { localDate } from '../../platform/time.ts';
import { assertNoTransaction, inTransaction } from '../../platform/transaction.ts';
import type { MemberService, TMember } from '../members/index.ts';
import type { ProgramService } from '../programs/index.ts';
import type { TierService } from '../tiers/index.ts';
import type { StoreService } from '../stores/index.ts';
import { segmentArchived, unknownStore, unknownTier } from './segment.errors.ts';
import * as repo from './segment.repository.ts';
import type { TConditions, TSegment, TSegmentCreate, TSegmentMember, TSegmentUpdate } from './segment.schema.ts';
import type { SegmentRow } from './segment.table.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const toSegment = (r: SegmentRow, statsAt: Date | null): TSegment => ({
  id: r.id, name: r.name, name_en: r.name_en, description: r.description, conditions: r.conditions, status: r.status,
  size: r.size, refreshed_at: iso(r.refreshed_at), stats_refreshed_at: iso(statsAt),
  created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
});

const toMember = (m: TMember): TSegmentMember => ({ id: m.id, member_no: m.member_no, name: m.name, phone: m.phone, status: m.status, tier: m.tier });

export function segmentService(ctx: Ctx, deps: { programs: ProgramService; tiers: TierService; members: MemberService; stores: StoreService }) {
  async function clock(programId: string, now: Date): Promise<Result<repo.Clock>> {
    const settings = await deps.programs.settings(programId);
    if (isFailure(settings)) return settings;
    return { now, timeZone: settings.timeZone, today: localDate(now, settings.timeZone) };
  }

  /** Tiers and stores a definition names must be the program's (the field says which one is not). */
  async function checkReferences(programId: string, c: TConditions, at: string): Promise<DomainError | null> {
    if (c.tiers) {
      const tiers = new Set((await deps.tiers.list(programId)).map((t) => t.id));
      const i = c.tiers.any_of.findIndex((id) => !tiers.has(id));
      if (i >= 0) return unknownTier(`${at}.tiers.any_of[${i}]`, c.tiers.any_of[i]!);
    }
    if (c.stores) {
      const stores = new Set((await deps.stores.list(programId)).map((s) => s.id));
      const i = c.stores.any_of.findIndex((id) => !stores.has(id));
      if (i >= 0) return unknownStore(`${at}.stores.any_of[${i}]`, c.stores.any_of[i]!);
    }
    return null;
  }

  /** Figures are computed the first time anything needs them; afterwards the job keeps them. */
  async function ensureStats(programId: string, k: repo.Clock) {
    const at = await repo.statsRefreshedAt(ctx.db, programId);
    if (at) return at;
    await inTransaction(ctx.db, async (trx) => {
      await repo.planPerRun(trx);
      await repo.refreshStats(trx, programId, k);
    });
    return repo.statsRefreshedAt(ctx.db, programId);
  }

  /** Refreshes one segment's membership in the caller's transaction (or its own). */
  async function refreshOne(programId: string, id: string, k: repo.Clock) {
    return inTransaction(ctx.db, async (trx) => {
      const row = await repo.lockSegment(trx, programId, id);
      if (!row) return notFound('segment', 'segment_id');
      if (row.status === 'archived') return segmentArchived();
      await repo.planPerRun(trx);
      const r = await repo.refreshMembers(trx, programId, id, row.conditions, k);
      return { id, size: r.size, joined: r.joined, left: r.left };
    });
  }

  async function view(programId: string, id: string): Promise<Result<TSegment>> {
    const row = await repo.findById(ctx.db, programId, id);
    if (!row) return notFound('segment', 'segment_id');
    return toSegment(row, await repo.statsRefreshedAt(ctx.db, programId));
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['segment_members', '会员分群记录', 'Segment membership'],
      ['segment_member_stats', '消费统计与 RFM', 'Purchase figures and RFM'],
    ]),
    async list(programId: string, status: 'active' | 'archived' | 'all' = 'active') {
      const rows = await repo.list(ctx.db, programId, status);
      const statsAt = rows.length ? await repo.statsRefreshedAt(ctx.db, programId) : null;
      return rows.map((r) => toSegment(r, statsAt));
    },

    get: view,

    /** Creates a segment and computes its members at once. */
    async create(programId: string, input: TSegmentCreate, actor: Principal, key: string | undefined, now = new Date()) {
      const k = await clock(programId, now);
      if (isFailure(k)) return k;
      const bad = await checkReferences(programId, input.conditions, 'conditions');
      if (bad) return bad;
      return idempotent(ctx.db, { programId, scope: 'segment.create', key, hash: requestHash(input) }, async (trx) => {
        const id = newId('seg');
        await trx.insertInto('segments').values({
          program_id: programId, id, name: input.name, name_en: input.name_en ?? null, description: input.description ?? null,
          conditions: JSON.stringify(input.conditions) as never,
        }).execute();
        await ensureStats(programId, k);
        const r = await refreshOne(programId, id, k);
        if (isFailure(r)) return r;
        await emit(trx, { programId, topic: 'segment.created', aggregateId: id, payload: { segment_id: id, name: input.name, conditions: input.conditions, size: r.size, actor: actor.keyId } });
        return { status: 201, body: (await view(programId, id)) as TSegment };
      });
    },

    /** Renames or redefines a segment; new conditions recompute its members at once. */
    async update(programId: string, id: string, input: TSegmentUpdate, actor: Principal, key: string | undefined, now = new Date()) {
      const k = await clock(programId, now);
      if (isFailure(k)) return k;
      if (input.conditions) {
        const bad = await checkReferences(programId, input.conditions, 'conditions');
        if (bad) return bad;
      }
      return idempotent(ctx.db, { programId, scope: 'segment.update', key, hash: requestHash({ id, ...input }) }, async (trx) => {
        const row = await repo.lockSegment(trx, programId, id);
        if (!row) return notFound('segment', 'segment_id');
        if (row.status === 'archived') return segmentArchived();
        const patch = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.name_en !== undefined ? { name_en: input.name_en } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.conditions ? { conditions: JSON.stringify(input.conditions) as never } : {}),
        };
        await trx.updateTable('segments').set({ ...patch, updated_at: now }).where('program_id', '=', programId).where('id', '=', id).execute();
        if (input.conditions && requestHash(input.conditions) !== requestHash(row.conditions)) {
          await ensureStats(programId, k);
          const r = await refreshOne(programId, id, k);
          if (isFailure(r)) return r;
        }
        await emit(trx, { programId, topic: 'segment.updated', aggregateId: id, payload: { segment_id: id, fields: Object.keys(input), actor: actor.keyId } });
        return { status: 200, body: (await view(programId, id)) as TSegment };
      });
    },

    /** Archives a segment: it is no longer refreshed and its members' stays are closed now (their history stays). */
    async archive(programId: string, id: string, actor: Principal, key: string | undefined, now = new Date()) {
      return idempotent(ctx.db, { programId, scope: 'segment.archive', key, hash: requestHash({ id }) }, async (trx) => {
        const row = await repo.lockSegment(trx, programId, id);
        if (!row) return notFound('segment', 'segment_id');
        if (row.status === 'archived') return segmentArchived();
        await repo.closeAll(trx, programId, id, now);
        await trx.updateTable('segments').set({ status: 'archived', size: 0, refreshed_at: now, updated_at: now })
          .where('program_id', '=', programId).where('id', '=', id).execute();
        await emit(trx, { programId, topic: 'segment.archived', aggregateId: id, payload: { segment_id: id, actor: actor.keyId } });
        return { status: 200, body: (await view(programId, id)) as TSegment };
      });
    },

    /** Recomputes one segment's members from the current figures. */
    async refresh(programId: string, id: string, now = new Date()): Promise<Result<TSegment>> {
      const k = await clock(programId, now);
      if (isFailure(k)) return k;
      const r = await inTransaction(ctx.db, async () => {
        await ensureStats(programId, k);
        return refreshOne(programId, id, k);
      });
      if (isFailure(r)) return r;
      return view(programId, id);
    },

    /** Every current member's id, in id order (a campaign's target), as of the last refresh. */
    async memberIds(programId: string, id: string): Promise<Result<string[]>> {
      const row = await repo.findById(ctx.db, programId, id);
      if (!row) return notFound('segment', 'segment_id');
      return (await repo.currentMembers(ctx.db, programId, id, Number.MAX_SAFE_INTEGER)).map((r) => r.member_id).sort();
    },

    /** Current members (newest joiners first), masked, with the segment's size and freshness. */
    async sample(programId: string, id: string, limit: number) {
      const row = await repo.findById(ctx.db, programId, id);
      if (!row) return notFound('segment', 'segment_id');
      const rows = await repo.currentMembers(ctx.db, programId, id, limit);
      const members = new Map((await deps.members.masked(programId, rows.map((r) => r.member_id))).map((m) => [m.id, m]));
      return {
        size: row.size, refreshed_at: iso(row.refreshed_at),
        items: rows.flatMap((r) => {
          const m = members.get(r.member_id);
          return m ? [{ ...toMember(m), joined_at: r.joined_at.toISOString() }] : [];
        }),
      };
    },

    /** Size and sample of an unsaved definition, computed now: attributes as they are, purchase figures as of the last stats refresh. */
    async preview(programId: string, conditions: TConditions, limit: number, now = new Date()) {
      const k = await clock(programId, now);
      if (isFailure(k)) return k;
      const bad = await checkReferences(programId, conditions, 'conditions');
      if (bad) return bad;
      const statsAt = await ensureStats(programId, k);
      const r = await inTransaction(ctx.db, async (trx) => {
        await repo.planPerRun(trx);
        return repo.preview(trx, programId, conditions, k, limit);
      });
      return {
        size: r.size, sample: (await deps.members.masked(programId, r.sample)).map(toMember),
        as_of: now.toISOString(), stats_refreshed_at: iso(statsAt),
      };
    },

    /** Recomputes every member's purchase figures and RFM scores (the job's first step). */
    async refreshStats(programId: string, now = new Date()) {
      const k = await clock(programId, now);
      if (isFailure(k)) return k;
      return {
        members: await inTransaction(ctx.db, async (trx) => {
          await repo.planPerRun(trx);
          return repo.refreshStats(trx, programId, k);
        }),
      };
    },

    /**
     * The segments job for one program: figures first, then every active segment, each in
     * its own transaction.
     */
    async run(programId: string, now = new Date()) {
      assertNoTransaction(ctx.db);
      const stats = await service.refreshStats(programId, now);
      if (isFailure(stats)) return stats;
      const k = (await clock(programId, now)) as repo.Clock;
      const segments = [];
      for (const id of await repo.activeIds(ctx.db, programId)) {
        const r = await refreshOne(programId, id, k);
        // archived meanwhile: nothing to do
        if (!isFailure(r)) segments.push(r);
      }
      return { stats_refreshed_at: now.toISOString(), members: stats.members, segments };
    },

    /**
     * A member's consent to marketing changed (the record-consent workflow, in its
     * transaction): the member leaves at once the segments whose marketing condition they no
     * longer meet, so a campaign targeting one never reaches them. Joining waits for the next
     * refresh. The ids of the segments left.
     */
    async consentChanged(programId: string, memberId: string, granted: boolean, at = new Date()): Promise<string[]> {
      return repo.leaveByConsent(ctx.db, programId, memberId, granted, at);
    },

    /** The ids of those of segmentIds the member was in at `at` (see segmentsAtSql). */
    async segmentsAt(programId: string, memberId: string, at: Date, segmentIds: string[]): Promise<string[]> {
      const r = await ctx.db.selectNoFrom(repo.segmentsAtSql(programId, memberId, at, segmentIds).as('ids')).executeTakeFirstOrThrow();
      return r.ids;
    },
  };
  return service;
}
export type SegmentService = ReturnType<typeof segmentService>;
