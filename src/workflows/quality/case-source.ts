import type { Modules } from '../../services.ts';

/**
 * What quality review reads about cases from the SLA clocks and the CSAT surveys (the seam
 * of issue 12): a case's CSAT answer, whether a clock of it was breached, and per agent the
 * share of clocks met in time and of CSAT answers 4–5. A figure that does not exist is absent
 * (the console shows "—"), never made up.
 */
export interface CaseSource {
  /** CSAT answer (1–5) per case that has one */
  csatOf(programId: string, caseIds: string[]): Promise<Map<string, number>>;
  /** the cases with at least one breached SLA clock (breached while running, or met late) */
  breachedOf(programId: string, caseIds: string[]): Promise<Set<string>>;
  /** per agent (the case's assignee): SLA clocks met in time / decided, CSAT answers 4–5 / answered, for cases closed in [from, to) */
  agentFigures(programId: string, range: { from: Date; to: Date }): Promise<Map<string, AgentFigures>>;
}
export interface AgentFigures { sla_met: number; sla_total: number; csat_good: number; csat_total: number }

const CASE_TYPES = new Set(['service_request', 'complaint']);
type Outcome = Awaited<ReturnType<Modules['sla']['outcomes']>>[number];
const breached = (c: Outcome) => c.breached_at !== null || c.late === true;
/** decided: met (in time or late) or breached; a clock still running or paused says nothing yet */
const decided = (c: Outcome) => c.state === 'met' || breached(c);

/** The source over the sla module's clocks and the surveys module's CSAT answers. */
export function caseSource(s: Modules): CaseSource {
  const clocks = async (programId: string, caseIds: string[]) =>
    (await s.sla.outcomes(programId, caseIds)).filter((c) => CASE_TYPES.has(c.subject_type));
  return {
    async csatOf(programId, caseIds) {
      return new Map((await s.surveys.csatOfCases(programId, caseIds)).map((a) => [a.case_id, a.score]));
    },
    async breachedOf(programId, caseIds) {
      return new Set((await clocks(programId, caseIds)).filter(breached).map((c) => c.subject_id));
    },
    async agentFigures(programId, { from, to }) {
      const cases = (await s.cases.closedInRange(programId, from, to)).filter((c) => c.assignee_id !== null);
      const agentOf = new Map(cases.map((c) => [c.id, c.assignee_id!]));
      const out = new Map<string, AgentFigures>();
      const of = (agent: string) => { const f = out.get(agent) ?? { sla_met: 0, sla_total: 0, csat_good: 0, csat_total: 0 }; out.set(agent, f); return f; };
      for (const c of await clocks(programId, cases.map((x) => x.id))) {
        if (!decided(c)) continue;
        const f = of(agentOf.get(c.subject_id)!);
        f.sla_total += 1;
        if (!breached(c)) f.sla_met += 1;
      }
      // CSAT % = share of 4–5 (issue 12), for the agent the answer was attributed to (the one who closed the case)
      for (const a of await s.surveys.csatOfCases(programId, cases.map((x) => x.id))) {
        const f = of(a.agent_staff_id ?? agentOf.get(a.case_id)!);
        f.csat_total += 1;
        if (a.score >= 4) f.csat_good += 1;
      }
      return out;
    },
  };
}
