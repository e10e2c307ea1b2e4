import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SuggestionStatus } from './suggestion.table.ts';

export interface ListFilter {
  status?: SuggestionStatus | undefined; categoryId?: string | undefined; storeId?: string | undefined; memberId?: string | undefined;
  q?: string | undefined; cursor?: string | undefined; limit: number;
}

/** The board: newest first (ids are time-ordered), one page past the cursor. */
export function list(db: Db, programId: string, f: ListFilter) {
  let q = db.selectFrom('suggestions').selectAll().where('program_id', '=', programId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  if (f.storeId) q = q.where('store_id', '=', f.storeId);
  if (f.memberId) q = q.where('member_id', '=', f.memberId);
  if (f.q) {
    // the words as typed, not a pattern: % and _ are matched literally
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('body', 'ilike', like)]));
  }
  if (f.cursor) q = q.where('id', '<', f.cursor);
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export const find = (db: Db, programId: string, id: string) =>
  db.selectFrom('suggestions').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const lock = (db: Db, programId: string, id: string) =>
  db.selectFrom('suggestions').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

export const counts = (db: Db, programId: string) =>
  db.selectFrom('suggestions').select(['status', sql<number>`count(*)::int`.as('n')]).where('program_id', '=', programId).groupBy('status').execute();

export const supportedBy = (db: Db, programId: string, memberId: string, limit: number) =>
  db.selectFrom('suggestions as s').innerJoin('suggestion_supporters as p', (j) => j.onRef('p.program_id', '=', 's.program_id').onRef('p.suggestion_id', '=', 's.id'))
    .selectAll('s').where('p.program_id', '=', programId).where('p.member_id', '=', memberId).orderBy('s.id', 'desc').limit(limit).execute();

export const supporters = (db: Db, programId: string, id: string) =>
  db.selectFrom('suggestion_supporters').select(['member_id', 'via', 'supported_at']).where('program_id', '=', programId).where('suggestion_id', '=', id)
    .orderBy('supported_at').orderBy('member_id').execute();

export const history = (db: Db, programId: string, id: string) =>
  db.selectFrom('suggestion_history').select(['kind', 'actor', 'at', 'detail']).where('program_id', '=', programId).where('suggestion_id', '=', id).orderBy('id').execute();

export const addHistory = (db: Db, programId: string, id: string, kind: string, actor: string, at: Date, detail: Record<string, unknown> | null = null) =>
  db.insertInto('suggestion_history').values({ program_id: programId, suggestion_id: id, kind, actor, at, detail: detail ? JSON.stringify(detail) : null }).execute();
