import { can } from '../../platform/auth.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { forbidden, isFailure, notFound, ownStoreOnly, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';
import { roleCan, STAFF_ROLES, type StaffRole } from '../../platform/permissions.ts';
import { localDate } from '../../platform/time.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import type { ProgramService } from '../programs/index.ts';
import type { StaffService } from '../staff/index.ts';
import type { StoreService } from '../stores/index.ts';
import { alreadyTaken, CASE_ERRORS, CASE_MESSAGES as M, caseClosed, notAssignable, reassignForbidden, transitionRefused } from './case.errors.ts';
import { allowedActions, FLOWS, INITIAL, type CaseAction } from './case.flow.ts';
import * as repo from './case.repository.ts';
import { forgetMember, type CasesErased } from './case.erase.ts';
import type { TAccountManager, TAttachmentIn, TCase, TCaseEvent, TCaseOpen, TCaseQuery, TProceedingIn } from './case.schema.ts';
import type { CaseEventKind, CaseEventRow, CaseRow, CaseType } from './case.table.ts';
import { failures } from '../../platform/errors.ts';

/**
 * What happened to a case that a clock or a survey may care about: every workflow in
 * workflows/cases/ hands its list to afterTransitions (the one seam the SLA module hooks).
 */
export type CaseTransitionKind =
  | 'opened' | 'assigned' | 'agent_replied' | 'member_replied' | 'waiting' | 'resumed'
  | 'solution_ready' | 'outcome_told' | 'reopened' | 'resolved' | 'closed';
export interface CaseTransition {
  kind: CaseTransitionKind;
  at: Date;
  caseId: string;
  number: string;
  type: CaseType;
  priority: TCase['priority'];
  memberId: string;
  storeId: string | null;
  assigneeId: string | null;
}
/** A case action's answer: the case as it stands after, and what happened. */
export interface Acted { case: TCase; transitions: CaseTransition[] }

/** Roles a case may be assigned to or taken by: whoever may work cases. */
const CASE_WORKERS: StaffRole[] = STAFF_ROLES.filter((r) => roleCan(r, 'cases.work'));
const fail = failures(CASE_ERRORS);
const iso = (d: Date | null) => d?.toISOString() ?? null;

const toCase = (r: CaseRow): TCase => ({
  id: r.id, number: r.number, type: r.type, channel: r.channel, subject: r.subject, description: r.description, priority: r.priority,
  member_id: r.member_id, store_id: r.store_id, assignee_id: r.assignee_id, status: r.status, waiting: r.waiting, solution: r.solution,
  purchase_id: r.purchase_id, redemption_id: r.redemption_id, opened_by: r.opened_by, opened_at: r.opened_at.toISOString(),
  first_response_at: iso(r.first_response_at), resolved_at: iso(r.resolved_at), closed_at: iso(r.closed_at), reopen_count: r.reopen_count,
  last_member_message_at: iso(r.last_member_message_at), updated_at: r.updated_at.toISOString(),
});
const toEvent = (e: CaseEventRow): Omit<TCaseEvent, 'actor_name'> => ({
  id: e.id, kind: e.kind, actor: e.actor, at: e.at.toISOString(), body: e.body, data: e.data,
});
const transition = (kind: CaseTransitionKind, r: CaseRow, at: Date): CaseTransition => ({
  kind, at, caseId: r.id, number: r.number, type: r.type, priority: r.priority, memberId: r.member_id, storeId: r.store_id, assigneeId: r.assignee_id,
});

/** The transitions each action makes, beyond the status event on the timeline. */
const ACTION_TRANSITIONS: Partial<Record<CaseAction, CaseTransitionKind[]>> = {
  evaluate: ['resolved'], record_solution: ['solution_ready'], tell_outcome: ['outcome_told', 'waiting'],
  confirm: ['resumed', 'resolved'], reject: ['resumed', 'reopened'], close: ['closed'], wait: ['waiting'], resume: ['resumed'],
};

export function caseService(ctx: Ctx, deps: { programs: ProgramService; staff: StaffService; stores: StoreService }) {
  /** Store staff (and a store's key) see and work their own store's cases only. */
  const ownStore = (actor: Principal, r: CaseRow) => (actor.storeId && r.store_id !== actor.storeId ? ownStoreOnly() : null);
  async function load(programId: string, id: string, actor: Principal, locked = false): Promise<Result<CaseRow>> {
    if (locked) assertTransaction(ctx.db);
    const r = locked ? await repo.lock(ctx.db, programId, id) : await repo.find(ctx.db, programId, id);
    if (!r) return notFound('case', 'case_id');
    return ownStore(actor, r) ?? r;
  }
  /** The case locked for a change, refused once closed. */
  async function workOn(programId: string, id: string, actor: Principal): Promise<Result<CaseRow>> {
    const r = await load(programId, id, actor, true);
    if (isFailure(r)) return r;
    return r.status === 'closed' ? caseClosed(r.status) : r;
  }
  const event = (r: CaseRow, kind: CaseEventKind, actor: Principal, at: Date, body = '', data: Record<string, unknown> = {}, id = newId('cev', at.getTime())) =>
    repo.insertEvent(ctx.db, { program_id: r.program_id, id, case_id: r.id, kind, actor: actor.keyId, at, body, data });
  async function workers(programId: string, roles: readonly StaffRole[] = CASE_WORKERS, storeId?: string) {
    return deps.staff.active(programId, roles, storeId);
  }

  /**
   * Routing at intake (seed 002 §3.2 提供专属客户经理): the member's dedicated account manager
   * when they have an active one; else round robin among the active service agents of the
   * case's store; else among all the program's active service agents; else nobody (the queue).
   */
  async function route(programId: string, memberId: string, storeId: string | null, auto: boolean) {
    const am = await repo.accountManager(ctx.db, programId, memberId);
    if (am && (await workers(programId, ['account_manager'])).some((s) => s.id === am.staff_id)) return { staffId: am.staff_id, via: 'account_manager' };
    if (!auto) return null;
    const local = storeId ? await workers(programId, ['service_agent'], storeId) : [];
    if (local.length) return { staffId: await repo.nextInPool(ctx.db, programId, storeId!, local.map((s) => s.id)), via: 'store' };
    const all = await workers(programId, ['service_agent']);
    if (all.length) return { staffId: await repo.nextInPool(ctx.db, programId, '*', all.map((s) => s.id)), via: 'program' };
    return null;
  }

  const service = {
    allowedActions: (c: TCase) => allowedActions(c.type, c.status, c.waiting),
    async get(programId: string, id: string, actor: Principal): Promise<Result<TCase>> {
      const r = await load(programId, id, actor);
      return isFailure(r) ? r : toCase(r);
    },
    async timeline(programId: string, id: string) {
      return (await repo.events(ctx.db, programId, id)).map(toEvent);
    },

    /** Opens a case, numbered and routed, in the caller's transaction (the workflow checked member and links). */
    async open(programId: string, input: TCaseOpen, actor: Principal, now = new Date()): Promise<Result<Acted>> {
      return inTransaction(ctx.db, async () => {
        const storeId = input.store_id ?? actor.storeId ?? null;
        if (actor.storeId && storeId !== actor.storeId) return ownStoreOnly();
        if (storeId && !(await deps.stores.exists(programId, storeId))) return validation('store_id', M.store_unknown());
        const settings = await deps.programs.settings(programId);
        if (isFailure(settings)) return settings;
        const year = Number(localDate(now, settings.timeZone).slice(0, 4));
        const number = `C-${year}-${String(await repo.nextNumber(ctx.db, programId, year)).padStart(6, '0')}`;
        const routed = await route(programId, input.member_id, storeId, input.route);
        const row = await ctx.db.insertInto('cases').values({
          program_id: programId, id: newId('cas', now.getTime()), number, type: input.type, channel: input.channel, subject: input.subject,
          description: input.description, priority: input.priority, member_id: input.member_id, store_id: storeId, assignee_id: routed?.staffId ?? null,
          status: INITIAL[input.type], solution: null, purchase_id: input.purchase_id ?? null, redemption_id: input.redemption_id ?? null,
          opened_by: actor.keyId, opened_at: now, first_response_at: null, resolved_at: null, closed_at: null, last_member_message_at: now,
        }).returningAll().executeTakeFirstOrThrow();
        await event(row, 'opened', actor, now, input.description, { channel: input.channel, status: row.status });
        const transitions = [transition('opened', row, now)];
        if (routed) {
          await event(row, 'assignment', actor, now, '', { from: null, to: routed.staffId, via: routed.via });
          transitions.push(transition('assigned', row, now));
        }
        return { case: toCase(row), transitions };
      });
    },

    /** One step of the case's flow (case.flow.ts), or waiting on the member and back. */
    async act(programId: string, id: string, action: CaseAction, text: string | undefined, actor: Principal, now = new Date()): Promise<Result<Acted>> {
      const r = await workOn(programId, id, actor);
      if (isFailure(r)) return r;
      const allowed = allowedActions(r.type, r.status, r.waiting);
      if (!allowed.includes(action)) return transitionRefused(action, r.status, allowed);
      if (action === 'wait' || action === 'resume') {
        const row = await repo.update(ctx.db, r, { waiting: action === 'wait' });
        await event(row, 'waiting', actor, now, text ?? '', { waiting: row.waiting });
        return { case: toCase(row), transitions: [transition(action === 'wait' ? 'waiting' : 'resumed', row, now)] };
      }
      const step = FLOWS[r.type][action]!;
      if (step.text === 'solution' && !text) return validation('text', M.solution_required());
      if (step.text === 'reason' && !text) return validation('text', M.reason_required());
      const row = await repo.update(ctx.db, r, {
        status: step.to,
        ...(action === 'record_solution' ? { solution: text! } : {}),
        // told the outcome, the case waits for the member's answer (their clock is not the desk's)
        ...(action === 'tell_outcome' ? { waiting: true } : {}),
        ...(action === 'confirm' || action === 'reject' || action === 'close' ? { waiting: false } : {}),
        ...(action === 'reject' ? { reopen_count: r.reopen_count + 1 } : {}),
        ...(action === 'confirm' || action === 'evaluate' ? { resolved_at: now } : {}),
        ...(action === 'close' ? { closed_at: now, resolved_at: r.resolved_at ?? now } : {}),
      });
      await event(row, 'status', actor, now, text ?? '', { action, from: r.status, to: row.status, ...(action === 'reject' ? { reopen_count: row.reopen_count } : {}) });
      return { case: toCase(row), transitions: (ACTION_TRANSITIONS[action] ?? []).map((k) => transition(k, row, now)) };
    },

    /**
     * Hands the case to a person who may work cases. An agent (cases.work) assigns an unassigned
     * case or hands over their own; a case a colleague has is moved only by a supervisor
     * (cases.manage), so nobody's work is taken from them by a peer.
     */
    async assign(programId: string, id: string, staffId: string, actor: Principal, now = new Date()): Promise<Result<Acted>> {
      const r = await workOn(programId, id, actor);
      if (isFailure(r)) return r;
      if (r.assignee_id && r.assignee_id !== actor.staffId && !can(actor, 'cases.manage')) return reassignForbidden(r.assignee_id);
      const to = (await workers(programId)).find((s) => s.id === staffId);
      // store staff work their own store's cases only (one without a store is the desk's)
      if (!to || (to.role === 'store_staff' && to.store_id !== r.store_id)) return notAssignable();
      if (r.assignee_id === staffId) return { case: toCase(r), transitions: [] };
      const row = await repo.update(ctx.db, r, { assignee_id: staffId });
      await event(row, 'assignment', actor, now, '', { from: r.assignee_id, to: staffId, via: 'manual' });
      return { case: toCase(row), transitions: [transition('assigned', row, now)] };
    },
    /** An agent takes an unassigned case from the queue: refused when someone has it already. */
    async take(programId: string, id: string, actor: Principal, now = new Date()): Promise<Result<Acted>> {
      if (!actor.staffId) return forbidden(M.staff_only());
      const r = await workOn(programId, id, actor);
      if (isFailure(r)) return r;
      if (r.assignee_id === actor.staffId) return { case: toCase(r), transitions: [] };
      if (r.assignee_id) return alreadyTaken();
      const row = await repo.update(ctx.db, r, { assignee_id: actor.staffId });
      await event(row, 'assignment', actor, now, '', { from: null, to: actor.staffId, via: 'take' });
      return { case: toCase(row), transitions: [transition('assigned', row, now)] };
    },

    async note(programId: string, id: string, body: string, actor: Principal, now = new Date()): Promise<Result<TCaseEvent>> {
      const r = await load(programId, id, actor);
      if (isFailure(r)) return r;
      return { ...toEvent(await event(r, 'note', actor, now, body)), actor_name: null };
    },
    /** Checks a reply may be recorded on the case now (before anything is sent). */
    async canMessage(programId: string, id: string, actor: Principal): Promise<Result<CaseRow>> {
      return workOn(programId, id, actor);
    },
    /**
     * Our reply to the member (sent or recorded by the workflow): the first one is the case's
     * first response (seed 002 §3.3 24 hours; seed 003 §7.2 3 working days).
     */
    async messageOut(programId: string, id: string, input: { eventId: string; channel: string; subject: string; body: string; message: { id: string; status: string } | null }, actor: Principal, now = new Date()): Promise<Result<Acted & { event: TCaseEvent }>> {
      const r = await workOn(programId, id, actor);
      if (isFailure(r)) return r;
      const row = r.first_response_at ? r : await repo.update(ctx.db, r, { first_response_at: now });
      const e = await event(row, 'message_out', actor, now, input.body,
        { channel: input.channel, subject: input.subject, message_id: input.message?.id ?? null, delivery: input.message?.status ?? 'recorded' }, input.eventId);
      return { case: toCase(row), transitions: [transition('agent_replied', row, now)], event: { ...toEvent(e), actor_name: null } };
    },
    /** What the member said (recorded from the channel): a case waiting on them resumes. */
    async messageIn(programId: string, id: string, input: { channel: string; body: string }, actor: Principal, now = new Date()): Promise<Result<Acted & { event: TCaseEvent }>> {
      const r = await workOn(programId, id, actor);
      if (isFailure(r)) return r;
      const row = await repo.update(ctx.db, r, { last_member_message_at: now, waiting: false });
      const e = await event(row, 'message_in', actor, now, input.body, { channel: input.channel });
      const transitions = [transition('member_replied', row, now)];
      if (r.waiting) transitions.unshift(transition('resumed', row, now));
      return { case: toCase(row), transitions, event: { ...toEvent(e), actor_name: null } };
    },
    async attachment(programId: string, id: string, input: TAttachmentIn, actor: Principal, now = new Date()): Promise<Result<TCaseEvent>> {
      const r = await load(programId, id, actor);
      if (isFailure(r)) return r;
      return { ...toEvent(await event(r, 'attachment', actor, now, input.name, { ...input })), actor_name: null };
    },
    /** Mediation (调解) or arbitration (仲裁) on a complaint (seed 000 ch. 11; seed 002 §5.3). */
    async proceeding(programId: string, id: string, input: TProceedingIn, actor: Principal, now = new Date()): Promise<Result<TCaseEvent>> {
      const r = await load(programId, id, actor);
      if (isFailure(r)) return r;
      if (r.type !== 'complaint') return fail('case_transition_refused', M.complaint_only(), { field: 'kind', extra: { state: r.status } });
      return { ...toEvent(await event(r, 'proceeding', actor, now, input.outcome ?? '', { ...input })), actor_name: null };
    },
    /** The goodwill a workflow granted, on the timeline (in its transaction). */
    async recordGoodwill(programId: string, id: string, data: Record<string, unknown>, reason: string, actor: Principal, now = new Date()) {
      const r = await repo.find(ctx.db, programId, id);
      if (!r) return notFound('case', 'case_id');
      return toEvent(await event(r, 'goodwill', actor, now, reason, data));
    },
    /** The case, readable and not closed, for a workflow that acts on it. */
    async workable(programId: string, id: string, actor: Principal): Promise<Result<TCase>> {
      const r = await load(programId, id, actor);
      if (isFailure(r)) return r;
      return r.status === 'closed' ? caseClosed(r.status) : toCase(r);
    },

    async list(programId: string, q: TCaseQuery, actor: Principal) {
      let query = ctx.db.selectFrom('cases').selectAll().where('program_id', '=', programId);
      const storeId = actor.storeId ?? q.store_id;
      if (storeId) query = query.where('store_id', '=', storeId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.open === 'true') query = query.where('closed_at', 'is', null);
      if (q.open === 'false') query = query.where('closed_at', 'is not', null);
      if (q.type) query = query.where('type', '=', q.type);
      if (q.priority) query = query.where('priority', '=', q.priority);
      if (q.member_id) query = query.where('member_id', '=', q.member_id);
      if (q.assignee === 'unassigned') query = query.where('assignee_id', 'is', null);
      else if (q.assignee === 'me') query = query.where('assignee_id', '=', actor.staffId ?? actor.keyId);
      else if (q.assignee !== 'any') query = query.where('assignee_id', '=', q.assignee);
      if (q.cursor) query = query.where('id', '<', q.cursor);
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
      const items = rows.slice(0, q.limit).map(toCase);
      return { items, next_cursor: rows.length > q.limit ? items.at(-1)!.id : null };
    },
    /** The member's cases not closed, oldest first (a termination leaves them open and says so). */
    async openOf(programId: string, memberId: string): Promise<{ id: string; number: string; type: string; status: string }[]> {
      return ctx.db.selectFrom('cases').select(['id', 'number', 'type', 'status']).where('program_id', '=', programId).where('member_id', '=', memberId)
        .where('closed_at', 'is', null).orderBy('id').execute();
    },
    /** Case numbers by id (the SLA monitor names its subjects). */
    async numbers(programId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('cases').select(['id', 'number']).where('program_id', '=', programId).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.number]));
    },
    /** Closed cases in [from, to): what quality sampling and CSAT surveys start from. */
    async closedInRange(programId: string, from: Date, to: Date) {
      const rows = await ctx.db.selectFrom('cases').select(['id', 'number', 'type', 'priority', 'member_id', 'store_id', 'assignee_id', 'channel', 'opened_at', 'closed_at', 'reopen_count'])
        .where('program_id', '=', programId).where('closed_at', '>=', from).where('closed_at', '<', to).orderBy('closed_at').orderBy('id').execute();
      return rows.map((r) => ({ ...r, closed_at: r.closed_at! }));
    },

    /** People who may work cases (the assign list). */
    agents: (programId: string) => workers(programId),
    async accountManager(programId: string, memberId: string): Promise<TAccountManager> {
      const r = await repo.accountManager(ctx.db, programId, memberId);
      return { member_id: memberId, staff_id: r?.staff_id ?? null, staff_name: null, set_by: r?.set_by ?? null, set_at: iso(r?.set_at ?? null) };
    },
    async setAccountManager(programId: string, memberId: string, staffId: string | null, actor: Principal): Promise<Result<TAccountManager>> {
      if (staffId !== null && !(await workers(programId, ['account_manager'])).some((s) => s.id === staffId)) return validation('staff_id', M.account_manager_role());
      await repo.setAccountManager(ctx.db, programId, memberId, staffId, actor.keyId);
      return service.accountManager(programId, memberId);
    },
    async settings(programId: string) {
      return { goodwill_max_points: (await repo.settings(ctx.db, programId))?.goodwill_max_points ?? 500 };
    },
    async setSettings(programId: string, input: { goodwill_max_points: number }) {
      const r = await repo.setSettings(ctx.db, programId, input.goodwill_max_points);
      return { goodwill_max_points: r.goodwill_max_points };
    },
    /** The member's cases and account manager for their copy (PIPL 第四十五条). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['cases', '服务请求与投诉', 'Service requests and complaints'],
      ['case_account_managers', '专属客户经理', 'Dedicated account manager'],
    ]),
    /** Erasure (PIPL 第四十七条), in the caller's transaction: the cases' figures stay, every text about the member goes (case.erase.ts). */
    forgetMember: (programId: string, memberId: string, now = new Date()): Promise<CasesErased> => {
      assertTransaction(ctx.db);
      return forgetMember(ctx.db, programId, memberId, now);
    },
  };
  return service;
}
export type CaseService = ReturnType<typeof caseService>;
