import type { CaseTransition } from '../../modules/cases/index.ts';
import { emit } from '../../platform/outbox.ts';
import type { Modules } from '../../services.ts';

/**
 * The one place a case's transitions go, from every workflow in this folder, inside the
 * action's transaction. Today it writes each as an outbox event `case.<kind>`:
 * case.opened, case.assigned, case.agent_replied, case.member_replied, case.waiting,
 * case.resumed, case.solution_ready, case.outcome_told, case.reopened, case.resolved,
 * case.closed — payload { case_id, number, type, priority, member_id, store_id,
 * assignee_id, at }. The SLA clocks (start, pause, resume, stop) hook in here.
 */
export async function afterTransitions(s: Modules, programId: string, transitions: readonly CaseTransition[]): Promise<void> {
  await emit(s.ctx.db, transitions.map((t) => ({
    programId, topic: `case.${t.kind}`, aggregateId: t.caseId,
    payload: {
      case_id: t.caseId, number: t.number, type: t.type, priority: t.priority, member_id: t.memberId, store_id: t.storeId,
      assignee_id: t.assigneeId, at: t.at.toISOString(),
    },
  })));
}
