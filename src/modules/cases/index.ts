// The service desk's cases (issue 11): VIP service requests (seed 002 §3) and complaints
// (seed 003 §7) in one model with a status machine per type, a timeline, routing to the
// member's dedicated account manager or round robin among the agents, mediation and
// arbitration steps. Every action is a workflow in workflows/cases/ whose transitions go
// through afterTransitions (the SLA clocks' seam). Uses programs, staff, stores.
export { caseService, type CaseService, type CaseTransition } from './case.service.ts';
export { caseRoutes } from './case.routes.ts';
export { CASE_ERRORS, CASE_MESSAGES, overLimit } from './case.errors.ts';
export { allowedActions, FLOWS, type CaseAction } from './case.flow.ts';
export { SENT_CHANNELS } from './case.schema.ts';
export type { CaseTables, CaseType, CaseStatus } from './case.table.ts';
export type { TCase, TCaseDetail, TCaseEvent, TCaseOpen, TCaseQuery, TCaseRow, TGoodwill, TGoodwillIn, TMessageIn, TProceedingIn, TAttachmentIn } from './case.schema.ts';
