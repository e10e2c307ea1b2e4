import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CaseEventKind, CaseRow, CaseTable } from './case.table.ts';
import type { Updateable } from 'kysely';

// The cases module's queries. Every function takes the handle: inside a workflow's
// transaction ctx.db is that transaction.

export const find = (db: Db, programId: string, id: string) =>
  db.selectFrom('cases').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

/** The case's row, locked: every action on one case is serialised by it. */
export const lock = (db: Db, programId: string, id: string) =>
  db.selectFrom('cases').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const update = (db: Db, row: CaseRow, set: Updateable<CaseTable>) =>
  db.updateTable('cases').set({ ...set, updated_at: new Date() }).where('program_id', '=', row.program_id).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();

/** The next number of the program's year: one guarded upsert, so concurrent intakes never share one. */
export async function nextNumber(db: Db, programId: string, year: number): Promise<number> {
  const r = await sql<{ last: number }>`
    INSERT INTO case_counters (program_id, year, last) VALUES (${programId}, ${year}, 1)
    ON CONFLICT (program_id, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`.execute(db);
  return Number(r.rows[0]!.last);
}

export const insertEvent = (db: Db, v: { program_id: string; id: string; case_id: string; kind: CaseEventKind; actor: string; at: Date; body: string; data: Record<string, unknown> }) =>
  db.insertInto('case_events').values({ ...v, data: JSON.stringify(v.data) }).returningAll().executeTakeFirstOrThrow();

export const events = (db: Db, programId: string, caseId: string) =>
  db.selectFrom('case_events').selectAll().where('program_id', '=', programId).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();

/**
 * Round robin in a pool: the row is created once and locked, the agent after the last one
 * (in id order) gets the case and becomes the last. Two processes opening cases at once
 * take turns on the lock, so each agent's share stays even.
 */
export async function nextInPool(db: Db, programId: string, pool: string, agentIds: string[]): Promise<string> {
  await db.insertInto('case_routing').values({ program_id: programId, pool, last_staff_id: null })
    .onConflict((oc) => oc.columns(['program_id', 'pool']).doNothing()).execute();
  const row = await db.selectFrom('case_routing').select('last_staff_id').where('program_id', '=', programId).where('pool', '=', pool).forUpdate().executeTakeFirstOrThrow();
  const last = row.last_staff_id ?? '';
  const next = agentIds.find((id) => id > last) ?? agentIds[0]!;
  await db.updateTable('case_routing').set({ last_staff_id: next }).where('program_id', '=', programId).where('pool', '=', pool).execute();
  return next;
}

export const accountManager = (db: Db, programId: string, memberId: string) =>
  db.selectFrom('case_account_managers').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).executeTakeFirst();

export async function setAccountManager(db: Db, programId: string, memberId: string, staffId: string | null, actor: string) {
  if (staffId === null) {
    await db.deleteFrom('case_account_managers').where('program_id', '=', programId).where('member_id', '=', memberId).execute();
    return undefined;
  }
  return db.insertInto('case_account_managers').values({ program_id: programId, member_id: memberId, staff_id: staffId, set_by: actor })
    .onConflict((oc) => oc.columns(['program_id', 'member_id']).doUpdateSet({ staff_id: staffId, set_by: actor, set_at: new Date() }))
    .returningAll().executeTakeFirstOrThrow();
}

export const settings = (db: Db, programId: string) =>
  db.selectFrom('case_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();

export const setSettings = (db: Db, programId: string, goodwillMaxPoints: number) =>
  db.insertInto('case_settings').values({ program_id: programId, goodwill_max_points: goodwillMaxPoints })
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ goodwill_max_points: goodwillMaxPoints, updated_at: new Date() }))
    .returningAll().executeTakeFirstOrThrow();
