import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

// int8 as JS number: every amount is bounded (≤ 10^12 fen per request), far inside 2^53.
// Dates stay 'YYYY-MM-DD' strings: a calendar day has no time zone to shift.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number }): Promise<DbHandle> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<DbHandle> {
  const pg = await import('pg');
  const types = pg.default.types;
  const parse = (oid: number, fn: (v: string) => unknown) => (types.setTypeParser as (o: number, f: (v: string) => unknown) => void)(oid, fn);
  parse(INT8, Number);
  parse(NUMERIC, Number);
  parse(DATE, (v) => v);
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPglite(dataDir?: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: Number, [NUMERIC]: Number, [DATE]: (v: string) => v },
    relaxedDurability: false,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** Runs fn in a transaction; the handle passed in can only be used inside it. */
export function transaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export { sql };
