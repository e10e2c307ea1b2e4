import type { TCase, TCaseDetail, TCaseQuery, TCaseRow } from '../../modules/cases/index.ts';
import type { Principal } from '../../platform/context.ts';
import { isFailure, notFound, type Result } from '../../platform/errors.ts';
import type { Modules } from '../../services.ts';

// What the desk's screens read: cases with the member's number and masked name, the staff's
// names and the next SLA deadline (other modules' data, so they are joined here).

async function names(s: Modules, programId: string) {
  return new Map((await s.staff.list(programId)).map((x) => [x.id, x.display_name]));
}
async function decorate(s: Modules, programId: string, cases: TCase[], staff: Map<string, string>): Promise<TCaseRow[]> {
  const members = new Map((await s.members.masked(programId, [...new Set(cases.map((c) => c.member_id))])).map((m) => [m.id, m]));
  const due = await s.sla.nextDue(programId, cases.map((c) => c.id));
  return cases.map((c) => ({
    ...c, member_no: members.get(c.member_id)?.member_no ?? null, member_name: members.get(c.member_id)?.name ?? null,
    assignee_name: c.assignee_id ? staff.get(c.assignee_id) ?? null : null, next_due: due.get(c.id) ?? null,
  }));
}

/** The queue (or a member's cases): a page with names for the screen. */
export async function caseQueue(s: Modules, programId: string, q: TCaseQuery, actor: Principal) {
  const page = await s.cases.list(programId, q, actor);
  return { ...page, items: await decorate(s, programId, page.items, await names(s, programId)) };
}

/** One case with what can be done now and its timeline, each entry with who did it. */
export async function caseDetail(s: Modules, programId: string, caseId: string, actor: Principal): Promise<Result<TCaseDetail>> {
  const c = await s.cases.get(programId, caseId, actor);
  if (isFailure(c)) return c;
  const staff = await names(s, programId);
  const [row] = await decorate(s, programId, [c], staff);
  const events = await s.cases.timeline(programId, caseId);
  // a reply sent through the notification service shows how it fared (queued, sent, failed)
  const sent = await s.notifications.messagesById(programId, events.flatMap((e) => (typeof e.data.message_id === 'string' ? [e.data.message_id] : [])));
  const timeline = events.map((e) => ({
    ...e, actor_name: staff.get(e.actor) ?? null,
    data: typeof e.data.message_id === 'string' && sent.has(e.data.message_id) ? { ...e.data, delivery: sent.get(e.data.message_id)!.status } : e.data,
  }));
  return { ...row!, actions: s.cases.allowedActions(c), timeline };
}

export async function caseAccountManager(s: Modules, programId: string, memberId: string) {
  const am = await s.cases.accountManager(programId, memberId);
  return { ...am, staff_name: am.staff_id ? (await names(s, programId)).get(am.staff_id) ?? null : null };
}
export async function setCaseAccountManager(s: Modules, programId: string, memberId: string, staffId: string | null, actor: Principal) {
  if (!(await s.members.exists(programId, memberId))) return notFound('member', 'member_id');
  const r = await s.cases.setAccountManager(programId, memberId, staffId, actor);
  if (isFailure(r)) return r;
  return caseAccountManager(s, programId, memberId);
}
