import type { WorkCalendar } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addDays, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { StaffService } from '../staff/index.ts';
import type { TierService } from '../tiers/index.ts';
import { localDateTime } from '../../platform/time.ts';
import { computeDue, explain, unitLabel, type Span } from './sla.clock.ts';
import { policyExists, SLA_MESSAGES as M } from './sla.errors.ts';
import { slaJob } from './sla.job.ts';
import { fromRow, pickPolicy, withBuiltins, type Facets, type Policy } from './sla.policy.ts';
import * as repo from './sla.repository.ts';
import type { TClock, TOverview, TOverviewQuery, TPolicy, TPolicyCreate, TPolicyUpdate, TSettings, TSettingsUpdate } from './sla.schema.ts';
import type { ClockRow, Metric, SubjectType, Unit } from './sla.table.ts';

export interface Subject { type: SubjectType; id: string }
export interface SlaDeps { calendar: CalendarService; staff: StaffService; tiers: TierService; notifications: NotificationService }

const MAX_TARGET: Record<Unit, number> = { calendar_hours: 2000, working_hours: 2000, working_days: 250 };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const ACTIVE = ['running', 'paused', 'breached'] as const;
/**
 * Which open clocks a calendar change re-dates: those whose due time was provisional (a year's
 * official schedule loaded), or those in these units (`date`: only those the date can touch;
 * without it, every one, as for new opening hours, which any day of the clock may meet).
 */
export type RedateFilter = { provisional: true } | { units: readonly Unit[]; date?: string };
/** A clock whose due time a calendar change moved. */
export interface ClockMoved {
  id: string; subject_type: SubjectType; subject_id: string; metric: Metric; old_due_at: string; new_due_at: string; provisional: boolean;
  /** Set when the clock had already breached: the breach stays on record (see `redate`). */
  breached_at: string | null;
}
/** A subject's next deadline, for lists. */
export interface NextDue { metric: Metric; due_at: string; provisional: boolean; status: 'running' | 'warning' | 'paused' | 'breached' }

export function slaService(ctx: Ctx, deps: SlaDeps) {
  const tzOf = async (programId: string) => (await deps.calendar.calendarFor(programId)).timeZone;

  /** Due and warning from the clock's start and its closed pauses in this cycle. */
  const dueOf = (cal: WorkCalendar, c: Pick<ClockRow, 'unit' | 'target' | 'warn_percent' | 'started_at'>, pauses: readonly { from: Date; to: Date | null }[]) =>
    computeDue(cal, c.unit, c.target, c.warn_percent, c.started_at, pauses.filter((p): p is Span => p.to !== null));

  function toClock(cal: WorkCalendar, c: ClockRow, pauses: { from: Date; to: Date | null; reason: string }[]): TClock {
    const due = dueOf(cal, c, pauses);
    const status = c.state === 'met' ? (c.late ? 'late' : 'met') : c.state === 'running' && c.warned_at ? 'warning' : c.state;
    return {
      id: c.id, subject_type: c.subject_type, subject_id: c.subject_id, metric: c.metric, policy_id: c.policy_id, unit: c.unit, target: c.target,
      target_label: unitLabel(c.unit, c.target), warn_percent: c.warn_percent, priority: c.priority, tier_id: c.tier_id, cycle: c.cycle,
      started_at: c.started_at.toISOString(), due_at: c.due_at.toISOString(), due_local: localDateTime(c.due_at, cal.timeZone), warn_at: c.warn_at.toISOString(),
      due_provisional: c.due_provisional, state: c.state, status,
      warned_at: iso(c.warned_at), breached_at: iso(c.breached_at), escalated_at: iso(c.escalated_at), met_at: iso(c.met_at), late: c.late, owner_id: c.owner_id,
      pauses: pauses.map((p) => ({ paused_at: p.from.toISOString(), resumed_at: iso(p.to), reason: p.reason })),
      explanation: explain(cal.timeZone, c.unit, c.target, c.started_at, pauses, due.given_back, c.due_at, c.due_provisional),
    };
  }
  async function present(programId: string, rows: ClockRow[]): Promise<TClock[]> {
    const cal = await deps.calendar.calendarFor(programId);
    const pauses = await repo.pausesOf(ctx.db, programId, rows);
    return rows.map((r) => toClock(cal, r, pauses.get(r.id) ?? []));
  }

  async function policiesOf(programId: string): Promise<Policy[]> {
    return withBuiltins((await repo.policies(ctx.db, programId)).map(fromRow));
  }
  async function checkStaff(programId: string, id: string | null | undefined, field: string): Promise<Result<null>> {
    if (!id) return null;
    const s = await deps.staff.get(programId, id);
    if (isFailure(s)) return notFound('staff', field);
    return s.disabled_at ? validation(field, M.staff_inactive()) : null;
  }
  function checkTarget(unit: Unit, target: number): Result<null> {
    return target > MAX_TARGET[unit] ? validation('target', M.target_too_long({ max: MAX_TARGET[unit], unit })) : null;
  }

  /** A clock row started at `at` under a policy (insert or the values of a new cycle). */
  function fresh(cal: WorkCalendar, p: Policy, at: Date, f: Facets) {
    const due = computeDue(cal, p.unit, p.target, p.warn_percent, at, []);
    return {
      policy_id: p.id, unit: p.unit, target: p.target, warn_percent: p.warn_percent, escalate: p.escalate, escalate_to: p.escalate_to,
      tier_id: f.tierId, priority: f.priority, started_at: at, due_at: due.due_at, warn_at: due.warn_at, due_provisional: due.provisional,
      state: 'running' as const, paused_since: null, warned_at: null, breached_at: null, escalated_at: null, met_at: null, late: null,
    };
  }

  /** Starts one clock, or when its last cycle ended (met, cancelled) a new cycle of it; a running one is left as it is. */
  async function begin(programId: string, subject: Subject, metric: Metric, at: Date, f: Facets, ownerId: string | null | undefined): Promise<TClock | null> {
    const row = await inTransaction(ctx.db, async (trx) => {
      const existing = (await repo.lockClocks(trx, programId, subject.type, subject.id)).find((c) => c.metric === metric);
      if (existing && (ACTIVE as readonly string[]).includes(existing.state)) return existing;
      const p = pickPolicy(await policiesOf(programId), subject.type, metric, f);
      if (!p) return null;
      const cal = await deps.calendar.calendarFor(programId);
      if (existing) {
        await repo.closePauses(trx, programId, existing.id, at);
        return repo.updateClock(trx, programId, existing.id, { ...fresh(cal, p, at, f), cycle: existing.cycle + 1, owner_id: ownerId === undefined ? existing.owner_id : ownerId });
      }
      const inserted = await repo.insertClock(trx, {
        program_id: programId, id: newId('slc', at.getTime()), subject_type: subject.type, subject_id: subject.id, metric, owner_id: ownerId ?? null, ...fresh(cal, p, at, f),
      });
      // a concurrent start inserted it first: theirs stands
      return inserted ?? (await repo.lockClocks(trx, programId, subject.type, subject.id)).find((c) => c.metric === metric)!;
    });
    return row ? (await present(programId, [row]))[0]! : null;
  }

  /** Recomputes a clock's due time from its closed pauses (after a resume, a stop while paused). */
  async function recompute(trx: Parameters<typeof repo.updateClock>[0], cal: WorkCalendar, c: ClockRow) {
    const pauses = (await repo.pausesOf(trx, c.program_id, [c])).get(c.id) ?? [];
    return dueOf(cal, c, pauses);
  }

  const job = slaJob(ctx, deps);

  const service = {
    run: job.run,
    alerts: job.alerts,
    markRead: job.markRead,

    // ----- policies and settings
    async policies(programId: string): Promise<{ items: TPolicy[] }> {
      return { items: await policiesOf(programId) };
    },
    async createPolicy(programId: string, input: TPolicyCreate): Promise<Result<TPolicy>> {
      if (input.metric === 'outcome' && input.subject_type !== 'complaint') return validation('metric', M.outcome_complaints());
      const bad = checkTarget(input.unit, input.target) ?? await checkStaff(programId, input.escalate_to, 'escalate_to');
      if (bad) return bad;
      if (input.tier_id && !(await deps.tiers.tierNames(programId)).has(input.tier_id)) return notFound('tier', 'tier_id');
      const row = await ctx.db.insertInto('sla_policies').values({ program_id: programId, id: newId('slp'), ...input })
        .onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      return row ? fromRow(row) : policyExists();
    },
    async updatePolicy(programId: string, id: string, input: TPolicyUpdate): Promise<Result<TPolicy>> {
      const row = await repo.policy(ctx.db, programId, id);
      if (!row) return notFound('SLA policy', 'policy_id');
      const bad = checkTarget(input.unit ?? row.unit, input.target ?? row.target) ?? await checkStaff(programId, input.escalate_to, 'escalate_to');
      if (bad) return bad;
      const updated = await ctx.db.updateTable('sla_policies').set({ ...input, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return fromRow(updated);
    },
    async deletePolicy(programId: string, id: string): Promise<Result<{ deleted: true }>> {
      const r = await ctx.db.deleteFrom('sla_policies').where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) ? { deleted: true } : notFound('SLA policy', 'policy_id');
    },
    async settings(programId: string): Promise<TSettings> {
      const s = await repo.settings(ctx.db, programId);
      return { quiet_start: s?.quiet_start ?? null, quiet_end: s?.quiet_end ?? null, urgent_bypasses_quiet: s?.urgent_bypasses_quiet ?? false, supervisor_id: s?.supervisor_id ?? null };
    },
    async setSettings(programId: string, input: TSettingsUpdate): Promise<Result<TSettings>> {
      if ((input.quiet_start === null) !== (input.quiet_end === null)) return validation(input.quiet_start === null ? 'quiet_start' : 'quiet_end', M.quiet_both());
      if (input.quiet_start !== null && input.quiet_start === input.quiet_end) return validation('quiet_end', M.quiet_same());
      const bad = await checkStaff(programId, input.supervisor_id, 'supervisor_id');
      if (bad) return bad;
      const values = { quiet_start: input.quiet_start, quiet_end: input.quiet_end, urgent_bypasses_quiet: input.urgent_bypasses_quiet, supervisor_id: input.supervisor_id };
      await ctx.db.insertInto('sla_settings').values({ program_id: programId, ...values })
        .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
      return service.settings(programId);
    },

    // ----- clocks (the cases and suggestions modules drive them, in their transactions)
    /**
     * Starts the subject's clock for a metric under the most specific policy, or a new cycle of
     * it once the last one ended (next_response: the member's next unanswered message); null when
     * no policy applies. A running one is left as it is.
     */
    start: (programId: string, subject: Subject, metric: Metric, at: Date, facets: Facets, ownerId?: string | null) => begin(programId, subject, metric, at, facets, ownerId),
    /**
     * The subject's clocks for these metrics are met at `at` (late when after the due time; a
     * paused clock's open pause ends there first); with `cancelRest` its other open clocks stop
     * without being met (a closed case). One locked read of the subject's clocks for all of it.
     * Answers the clocks of those metrics (and the ones cancelled), whatever their state.
     */
    async stop(programId: string, subject: Subject, metrics: readonly Metric[], at: Date, opts: { cancelRest?: boolean } = {}): Promise<TClock[]> {
      const rows = await inTransaction(ctx.db, async (trx) => {
        const out = [];
        for (const c of await repo.lockClocks(trx, programId, subject.type, subject.id)) {
          const active = (ACTIVE as readonly string[]).includes(c.state);
          if (metrics.includes(c.metric)) {
            if (!active) { out.push(c); continue; }
            let dueAt = c.due_at;
            if (c.state === 'paused') {
              await repo.closePauses(trx, programId, c.id, at);
              dueAt = (await recompute(trx, await deps.calendar.calendarFor(programId), c)).due_at;
            }
            out.push(await repo.updateClock(trx, programId, c.id, { state: 'met', met_at: at, late: at > dueAt, due_at: dueAt, paused_since: null }));
          } else if (opts.cancelRest && active) {
            await repo.closePauses(trx, programId, c.id, at);
            out.push(await repo.updateClock(trx, programId, c.id, { state: 'cancelled', paused_since: null }));
          }
        }
        return out;
      });
      return present(programId, rows);
    },
    /** Pauses the subject's running clocks (waiting on the member): the span is kept. */
    async pause(programId: string, subject: Subject, at: Date, reason: string): Promise<TClock[]> {
      const rows = await inTransaction(ctx.db, async (trx) => {
        const out = [];
        for (const c of await repo.lockClocks(trx, programId, subject.type, subject.id)) {
          if (c.state !== 'running' && c.state !== 'breached') { out.push(c); continue; }
          await repo.openPause(trx, programId, c.id, c.cycle, at, reason.slice(0, 200));
          out.push(await repo.updateClock(trx, programId, c.id, { state: 'paused', paused_since: at }));
        }
        return out;
      });
      return present(programId, rows);
    },
    /** Resumes the subject's paused clocks: each due time moves by the paused amount in the clock's own unit. */
    async resume(programId: string, subject: Subject, at: Date): Promise<TClock[]> {
      const rows = await inTransaction(ctx.db, async (trx) => {
        const cal = await deps.calendar.calendarFor(programId);
        const out = [];
        for (const c of await repo.lockClocks(trx, programId, subject.type, subject.id)) {
          if (c.state !== 'paused') { out.push(c); continue; }
          await repo.closePauses(trx, programId, c.id, at);
          const due = await recompute(trx, cal, c);
          out.push(await repo.updateClock(trx, programId, c.id, {
            state: c.breached_at ? 'breached' : 'running', paused_since: null, due_at: due.due_at, warn_at: due.warn_at, due_provisional: due.provisional,
          }));
        }
        return out;
      });
      return present(programId, rows);
    },
    /** The subject is withdrawn or closed without the metric: its open clocks stop without being met. */
    async cancel(programId: string, subject: Subject, at = new Date()): Promise<TClock[]> {
      const rows = await inTransaction(ctx.db, async (trx) => {
        const out = [];
        for (const c of await repo.lockClocks(trx, programId, subject.type, subject.id)) {
          if (!(ACTIVE as readonly string[]).includes(c.state)) { out.push(c); continue; }
          await repo.closePauses(trx, programId, c.id, at);
          out.push(await repo.updateClock(trx, programId, c.id, { state: 'cancelled', paused_since: null }));
        }
        return out;
      });
      return present(programId, rows);
    },
    /** The subject's new assignee: warnings and breaches go to them from now. */
    async setOwner(programId: string, subject: Subject, staffId: string | null): Promise<number> {
      const r = await ctx.db.updateTable('sla_clocks').set({ owner_id: staffId, updated_at: new Date() })
        .where('program_id', '=', programId).where('subject_type', '=', subject.type).where('subject_id', '=', subject.id).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /**
     * How these subjects' clocks came out, in bulk (quality review's sampling by breached SLA and
     * its per-agent compliance): per clock its state, whether it was ever breached and whether it
     * was met late. Not cancelled ones.
     */
    async outcomes(programId: string, subjectIds: readonly string[]) {
      const out = [];
      for (let i = 0; i < subjectIds.length; i += 1000) {
        const ids = subjectIds.slice(i, i + 1000);
        out.push(...await ctx.db.selectFrom('sla_clocks').select(['subject_type', 'subject_id', 'metric', 'state', 'breached_at', 'late'])
          .where('program_id', '=', programId).where('subject_id', 'in', ids)
          // a clock cancelled when its case closed still counts if it had breached by then
          .where((eb) => eb.or([eb('state', '!=', 'cancelled'), eb('breached_at', 'is not', null)])).execute());
      }
      return out;
    },
    /** Each subject's next deadline: its open clock due soonest (the desk's queue sorts and colours by it). */
    async nextDue(programId: string, subjectIds: readonly string[]): Promise<Map<string, NextDue>> {
      const out = new Map<string, NextDue>();
      if (!subjectIds.length) return out;
      const rows = await ctx.db.selectFrom('sla_clocks').select(['subject_id', 'metric', 'state', 'due_at', 'due_provisional', 'warned_at'])
        .where('program_id', '=', programId).where('subject_id', 'in', [...subjectIds]).where('state', 'in', [...ACTIVE]).orderBy('due_at').execute();
      // a running or breached clock first: a paused one's due time is not yet known (it moves on resume)
      rows.sort((a, b) => Number(a.state === 'paused') - Number(b.state === 'paused'));
      for (const r of rows) {
        if (out.has(r.subject_id)) continue;
        out.set(r.subject_id, {
          metric: r.metric, due_at: r.due_at.toISOString(), provisional: r.due_provisional,
          status: r.state === 'running' && r.warned_at ? 'warning' : (r.state as NextDue['status']),
        });
      }
      return out;
    },
    /** The subject's clocks with their pauses and the explanation of each due time. */
    async clocksOf(programId: string, subject: Subject): Promise<TClock[]> {
      return present(programId, await repo.clocksOf(ctx.db, programId, subject.type, subject.id));
    },
    /** The desk's view: due soon, breached, escalated or every open clock, by owner. */
    async overview(programId: string, q: Partial<TOverviewQuery> = {}, now = new Date()): Promise<TOverview> {
      const soon = new Date(now.getTime() + 24 * 3_600_000);
      const view = q.view ?? 'open';
      let query = ctx.db.selectFrom('sla_clocks').selectAll().where('program_id', '=', programId);
      if (q.owner_id) query = query.where('owner_id', '=', q.owner_id);
      if (view === 'due_soon') query = query.where('state', '=', 'running').where((eb) => eb.or([eb('warned_at', 'is not', null), eb('due_at', '<=', soon)]));
      else if (view === 'breached') query = query.where('state', 'in', ['breached', 'paused']).where('breached_at', 'is not', null);
      else if (view === 'escalated') query = query.where('escalated_at', 'is not', null).where('state', 'in', [...ACTIVE]);
      else query = query.where('state', 'in', [...ACTIVE]);
      const rows = await query.orderBy('due_at').limit(q.limit ?? 100).execute();
      const open = await ctx.db.selectFrom('sla_clocks').select(['owner_id', 'state', 'warned_at', 'breached_at', 'escalated_at', 'due_at'])
        .where('program_id', '=', programId).where('state', 'in', [...ACTIVE]).execute();
      const isSoon = (c: (typeof open)[number]) => c.state === 'running' && (c.warned_at !== null || c.due_at <= soon);
      const owners = new Map<string | null, { owner_id: string | null; open: number; due_soon: number; breached: number }>();
      for (const c of open) {
        const o = owners.get(c.owner_id) ?? { owner_id: c.owner_id, open: 0, due_soon: 0, breached: 0 };
        o.open++;
        if (isSoon(c)) o.due_soon++;
        if (c.breached_at) o.breached++;
        owners.set(c.owner_id, o);
      }
      return {
        // the subject's name is its own module's (workflows/sla-overview.ts fills it in)
        items: (await present(programId, rows)).map((c) => ({ ...c, subject_label: null })),
        counts: {
          due_soon: open.filter(isSoon).length, breached: open.filter((c) => c.breached_at).length,
          escalated: open.filter((c) => c.escalated_at).length, paused: open.filter((c) => c.state === 'paused').length,
        },
        by_owner: [...owners.values()].sort((a, b) => b.breached - a.breached || b.due_soon - a.due_soon),
      };
    },
    /**
     * After the program's calendar changed (workflows/calendar/): the open clocks the change
     * can touch get the due and warning times the calendar gives now, each recomputed from its
     * start, target and closed pauses (the pause rows are not touched; an open pause is
     * given back when it ends, as ever). Answers the ones whose due time moved. See `RedateFilter`.
     *
     * A breached clock stays breached with its `breached_at` even when its new due time is
     * later than now: the breach happened, its alerts and escalation went out, and quality
     * review counts it (`outcomes`); the due time shown is the new one, so when it is met
     * before that, `late` is false. (Resume treats a breached clock the same way.) A running
     * clock whose new due time has already passed is breached by the job's next run, a
     * minute at most; a warning already given is not given again in the same cycle.
     * `calendar`: the one to count on (the workflow's own read of the changed calendar).
     */
    async redate(programId: string, filter: RedateFilter, calendar?: WorkCalendar): Promise<ClockMoved[]> {
      return inTransaction(ctx.db, async (trx) => {
        const cal = calendar ?? await deps.calendar.calendarFor(programId);
        let q = trx.selectFrom('sla_clocks').selectAll().where('program_id', '=', programId).where('state', 'in', [...ACTIVE]);
        if ('provisional' in filter) q = q.where('due_provisional', '=', true);
        else {
          q = q.where('unit', 'in', [...filter.units]);
          if (filter.date) {
            const [from, to] = [startOfDay(filter.date, cal.timeZone), startOfDay(addDays(filter.date, 1), cal.timeZone)];
            // A date counts for a clock only between its start and its due time, or inside one of
            // its pauses (a retroactive change: a day the clock was paused is given back, so
            // closing it changes nothing, but the count must be made again to say so). A clock
            // started after the date, or due before it, keeps its due time whatever the date is.
            q = q.where('started_at', '<', to).where((eb) => eb.or([
              eb('due_at', '>=', from),
              eb.exists(eb.selectFrom('sla_pauses as p').select('p.clock_id').whereRef('p.program_id', '=', 'sla_clocks.program_id').whereRef('p.clock_id', '=', 'sla_clocks.id')
                .where('p.paused_at', '<', to).where((e) => e.or([e('p.resumed_at', 'is', null), e('p.resumed_at', '>=', from)]))),
            ]));
          }
        }
        // locked in the order every case action locks a subject's clocks (lockClocks: by metric), so a
        // calendar change and a reply on the same case wait for each other instead of deadlocking
        const rows = await q.orderBy('subject_type').orderBy('subject_id').orderBy('metric').forUpdate().execute();
        const moved: ClockMoved[] = [];
        for (let i = 0; i < rows.length; i += 1000) {
          const batch = rows.slice(i, i + 1000);
          const pauses = await repo.pausesOf(trx, programId, batch);
          for (const c of batch) {
            const due = dueOf(cal, c, pauses.get(c.id) ?? []);
            if (due.due_at.getTime() === c.due_at.getTime() && due.warn_at.getTime() === c.warn_at.getTime() && due.provisional === c.due_provisional) continue;
            await repo.updateClock(trx, programId, c.id, { due_at: due.due_at, warn_at: due.warn_at, due_provisional: due.provisional });
            if (due.due_at.getTime() === c.due_at.getTime()) continue;
            moved.push({
              id: c.id, subject_type: c.subject_type, subject_id: c.subject_id, metric: c.metric, old_due_at: c.due_at.toISOString(), new_due_at: due.due_at.toISOString(),
              provisional: due.provisional, breached_at: iso(c.breached_at),
            });
          }
        }
        return moved;
      });
    },
    timeZone: tzOf,
  };
  return service;
}
export type SlaService = ReturnType<typeof slaService>;
