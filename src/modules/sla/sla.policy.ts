import type { Metric, PolicyRow, Priority, SubjectType, Unit } from './sla.table.ts';

/** A policy as the clocks use it: stored, or built in (id `default:<type>:<metric>`). */
export interface Policy {
  id: string; builtin: boolean; subject_type: SubjectType; tier_id: string | null; priority: Priority | null; metric: Metric;
  unit: Unit; target: number; warn_percent: number; escalate: boolean; escalate_to: string | null;
}
export interface Facets { tierId: string | null; priority: Priority | null }

const builtin = (subject_type: SubjectType, metric: Metric, unit: Unit, target: number): Policy => ({
  id: `default:${subject_type}:${metric}`, builtin: true, subject_type, tier_id: null, priority: null, metric, unit, target, warn_percent: 75, escalate: true, escalate_to: null,
});

/**
 * The built-in policies: the any-tier, any-priority policy of their type and metric until the
 * program sets its own for that scope.
 * - service request first response 24 calendar hours: 002 §3.3 服务响应时间不超过24小时 (the
 *   service desk's requests are the VIP service of 002 §3, so any tier);
 * - complaint first response 3 working days and outcome 5 working days: 003 §7.2;
 * - suggestion resolution 10 working days: issue 12's processing flow.
 */
const BUILTIN_POLICIES: readonly Policy[] = [
  builtin('service_request', 'first_response', 'calendar_hours', 24),
  builtin('complaint', 'first_response', 'working_days', 3),
  builtin('complaint', 'outcome', 'working_days', 5),
  builtin('suggestion', 'resolution', 'working_days', 10),
];

export const fromRow = (r: PolicyRow): Policy => ({
  id: r.id, builtin: false, subject_type: r.subject_type, tier_id: r.tier_id, priority: r.priority, metric: r.metric,
  unit: r.unit, target: r.target, warn_percent: r.warn_percent, escalate: r.escalate, escalate_to: r.escalate_to,
});

/** The program's policies with the built-in ones its own do not replace (same type, metric, any tier, any priority). */
export function withBuiltins(own: Policy[]): Policy[] {
  const replaced = (b: Policy) => own.some((p) => p.subject_type === b.subject_type && p.metric === b.metric && p.tier_id === null && p.priority === null);
  return [...own, ...BUILTIN_POLICIES.filter((b) => !replaced(b))];
}

/** Most specific first: tier and priority > tier > priority > any. */
const rank = (p: Policy) => (p.tier_id ? 2 : 0) + (p.priority ? 1 : 0);

/** The policy a subject with these facets is held to, or null when none applies. */
export function pickPolicy(policies: Policy[], type: SubjectType, metric: Metric, f: Facets): Policy | null {
  const fits = policies.filter((p) => p.subject_type === type && p.metric === metric
    && (p.tier_id === null || p.tier_id === f.tierId) && (p.priority === null || p.priority === f.priority));
  return fits.sort((a, b) => rank(b) - rank(a))[0] ?? null;
}
