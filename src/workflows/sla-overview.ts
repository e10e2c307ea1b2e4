import type { TOverview, TOverviewQuery } from '../modules/sla/index.ts';
import type { Modules } from '../services.ts';

/**
 * The SLA monitor with its subjects named: a case by its number, a suggestion by its title
 * (the sla module knows subjects only as `{ type, id }`).
 */
export async function slaOverview(s: Modules, programId: string, q: Partial<TOverviewQuery>, now = new Date()): Promise<TOverview> {
  const o = await s.sla.overview(programId, q, now);
  const ids = (types: readonly string[]) => [...new Set(o.items.filter((c) => types.includes(c.subject_type)).map((c) => c.subject_id))];
  const [numbers, titles] = await Promise.all([
    s.cases.numbers(programId, ids(['service_request', 'complaint'])),
    s.suggestions.titles(programId, ids(['suggestion'])),
  ]);
  return { ...o, items: o.items.map((c) => ({ ...c, subject_label: numbers.get(c.subject_id) ?? titles.get(c.subject_id) ?? null })) };
}
