import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
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
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 32);
  return openPglite(opts.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<DbHandle> {
  const pg = await import('pg');
  const types = pg.default.types;
  const parse = (oid: number, fn: (v: string) => unknown) => (types.setTypeParser as (o: number, f: (v: string) => unknown) => void)(oid, fn);
  parse(INT8, Number);
  parse(NUMERIC, Number);
  parse(DATE, (v) => v);
  // min = max: a connection, once opened, stays. pg-pool reuses the most recent idle
  // connection, so under steady load the rest sat idle and were closed after 10 s; the next
  // burst then opened new ones, each preparing its statements again, and reads queued
  // behind them (balance p99 77–521 ms in full bench runs; 20–47 ms since, bench/README.md).
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize, min: poolSize });
  pool.on('connect', (client) => usePreparedStatements(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

// Parsing and planning the same statement on every call was half of PostgreSQL's work on
// the purchase path (bench/README.md). Statements with parameters become named prepared
// statements, planned once per connection; the name is a digest of the text, so one
// name never means two statements. Parameterless text (migrations, BEGIN) is left alone.
const MAX_STATEMENTS = 2_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_STATEMENTS) {
    name = `k_${createHash('sha1').update(text).digest('hex').slice(0, 30)}`;
    statementNames.set(text, name);
  }
  return name;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

function usePreparedStatements(client: { query: unknown }) {
  const query = (client.query as QueryFn).bind(client);
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(config);
      if (name) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  }) satisfies QueryFn;
}

async function openPglite(dataDir?: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: Number, [NUMERIC]: Number, [DATE]: (v: string) => v },
    relaxedDurability: false,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: withPreparedStatements(pglite) }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

type PGliteInstance = PGlite;

const literal = (p: unknown) => `'${(p instanceof Date ? p.toISOString() : String(p)).replaceAll("'", "''")}'`;
// A NUL would cut the query text short, so such a value goes as an ordinary parameter.
const isPlain = (p: unknown) =>
  p === null || p instanceof Date || ['number', 'boolean', 'bigint'].includes(typeof p) || (typeof p === 'string' && !p.includes('\u0000'));

/**
 * PGlite has no named statements in its API, so outside transactions a parameterised
 * statement is PREPAREd once and EXECUTEd with its parameters as quoted literals, which
 * PostgreSQL coerces to the types it inferred when preparing (standard_conforming_strings
 * is on). That halves the cost of a purchase on the embedded database (bench/README.md).
 * Inside a transaction, and for parameters that are not plain values, queries run as usual.
 */
function withPreparedStatements(pglite: PGliteInstance): PGliteInstance {
  const prepared = new Set<string>();
  const query = pglite.query.bind(pglite);
  const run = async (text: string, params?: unknown[], options?: object) => {
    const name = params?.length && params.every(isPlain) ? statementName(text) : undefined;
    if (!name) return query(text, params, options);
    if (!prepared.has(name)) {
      await query(`PREPARE ${name} AS ${text}`);
      prepared.add(name);
    }
    return query(`EXECUTE ${name}(${params!.map((p) => (p === null ? 'NULL' : literal(p))).join(', ')})`, undefined, options);
  };
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === 'query') return run;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
