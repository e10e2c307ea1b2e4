import { exclusive } from '../../platform/advisory.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { StaffService } from '../staff/index.ts';
import { localDateTime } from '../../platform/time.ts';
import { deliverAt } from './sla.clock.ts';
import * as repo from './sla.repository.ts';
import type { TAlert } from './sla.schema.ts';
import type { AlertKind, AlertRow, ClockRow } from './sla.table.ts';

/** The SLA job's lock (the jobs' scheme, listed in modules/jobs/job.service.ts). */
const SLA_LOCK = 7_013;
const BATCH = 200;

const SUBJECT = { service_request: { zh: '服务请求', en: 'Service request' }, complaint: { zh: '投诉', en: 'Complaint' }, suggestion: { zh: '建议', en: 'Suggestion' } };
const METRIC = { first_response: { zh: '首次响应', en: 'first response' }, next_response: { zh: '再次响应', en: 'next response' }, resolution: { zh: '解决', en: 'resolution' }, outcome: { zh: '结果告知', en: 'outcome notice' } };
const KIND = { warning: { zh: '即将超时', en: 'due soon' }, breached: { zh: '已超时', en: 'overdue' }, escalated: { zh: '超时升级', en: 'escalated' } };

/** The alert's one line, in both languages: "投诉 cmp_… 首次响应已超时，时限 2026-02-04 23:59". */
function alertText(a: Pick<AlertRow, 'kind' | 'subject_type' | 'subject_id' | 'metric' | 'due_at'>, tz: string) {
  const due = localDateTime(a.due_at, tz);
  return {
    zh: `${SUBJECT[a.subject_type].zh} ${a.subject_id} ${METRIC[a.metric].zh}${KIND[a.kind].zh}，时限 ${due}`,
    en: `${SUBJECT[a.subject_type].en} ${a.subject_id}: ${METRIC[a.metric].en} ${KIND[a.kind].en}, due ${due}`,
  };
}

export interface JobDeps { calendar: CalendarService; staff: StaffService; notifications: NotificationService }
/** A program's desk as one run sees it: its settings and time zone, read once per program per run. */
interface Desk { settings: Awaited<ReturnType<typeof repo.settings>>; tz: string }
type DeskOf = (programId: string) => Promise<Desk>;

export function slaJob(ctx: Ctx, deps: JobDeps) {
  /**
   * Alerts for these staff in the caller's transaction: each held to the end of the quiet hours
   * it falls in (unless urgent and the desk lets urgent through), and queued as an e-mail for
   * that instant when the account has an address. One alert per clock cycle, kind and person.
   */
  async function raise(desk: DeskOf, c: ClockRow, kind: AlertKind, staffIds: string[], at: Date) {
    if (!staffIds.length) return;
    const { settings: s, tz } = await desk(c.program_id);
    const bypass = c.priority === 'urgent' && s?.urgent_bypasses_quiet;
    const quiet = s?.quiet_start && s.quiet_end && !bypass ? { start: s.quiet_start, end: s.quiet_end } : null;
    const deliver = deliverAt(at, tz, quiet);
    const contacts = await deps.staff.contacts(c.program_id, staffIds);
    for (const staffId of new Set(staffIds)) {
      const row = await ctx.db.insertInto('sla_alerts').values({
        program_id: c.program_id, id: newId('sla', at.getTime()), staff_id: staffId, clock_id: c.id, cycle: c.cycle, kind,
        subject_type: c.subject_type, subject_id: c.subject_id, metric: c.metric, due_at: c.due_at, created_at: at, deliver_at: deliver,
      }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      const email = contacts.get(staffId)?.email;
      if (!row || !email) continue;
      const text = alertText(row, tz);
      await deps.notifications.queueStaffEmail(c.program_id, {
        staffId, to: email, ref: row.id, at: deliver, key: `sla.${kind}`,
        subject: `【服务时限】${text.zh}`, body: `${text.zh}\n${text.en}\n\n（请登录 Patron 控制台处理 / Open the Patron console to act）`,
      });
    }
  }
  const payload = (c: ClockRow, extra: Record<string, unknown> = {}) => ({
    clock_id: c.id, cycle: c.cycle, subject_type: c.subject_type, subject_id: c.subject_id, metric: c.metric,
    due_at: c.due_at.toISOString(), owner_id: c.owner_id, priority: c.priority, ...extra,
  });
  /** Whom a breach escalates to: the policy's person, else the desk's supervisor, else every active administrator. */
  async function supervisors(desk: DeskOf, c: ClockRow): Promise<string[]> {
    if (c.escalate_to) return [c.escalate_to];
    const s = (await desk(c.program_id)).settings;
    if (s?.supervisor_id) return [s.supervisor_id];
    return deps.staff.activeAdmins(c.program_id);
  }

  /** One clock's warning: claimed by a guarded update, so it happens once per cycle whoever runs. */
  async function warn(desk: DeskOf, c: ClockRow, at: Date): Promise<boolean> {
    return inTransaction(ctx.db, async (trx) => {
      const row = await trx.updateTable('sla_clocks').set({ warned_at: at, updated_at: at }).where('program_id', '=', c.program_id).where('id', '=', c.id)
        .where('cycle', '=', c.cycle).where('state', '=', 'running').where('warned_at', 'is', null).returningAll().executeTakeFirst();
      if (!row) return false;
      await emit(trx, { programId: row.program_id, topic: 'sla.warning', aggregateId: row.id, payload: payload(row, { warn_percent: row.warn_percent }) });
      await raise(desk, row, 'warning', row.owner_id ? [row.owner_id] : [], at);
      return true;
    });
  }
  /** One clock's breach (and escalation when its policy says so), once per cycle. */
  async function breach(desk: DeskOf, c: ClockRow, at: Date): Promise<{ breached: boolean; escalated: boolean }> {
    return inTransaction(ctx.db, async (trx) => {
      const row = await trx.updateTable('sla_clocks').set({ state: 'breached', breached_at: at, updated_at: at }).where('program_id', '=', c.program_id).where('id', '=', c.id)
        .where('cycle', '=', c.cycle).where('state', '=', 'running').where('breached_at', 'is', null).returningAll().executeTakeFirst();
      if (!row) return { breached: false, escalated: false };
      await emit(trx, { programId: row.program_id, topic: 'sla.breached', aggregateId: row.id, payload: payload(row) });
      await raise(desk, row, 'breached', row.owner_id ? [row.owner_id] : [], at);
      if (!row.escalate) return { breached: true, escalated: false };
      const to = await supervisors(desk, row);
      const up = await trx.updateTable('sla_clocks').set({ escalated_at: at }).where('program_id', '=', row.program_id).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
      await emit(trx, { programId: row.program_id, topic: 'sla.escalated', aggregateId: row.id, payload: payload(up, { escalated_to: to }) });
      await raise(desk, up, 'escalated', to, at);
      return { breached: true, escalated: true };
    });
  }

  async function runOnce(at: Date, programId?: string) {
    const counts = { warnings: 0, breaches: 0, escalations: 0 };
    // an escalation asked for the settings three times (its breach's alert, whom to, its own alert)
    const desks = new Map<string, Promise<Desk>>();
    const desk: DeskOf = (id) => {
      let d = desks.get(id);
      if (!d) {
        d = Promise.all([repo.settings(ctx.db, id), deps.calendar.calendarFor(id)]).then(([settings, cal]) => ({ settings, tz: cal.timeZone }));
        desks.set(id, d);
      }
      return d;
    };
    for (;;) {
      let q = ctx.db.selectFrom('sla_clocks').selectAll().where('state', '=', 'running').where('breached_at', 'is', null).where('due_at', '<=', at);
      if (programId) q = q.where('program_id', '=', programId);
      const due = await q.orderBy('due_at').limit(BATCH).execute();
      for (const c of due) {
        const r = await breach(desk, c, at);
        counts.breaches += Number(r.breached);
        counts.escalations += Number(r.escalated);
      }
      if (due.length < BATCH) break;
    }
    for (;;) {
      // a clock already past due was breached above: a "due soon" after that would be noise
      let q = ctx.db.selectFrom('sla_clocks').selectAll().where('state', '=', 'running').where('warned_at', 'is', null).where('warn_at', '<=', at).where('due_at', '>', at);
      if (programId) q = q.where('program_id', '=', programId);
      const soon = await q.orderBy('warn_at').limit(BATCH).execute();
      for (const c of soon) counts.warnings += Number(await warn(desk, c, at));
      if (soon.length < BATCH) break;
    }
    return counts;
  }

  return {
    /**
     * The job (every minute; `patron jobs run sla [--program]`): breaches (and their escalations),
     * then warnings, as of `at`; each an outbox event and staff alerts, once per clock cycle.
     * Null when another process holds the lock.
     */
    run: (opts: { at?: Date; programId?: string | undefined } = {}) => exclusive(ctx, SLA_LOCK, () => runOnce(opts.at ?? new Date(), opts.programId)),
    /** A member of staff's delivered alerts, newest first, and how many are unread. */
    async alerts(programId: string, staffId: string, now = new Date(), limit = 50): Promise<{ items: TAlert[]; unread: number }> {
      const tz = (await deps.calendar.calendarFor(programId)).timeZone;
      const mine = ctx.db.selectFrom('sla_alerts').where('program_id', '=', programId).where('staff_id', '=', staffId).where('deliver_at', '<=', now);
      const [rows, unread] = await Promise.all([
        mine.selectAll().orderBy('deliver_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
        mine.select((eb) => eb.fn.countAll<string>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((a) => ({
          id: a.id, kind: a.kind, clock_id: a.clock_id, subject_type: a.subject_type, subject_id: a.subject_id, metric: a.metric,
          due_at: a.due_at.toISOString(), created_at: a.created_at.toISOString(), delivered_at: a.deliver_at.toISOString(), read_at: a.read_at?.toISOString() ?? null,
          text: alertText(a, tz),
        })),
        unread: Number(unread.n),
      };
    },
    async markRead(programId: string, staffId: string, alertId: string, now = new Date()): Promise<Result<{ read: true }>> {
      const r = await ctx.db.updateTable('sla_alerts').set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
        .where('program_id', '=', programId).where('staff_id', '=', staffId).where('id', '=', alertId).executeTakeFirst();
      return Number(r.numUpdatedRows) ? { read: true } : notFound('alert', 'alert_id');
    },
  };
}
