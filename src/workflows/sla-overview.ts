import type { TOverview, TOverviewQuery } from '../modules/sla/index.ts';
import type { Modules } from '../services.ts';

/**
 * The SLA monitor with its subjects named: a case by its number, a suggestion by its title
 * (the sla module knows subjects only as `{ type, id }`).
 */
export async function slaOverview(s: Modules, programId: string, q: Partial<TOverviewQuery>, now = new Date()): Promise<TOverview> {
  const o = await s.sla.overview(programId, q, now);
  return { ...o, items: await nameSubjects(s, programId, o.items) };
}

/** Clocks with their subjects named (`subject_label`: a case's number, a suggestion's title, else null). */
export async function nameSubjects<C extends { subject_type: string; subject_id: string }>(s: Modules, programId: string, clocks: C[]): Promise<(C & { subject_label: string | null })[]> {
  const ids = (types: readonly string[]) => [...new Set(clocks.filter((c) => types.includes(c.subject_type)).map((c) => c.subject_id))];
  const [numbers, titles] = await Promise.all([
    s.cases.numbers(programId, ids(['service_request', 'complaint'])),
    s.suggestions.titles(programId, ids(['suggestion'])),
  ]);
  return clocks.map((c) => ({ ...c, subject_label: numbers.get(c.subject_id) ?? titles.get(c.subject_id) ?? null }));
}
