// SLA clocks and escalation (issue 11): policies by subject type, member tier and priority
// (built-in defaults from 002 §3.3 and 003 §7.2), one clock per subject and metric on the
// program's working-day calendar with its paused spans kept, and the job that warns, marks
// breaches and escalates (outbox events sla.warning / sla.breached / sla.escalated, staff
// alerts held through the desk's quiet hours). The cases and suggestions modules drive it.
// Uses calendar, staff, tiers, notifications.
export { slaService, type ClockMoved, type NextDue, type RedateFilter, type SlaService, type Subject } from './sla.service.ts';
export { slaRoutes } from './sla.routes.ts';
export { SLA_ERRORS } from './sla.errors.ts';
export type { Facets } from './sla.policy.ts';
export type { SlaTables, SubjectType, Metric, Unit, Priority } from './sla.table.ts';
export type { TClock, TPolicy, TSettings, TOverview, TOverviewQuery, TAlert } from './sla.schema.ts';
