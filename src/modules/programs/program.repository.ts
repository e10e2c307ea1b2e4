import type { Insertable, Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { ProgramTable } from './program.table.ts';

export const insertProgram = (db: Db | Trx, row: Insertable<ProgramTable>) =>
  db.insertInto('programs').values(row).returningAll().executeTakeFirstOrThrow();

export const findProgram = (db: Db | Trx, id: string) =>
  db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();

export const listPrograms = (db: Db | Trx, ids?: string[]) => {
  let q = db.selectFrom('programs').selectAll().orderBy('created_at');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return q.execute();
};

export const updateProgram = (db: Db | Trx, id: string, patch: Updateable<ProgramTable>) =>
  db.updateTable('programs').set({ ...patch, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
