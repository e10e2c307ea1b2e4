import type { Modules } from '../../services.ts';

/**
 * What quality review reads about cases from the SLA clocks and the CSAT surveys (the seam
 * of issue 12): a case's CSAT answer, whether a clock of it was breached, and per agent the
 * share of clocks met and of CSAT answers 4–5. A figure that does not exist is absent (the
 * console shows "—"), never made up.
 */
export interface CaseSource {
  /** CSAT answer (1–5) per case that has one */
  csatOf(programId: string, caseIds: string[]): Promise<Map<string, number>>;
  /** the cases with at least one breached SLA clock */
  breachedOf(programId: string, caseIds: string[]): Promise<Set<string>>;
  /** per agent: SLA clocks met / decided, CSAT answers 4–5 / answered, for cases closed in [from, to) */
  agentFigures(programId: string, range: { from: Date; to: Date }): Promise<Map<string, AgentFigures>>;
}
export interface AgentFigures { sla_met: number; sla_total: number; csat_good: number; csat_total: number }

/**
 * The source over the modules present. The sla and surveys modules land separately; until
 * they do there are no clocks and no answers, so rule samples find nothing and the SLA and
 * CSAT columns are empty.
 */
export function caseSource(_s: Modules): CaseSource {
  return {
    csatOf: () => Promise.resolve(new Map()),
    breachedOf: () => Promise.resolve(new Set()),
    agentFigures: () => Promise.resolve(new Map()),
  };
}
