import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { STORE_MESSAGES } from './store.errors.ts';
import { newId } from '../../platform/ids.ts';
import type { TStoreCreate, TStoreUpdate } from './store.schema.ts';
import type { StoreRow } from './store.table.ts';

const toStore = (r: StoreRow) => ({
  id: r.id, code: r.code, name: r.name, address: r.address, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
});

async function codeTaken(db: Db, programId: string, code: string, except?: string) {
  let q = db.selectFrom('stores').select('id').where('program_id', '=', programId).where('code', '=', code);
  if (except) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export function storeService(ctx: Ctx) {
  return {
    async create(programId: string, input: TStoreCreate) {
      if (await codeTaken(ctx.db, programId, input.code)) return conflict(STORE_MESSAGES.code_taken({ code: input.code }), 'code');
      const row = await ctx.db.insertInto('stores')
        .values({ program_id: programId, id: newId('sto'), code: input.code, name: input.name, address: input.address ?? null })
        .returningAll().executeTakeFirstOrThrow();
      return toStore(row);
    },
    async list(programId: string) {
      const rows = await ctx.db.selectFrom('stores').selectAll().where('program_id', '=', programId).orderBy('code').execute();
      return rows.map(toStore);
    },
    async get(programId: string, id: string) {
      const row = await ctx.db.selectFrom('stores').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      if (!row) return notFound('store', 'store_id');
      return toStore(row);
    },
    async exists(programId: string, id: string) {
      return (await ctx.db.selectFrom('stores').select('id').where('program_id', '=', programId).where('id', '=', id).executeTakeFirst()) !== undefined;
    },
    async update(programId: string, id: string, input: TStoreUpdate) {
      if (input.code && (await codeTaken(ctx.db, programId, input.code, id))) return conflict(STORE_MESSAGES.code_taken({ code: input.code }), 'code');
      const row = await ctx.db.updateTable('stores').set({ ...input, updated_at: new Date() })
        .where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return notFound('store', 'store_id');
      return toStore(row);
    },
  };
}
export type StoreService = ReturnType<typeof storeService>;

/**
 * The earn statement's store check (workflows/record-purchase.ts): true when the store is
 * one of the program's, as a condition another module's statement can embed.
 */
export const storeExistsSql = (programId: string, storeId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM stores WHERE program_id = ${programId} AND id = ${storeId})`;
