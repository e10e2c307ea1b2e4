import type { Insertable, Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { SlaClockTable, SubjectType } from './sla.table.ts';

type Q = Db | Trx;

export const policies = (db: Q, programId: string) =>
  db.selectFrom('sla_policies').selectAll().where('program_id', '=', programId).orderBy('subject_type').orderBy('metric').orderBy('created_at').execute();
export const policy = (db: Q, programId: string, id: string) =>
  db.selectFrom('sla_policies').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const settings = (db: Q, programId: string) => db.selectFrom('sla_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();

/** The subject's clocks, locked for the caller's transaction. */
export const lockClocks = (trx: Trx, programId: string, type: SubjectType, subjectId: string) =>
  trx.selectFrom('sla_clocks').selectAll().where('program_id', '=', programId).where('subject_type', '=', type).where('subject_id', '=', subjectId)
    .orderBy('metric').forUpdate().execute();
export const clocksOf = (db: Q, programId: string, type: SubjectType, subjectId: string) =>
  db.selectFrom('sla_clocks').selectAll().where('program_id', '=', programId).where('subject_type', '=', type).where('subject_id', '=', subjectId).orderBy('started_at').execute();

export const insertClock = (trx: Trx, row: Insertable<SlaClockTable>) =>
  trx.insertInto('sla_clocks').values(row).onConflict((oc) => oc.columns(['program_id', 'subject_type', 'subject_id', 'metric']).doNothing()).returningAll().executeTakeFirst();
export const updateClock = (trx: Trx, programId: string, id: string, set: Updateable<SlaClockTable>) =>
  trx.updateTable('sla_clocks').set({ ...set, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** The pauses of clocks' current cycles, by clock id. */
export async function pausesOf(db: Q, programId: string, clocks: readonly { id: string; cycle: number }[]) {
  const out = new Map<string, { from: Date; to: Date | null; reason: string }[]>();
  if (!clocks.length) return out;
  const rows = await db.selectFrom('sla_pauses').selectAll().where('program_id', '=', programId).where('clock_id', 'in', clocks.map((c) => c.id)).orderBy('paused_at').execute();
  const cycles = new Map(clocks.map((c) => [c.id, c.cycle]));
  for (const r of rows) {
    if (cycles.get(r.clock_id) !== r.cycle) continue;
    const list = out.get(r.clock_id) ?? [];
    list.push({ from: r.paused_at, to: r.resumed_at, reason: r.reason });
    out.set(r.clock_id, list);
  }
  return out;
}
export const openPause = (trx: Trx, programId: string, clockId: string, cycle: number, at: Date, reason: string) =>
  trx.insertInto('sla_pauses').values({ program_id: programId, clock_id: clockId, cycle, paused_at: at, reason }).onConflict((oc) => oc.doNothing()).execute();
export const closePauses = (trx: Trx, programId: string, clockId: string, at: Date) =>
  trx.updateTable('sla_pauses').set({ resumed_at: at }).where('program_id', '=', programId).where('clock_id', '=', clockId).where('resumed_at', 'is', null).execute();
