import { sql } from 'kysely';
import type { WorkCalendar } from '../../platform/calendar.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import type { ProgramService } from '../programs/index.ts';
import { badMove, exportGone, memberErased, notCopy, RIGHTS_MESSAGES } from './rights.errors.ts';
import * as repo from './rights.repository.ts';
import type { TRetentionRun, TRetentionUpdate, TRightsCreate, TRightsRequest } from './rights.schema.ts';
import type { Period, RefusalReason, RightsKind, RightsRequestRow, RightsStatus } from './rights.table.ts';
import { periodsOf, plus, RETENTION_KIND_NAMES, RETENTION_KINDS, type RetentionKind } from './retention.ts';
import { maskName } from '../../platform/mask.ts';

const DEFAULT_DEADLINE = 15; // working days (issue 10; PIPL leaves it to the handler, 15 is the common practice)
const OPEN: RightsStatus[] = ['received', 'in_progress'];

const maskedName = (n: string | null) => (n ? maskName(n) : null);

export function rightsService(ctx: Ctx, deps: { programs: ProgramService; members: MemberService; calendars: { calendarFor(programId: string): Promise<WorkCalendar> } }) {
  const timeZone = (programId: string) => deps.programs.timeZone(programId);

  async function view(programId: string, rows: RightsRequestRow[], today: string): Promise<TRightsRequest[]> {
    const members = new Map((await deps.members.masked(programId, [...new Set(rows.map((r) => r.member_id))])).map((m) => [m.id, m]));
    return rows.map((r) => {
      const m = members.get(r.member_id);
      const erased = m?.status_reason === 'erased';
      return {
        id: r.id,
        member: { id: r.member_id, member_no: m?.member_no ?? null, name: erased ? null : maskedName(m?.name ?? null), phone: erased || !m ? null : m.phone, erased },
        kind: r.kind, status: r.status, channel: r.channel,
        received_at: r.received_at.toISOString(), due_on: r.due_on, due_provisional: r.due_provisional,
        overdue: OPEN.includes(r.status) && r.due_on < today,
        requested_by: r.requested_by, note: r.note, details: r.details, refusal_reason: r.refusal_reason, refusal_text: r.refusal_text,
        started_at: r.started_at?.toISOString() ?? null, completed_at: r.completed_at?.toISOString() ?? null, handled_by: r.handled_by,
        result: r.result, export_until: r.export_until?.toISOString() ?? null, created_at: r.created_at.toISOString(),
      };
    });
  }
  const one = async (programId: string, row: RightsRequestRow) => (await view(programId, [row], localDate(new Date(), await timeZone(programId))))[0]!;

  const service = {
    async settings(programId: string) {
      const row = await repo.findSettings(ctx.db, programId);
      const periods = periodsOf(row?.retention);
      return {
        deadline_working_days: row?.deadline_working_days ?? DEFAULT_DEADLINE,
        periods,
        kinds: RETENTION_KIND_NAMES.map((k) => ({ kind: k, period: periods[k], default: RETENTION_KINDS[k].default, action: RETENTION_KINDS[k].action, zh: RETENTION_KINDS[k].zh, en: RETENTION_KINDS[k].en })),
        updated_at: row?.updated_at.toISOString() ?? null,
      };
    },
    async updateSettings(programId: string, input: TRetentionUpdate) {
      const row = await repo.findSettings(ctx.db, programId);
      const retention = { ...(row?.retention ?? {}), ...(input.periods ?? {}) } as Record<string, Period>;
      await repo.upsertSettings(ctx.db, programId, {
        ...(input.deadline_working_days !== undefined ? { deadline_working_days: input.deadline_working_days } : {}),
        retention: JSON.stringify(retention),
      });
      return service.settings(programId);
    },

    /** Files a request; its due date is the program's deadline in working days after the local day it was received. */
    async create(programId: string, input: TRightsCreate, actor: Principal, now = new Date()): Promise<Result<TRightsRequest>> {
      const member = (await deps.members.masked(programId, [input.member_id]))[0];
      if (!member) return notFound('member', 'member_id');
      if (member.status_reason === 'erased' && input.kind !== 'deletion') return memberErased();
      if (input.kind === 'correction' && !Object.keys(input.corrections ?? {}).length) return validation('corrections', RIGHTS_MESSAGES.corrections_required());
      const receivedAt = input.received_at ? new Date(input.received_at) : now;
      const { deadline_working_days: days } = await service.settings(programId);
      // provisional when the count runs through a year without an official schedule (issue 11)
      const due = (await deps.calendars.calendarFor(programId)).addWorkingDays(receivedAt, days);
      const row = await inTransaction(ctx.db, async (trx) => {
        const r = await trx.insertInto('rights_requests').values({
          program_id: programId, member_id: input.member_id, id: newId('rrq'), kind: input.kind, channel: input.channel,
          received_at: receivedAt, due_on: due.date, due_provisional: due.provisional, requested_by: actor.keyId, note: input.note ?? null,
          details: input.kind === 'correction' ? JSON.stringify(input.corrections) : null,
        }).returningAll().executeTakeFirstOrThrow();
        await emit(trx, { programId, topic: 'rights.received', aggregateId: r.id, payload: { request_id: r.id, member_id: r.member_id, kind: r.kind, due_on: r.due_on } });
        return r;
      });
      return one(programId, row);
    },
    async list(programId: string, f: { status?: RightsStatus; kind?: RightsKind; member_id?: string; overdue?: 'true' | 'false'; limit: number }) {
      const today = localDate(new Date(), await timeZone(programId));
      const rows = await repo.listRequests(ctx.db, programId, {
        status: f.status, kind: f.kind, memberId: f.member_id, limit: f.limit,
        overdueOn: f.overdue === 'true' ? today : undefined, notOverdueOn: f.overdue === 'false' ? today : undefined,
      });
      return view(programId, rows, today);
    },
    async get(programId: string, id: string): Promise<Result<TRightsRequest>> {
      const row = await repo.findRequest(ctx.db, programId, id);
      return row ? one(programId, row) : notFound('rights request', 'request_id');
    },
    /**
     * Recomputes due dates with `redate` (a workflow's, after the program's calendar changed),
     * each row under its lock; answers the ones whose date moved. `provisional`: every request
     * whose date was provisional (a year's schedule loaded). `date`: the open requests due on
     * or after a date of the program's own that was set or removed; one due before it, or
     * closed (its deadline is history: it was met or missed on the calendar of its day), keeps its date.
     */
    async redate(programId: string, filter: { provisional: true } | { date: string }, redate: (r: RightsRequestRow) => { date: string; provisional: boolean }) {
      return inTransaction(ctx.db, async (trx) => {
        let q = trx.selectFrom('rights_requests').selectAll().where('program_id', '=', programId);
        q = 'provisional' in filter ? q.where('due_provisional', '=', true) : q.where('status', 'in', OPEN).where('due_on', '>=', filter.date);
        const rows = await q.orderBy('id').forUpdate().execute();
        const moved: { id: string; kind: RightsRequestRow['kind']; member_id: string; old_due_on: string; new_due_on: string; provisional: boolean }[] = [];
        for (const r of rows) {
          const d = redate(r);
          if (d.date === r.due_on && d.provisional === r.due_provisional) continue;
          await repo.updateRequest(trx, programId, r.id, { due_on: d.date, due_provisional: d.provisional });
          if (d.date !== r.due_on) moved.push({ id: r.id, kind: r.kind, member_id: r.member_id, old_due_on: r.due_on, new_due_on: d.date, provisional: d.provisional });
        }
        return moved;
      });
    },
    /** The stored row, for the workflows. */
    async row(programId: string, id: string): Promise<Result<RightsRequestRow>> {
      return (await repo.findRequest(ctx.db, programId, id)) ?? notFound('rights request', 'request_id');
    },
    async start(programId: string, id: string, actor: Principal): Promise<Result<TRightsRequest>> {
      const r = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.lockRequest(trx, programId, id);
        if (!row) return notFound('rights request', 'request_id');
        if (row.status !== 'received') return badMove(row.status, 'started');
        return repo.updateRequest(trx, programId, id, { status: 'in_progress', started_at: new Date(), handled_by: actor.keyId });
      });
      return isFailure(r) ? r : one(programId, r);
    },
    /** Locks an open request for completion in the caller's transaction: the workflow's first step. */
    async lockOpen(programId: string, id: string): Promise<Result<RightsRequestRow>> {
      const row = await repo.lockRequest(ctx.db, programId, id);
      if (!row) return notFound('rights request', 'request_id');
      if (!OPEN.includes(row.status)) return badMove(row.status, 'completed');
      return row;
    },
    /** Records the outcome of a request the workflow carried out, in its transaction. */
    async markCompleted(programId: string, id: string, result: Record<string, unknown>, actor: Principal, now = new Date()): Promise<TRightsRequest> {
      const row = await repo.findRequest(ctx.db, programId, id);
      let exportUntil: Date | null = null;
      if (row?.kind === 'copy') {
        const p = (await service.settings(programId)).periods.rights_exports;
        const tz = await timeZone(programId);
        // downloadable through the period's last local day: the day the retention job's cutoff passes it (retention.ts)
        exportUntil = startOfDay(addDays(plus(localDate(now, tz), p), 1), tz);
      }
      const done = await repo.updateRequest(ctx.db, programId, id, {
        status: 'completed', completed_at: now, handled_by: actor.keyId, result: JSON.stringify(result), export_until: exportUntil,
        ...(row?.started_at ? {} : { started_at: now }),
      });
      await emit(ctx.db, { programId, topic: 'rights.completed', aggregateId: id, payload: { request_id: id, member_id: done.member_id, kind: done.kind } });
      return one(programId, done);
    },
    async refuse(programId: string, id: string, reason: RefusalReason, text: string, actor: Principal): Promise<Result<TRightsRequest>> {
      const r = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.lockRequest(trx, programId, id);
        if (!row) return notFound('rights request', 'request_id');
        if (!OPEN.includes(row.status)) return badMove(row.status, 'refused');
        const now = new Date();
        const done = await repo.updateRequest(trx, programId, id, { status: 'refused', refusal_reason: reason, refusal_text: text, completed_at: now, handled_by: actor.keyId, started_at: row.started_at ?? now });
        await emit(trx, { programId, topic: 'rights.refused', aggregateId: id, payload: { request_id: id, member_id: row.member_id, kind: row.kind, reason } });
        return done;
      });
      return isFailure(r) ? r : one(programId, r);
    },
    /** A completed copy request whose export may still be downloaded: the member it is about. */
    async exportable(programId: string, id: string, now = new Date()): Promise<Result<RightsRequestRow>> {
      const row = await repo.findRequest(ctx.db, programId, id);
      if (!row) return notFound('rights request', 'request_id');
      if (row.kind !== 'copy' || row.status !== 'completed') return notCopy();
      if (!row.export_until || row.export_until <= now) return exportGone(row.export_until?.toISOString().slice(0, 10) ?? row.completed_at!.toISOString().slice(0, 10));
      return row;
    },
    /** The member's requests themselves are their data too. */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['rights_requests', '个人信息权利请求', 'Data-rights requests'],
    ]),
    /** An erasure: the member's requests keep their record and lose the values and texts about them (rights.repository.ts). */
    forgetMember: (programId: string, memberId: string): Promise<number> => repo.forgetMember(ctx.db, programId, memberId),
    /** Retention: completed copies older than the period can no longer be downloaded. */
    async expireExports(programId: string, before: Date, dryRun: boolean): Promise<number> {
      const q = ctx.db.selectFrom('rights_requests').select(sql<number>`count(*)::int`.as('n'))
        .where('program_id', '=', programId).where('kind', '=', 'copy').where('export_until', 'is not', null).where('completed_at', '<', before);
      if (dryRun) return (await q.executeTakeFirstOrThrow()).n;
      const done = await ctx.db.updateTable('rights_requests').set({ export_until: null, updated_at: new Date() })
        .where('program_id', '=', programId).where('kind', '=', 'copy').where('export_until', 'is not', null).where('completed_at', '<', before)
        .returning('id').execute();
      return done.length;
    },
    async recordRun(programId: string, run: { asOf: string; dryRun: boolean; counts: Partial<Record<RetentionKind, number>>; actor: string; startedAt: Date }): Promise<TRetentionRun> {
      const r = await ctx.db.insertInto('retention_runs').values({
        program_id: programId, id: newId('rrn'), as_of: run.asOf, dry_run: run.dryRun, counts: JSON.stringify(run.counts), actor: run.actor,
        started_at: run.startedAt, finished_at: new Date(),
      }).returningAll().executeTakeFirstOrThrow();
      return toRun(r);
    },
    async runs(programId: string, limit = 20): Promise<TRetentionRun[]> {
      return (await repo.runs(ctx.db, programId, limit)).map(toRun);
    },
  };
  return service;
}
export type RightsService = ReturnType<typeof rightsService>;

function toRun(r: Awaited<ReturnType<typeof repo.runs>>[number]): TRetentionRun {
  return { id: r.id, as_of: r.as_of, dry_run: r.dry_run, counts: r.counts, actor: r.actor, started_at: r.started_at.toISOString(), finished_at: r.finished_at.toISOString() };
}
