import type { CaseTransition } from '../../modules/cases/index.ts';
import type { Facets, Metric } from '../../modules/sla/index.ts';
import { emit } from '../../platform/outbox.ts';
import type { Modules } from '../../services.ts';

/**
 * The one place a case's transitions go, from every workflow in this folder, inside the
 * action's transaction, so a clock moves iff the case did. Each is an outbox event
 * `case.<kind>` (case.opened, case.assigned, case.agent_replied, case.member_replied,
 * case.waiting, case.resumed, case.solution_ready, case.outcome_told, case.reopened,
 * case.resolved, case.closed — payload { case_id, number, type, priority, member_id,
 * store_id, assignee_id, at }) and drives the case's SLA clocks:
 * - opened: first response (002 §3.3: 24 hours; 003 §7.2: a complaint answered within 3
 *   working days of receipt) and resolution, under the policy for the case's type, the
 *   member's tier and the priority; the assignee owns them.
 * - agent_replied (a message to the member) meets the first and the next response;
 *   member_replied starts the next response when none is running (measured from the member's
 *   first message not yet answered; a breached one stays breached until answered).
 * - waiting / resumed pause and resume every running clock (waiting on the member).
 * - solution_ready starts the outcome clock (003 §7.2: "投诉处理完毕,5个工作日内通知客户");
 *   outcome_told meets it, and is a reply too. A rejected solution reopens the case, and the
 *   next solution starts a new outcome cycle.
 * - resolved meets resolution; closed meets it and cancels whatever is still open.
 * A closed case also sends its CSAT survey once (issue 12: a single-use link, attributed to the
 * agent the case was with when it closed; a member without service consent gets none).
 */
export async function afterTransitions(s: Modules, programId: string, transitions: readonly CaseTransition[]): Promise<void> {
  await emit(s.ctx.db, transitions.map((t) => ({
    programId, topic: `case.${t.kind}`, aggregateId: t.caseId,
    payload: {
      case_id: t.caseId, number: t.number, type: t.type, priority: t.priority, member_id: t.memberId, store_id: t.storeId,
      assignee_id: t.assigneeId, at: t.at.toISOString(),
    },
  })));
  for (const t of transitions) await moveClocks(s, programId, t);
}

async function moveClocks(s: Modules, programId: string, t: CaseTransition): Promise<void> {
  const subject = { type: t.type, id: t.caseId };
  // the member's tier now picks the policy (a gold member's request may be held to a shorter one)
  const facets = async (): Promise<Facets> => ({ tierId: (await s.members.tierInfo(programId, t.memberId))?.tier_id ?? null, priority: t.priority });
  const stop = (...metrics: Metric[]) => s.sla.stop(programId, subject, metrics, t.at);
  switch (t.kind) {
    case 'opened': {
      const f = await facets();
      await s.sla.start(programId, subject, 'first_response', t.at, f, t.assigneeId);
      await s.sla.start(programId, subject, 'resolution', t.at, f, t.assigneeId);
      return;
    }
    case 'assigned': await s.sla.setOwner(programId, subject, t.assigneeId); return;
    case 'agent_replied': await stop('first_response', 'next_response'); return;
    // measured from the member's first message not yet answered: a running (or breached) clock is left as it is
    case 'member_replied': await s.sla.start(programId, subject, 'next_response', t.at, await facets(), t.assigneeId); return;
    case 'waiting': await s.sla.pause(programId, subject, t.at, 'waiting_member'); return;
    case 'resumed': await s.sla.resume(programId, subject, t.at); return;
    case 'solution_ready':
      if (t.type === 'complaint') await s.sla.start(programId, subject, 'outcome', t.at, await facets(), t.assigneeId);
      return;
    case 'outcome_told': await stop('outcome', 'first_response', 'next_response'); return;
    case 'resolved': await stop('resolution'); return;
    case 'closed':
      await s.sla.stop(programId, subject, ['resolution'], t.at, { cancelRest: true });
      await s.surveys.sendCsat(programId, { caseId: t.caseId, caseNumber: t.number, memberId: t.memberId, agentStaffId: t.assigneeId, storeId: t.storeId, closedAt: t.at }, t.at);
      return;
    case 'reopened': return;
  }
}
