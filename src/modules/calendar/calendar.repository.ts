import type { Db, Trx } from '../../db/database.ts';
import type { OfficialDay, WeekHours } from '../../platform/calendar.ts';

export const findSettings = (db: Db, programId: string) =>
  db.selectFrom('calendar_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();

export const upsertHours = (db: Db, programId: string, hours: WeekHours) =>
  db.insertInto('calendar_settings').values({ program_id: programId, hours: JSON.stringify(hours) })
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ hours: JSON.stringify(hours), updated_at: new Date() })).execute();

/** Locks the program's settings row (made with the default hours if it has none): changes to its calendar queue here. */
export async function lockSettings(trx: Trx, programId: string, defaults: WeekHours) {
  await trx.insertInto('calendar_settings').values({ program_id: programId, hours: JSON.stringify(defaults) }).onConflict((oc) => oc.column('program_id').doNothing()).execute();
  await trx.selectFrom('calendar_settings').select('program_id').where('program_id', '=', programId).forUpdate().executeTakeFirstOrThrow();
}

export const overrides = (db: Db, programId: string) =>
  db.selectFrom('calendar_overrides').selectAll().where('program_id', '=', programId).orderBy('date').execute();

export const upsertOverride = (db: Db, programId: string, row: { date: string; closed: boolean; open_time: string | null; close_time: string | null; note: string | null; created_by: string }) =>
  db.insertInto('calendar_overrides').values({ program_id: programId, ...row })
    .onConflict((oc) => oc.columns(['program_id', 'date']).doUpdateSet({ ...row, created_at: new Date() }))
    .returningAll().executeTakeFirstOrThrow();

export const deleteOverride = (db: Db, programId: string, date: string) =>
  db.deleteFrom('calendar_overrides').where('program_id', '=', programId).where('date', '=', date).returningAll().executeTakeFirst();

export const years = (db: Db, programId: string) =>
  db.selectFrom('calendar_years').selectAll().where('program_id', '=', programId).orderBy('year').execute();

export const upsertYear = (db: Db, programId: string, year: number, days: OfficialDay[], by: string) =>
  db.insertInto('calendar_years').values({ program_id: programId, year, days: JSON.stringify(days), loaded_by: by })
    .onConflict((oc) => oc.columns(['program_id', 'year']).doUpdateSet({ days: JSON.stringify(days), loaded_by: by, loaded_at: new Date() }))
    .returningAll().executeTakeFirstOrThrow();
