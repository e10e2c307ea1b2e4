import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from './database.ts';

const dir = join(import.meta.dirname, 'migrations');

/**
 * Applies numbered plain-SQL files in order, each in its own transaction, once; with
 * `until`, only those up to that name (a test of a migration's backfill starts there).
 */
export async function migrate(db: Db, opts: { until?: string } = {}): Promise<{ applied: string[]; latest: string | null }> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  if (opts.until !== undefined && !files.includes(`${opts.until}.sql`)) throw new Error(`no migration named ${opts.until}`);
  const applied: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.sql$/, '');
    if (opts.until !== undefined && name > opts.until) break;
    const text = await readFile(join(dir, file), 'utf8');
    await db.transaction().execute(async (trx) => {
      // A lock so two instances starting together don't both apply a migration.
      await sql`SELECT pg_advisory_xact_lock(727274)`.execute(trx);
      const done = await sql<{ name: string }>`SELECT name FROM schema_migrations WHERE name = ${name}`.execute(trx);
      if (done.rows.length > 0) return;
      // PGlite's extended protocol takes one statement per query, so split the file.
      for (const statement of splitStatements(text)) await sql.raw(statement).execute(trx);
      await sql`INSERT INTO schema_migrations (name) VALUES (${name})`.execute(trx);
      applied.push(name);
    });
  }
  return { applied, latest: await latestMigration(db) };
}

export async function latestMigration(db: Db): Promise<string | null> {
  const r = await sql<{ name: string }>`SELECT max(name) AS name FROM schema_migrations`.execute(db);
  return r.rows[0]?.name ?? null;
}

/** Splits a SQL script on top-level semicolons, respecting quotes, comments and $$ bodies. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      // block comments nest in PostgreSQL
      let depth = 0;
      do {
        const step = text.startsWith('/*', i) ? 1 : text.startsWith('*/', i) ? -1 : 0;
        depth += step;
        i += step ? 2 : 1;
      } while (depth > 0 && i < text.length);
    } else if (c === "'" && /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? '')) {
      // E'…' escape string: a backslash escapes the next character, '' is a quote
      i++;
      while (i < text.length && (text[i] !== "'" || text[i + 1] === "'")) i += text[i] === '\\' || text[i] === "'" ? 2 : 1;
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length;
      } else i++;
    } else if (c === ';') {
      out.push(text.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim().length > 0);
}
