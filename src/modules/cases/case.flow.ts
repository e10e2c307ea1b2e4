import type { CaseStatus, CaseType } from './case.table.ts';

// The status machines, as data (pure: the service applies them under the case's row lock).
// service_request — seed 002 §3.4 服务流程: (1)客户咨询 → (2)客户经理接洽 → (3)服务方案制定 →
//   (4)服务实施 → (5)服务效果评估, then closed.
// complaint — seed 003 §7.1 投诉处理流程: 接收 → 调查核实 → 制定解决方案 → 客户确认满意; §7.3
//   客户不满意重新调查处理，直至客户满意: a rejection goes back to investigating, as often as it takes.

export type CaseAction =
  | 'engage' | 'plan' | 'implement' | 'evaluate'
  | 'investigate' | 'record_solution' | 'tell_outcome' | 'confirm' | 'reject'
  | 'close' | 'wait' | 'resume';

interface Step { from: readonly CaseStatus[]; to: CaseStatus; text?: 'solution' | 'reason' | 'note' }

export const FLOWS: Record<CaseType, Partial<Record<CaseAction, Step>>> = {
  service_request: {
    engage: { from: ['inquiry'], to: 'account_manager' },
    plan: { from: ['account_manager'], to: 'service_plan', text: 'note' },
    implement: { from: ['service_plan'], to: 'implementation' },
    // the service is delivered: what is left is the effect evaluation (002 §3.4 (5)), so the case counts as resolved
    evaluate: { from: ['implementation'], to: 'evaluation' },
    close: { from: ['evaluation'], to: 'closed' },
  },
  complaint: {
    investigate: { from: ['received'], to: 'investigating' },
    // 处理完毕: the solution is decided and recorded; 003 §7.2's five working days to tell the member start here
    record_solution: { from: ['investigating'], to: 'solution_ready', text: 'solution' },
    tell_outcome: { from: ['solution_ready'], to: 'solution_told' },
    confirm: { from: ['solution_told'], to: 'resolved' },
    reject: { from: ['solution_told'], to: 'investigating', text: 'reason' },
    close: { from: ['resolved'], to: 'closed' },
  },
};

export const INITIAL: Record<CaseType, CaseStatus> = { service_request: 'inquiry', complaint: 'received' };

/** Statuses in which nothing is pending on the desk's side: no waiting, no work, no messages. */
const isFinished = (s: CaseStatus) => s === 'closed' || s === 'resolved';

/** What can be done on a case now (the console shows these buttons). */
export function allowedActions(type: CaseType, status: CaseStatus, waiting: boolean): CaseAction[] {
  const steps = Object.entries(FLOWS[type]).filter(([, s]) => s.from.includes(status)).map(([a]) => a as CaseAction);
  if (!isFinished(status)) steps.push(waiting ? 'resume' : 'wait');
  return steps;
}
