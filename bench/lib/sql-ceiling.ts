import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Captured } from './explain.ts';
import { pgbench, type PgbenchResult } from './postgres.ts';

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * A captured parameter as SQL text: an untyped quoted literal, as pg sends parameters
 * (text, type unknown). pgbench takes any ":word" for a variable, so text with a colon is
 * spelled without one: instants as to_timestamp(epoch), other text base64-decoded.
 */
function literal(p: unknown): string {
  if (p === null || p === undefined) return 'NULL';
  if (p instanceof Date) return `to_timestamp(${p.getTime() / 1000})`;
  // an array as pg sends it (an array literal), any other object as JSON
  const text = Array.isArray(p) ? `{${p.map((x) => (x === null ? 'NULL' : `"${(x instanceof Date ? x.toISOString() : String(x)).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`
    : typeof p === 'object' ? JSON.stringify(p) : String(p);
  if (text.includes(':')) return `convert_from(decode('${Buffer.from(text).toString('base64')}', 'base64'), 'UTF8')`;
  return quote(text);
}

/**
 * The app's own statement (text captured from the app) as a pgbench script, so PostgreSQL
 * can be driven with exactly that SQL and no application in between:
 *  - the member is a random seeded one, found by member number in a MATERIALIZED CTE put in
 *    front (its id then replaces the member-id parameters);
 *  - purchase/lot/entry ids and the idempotency key are made unique per transaction;
 *  - every other parameter becomes an untyped literal.
 * Run with -M simple it is what the app does today (parse + plan per statement); with
 * -M prepared it shows what prepared statements would give.
 */
export function pgbenchScript(c: Captured, programId: string, memberNos: { from: number; to: number }): string {
  const unique = (prefix: string) => `(${quote(prefix)} || :client_id || '_' || :r)`;
  const expr = (p: unknown): string => {
    if (p === c.memberId) return '(SELECT id FROM bench_member)';
    if (c.key && p === c.key) return unique('pgbench-');
    if (typeof p === 'string' && /^(pur|lot|ent)_[0-9A-Z]{26}$/.test(p)) return unique(p.slice(0, 4));
    return literal(p);
  };
  const body = c.text.trim().replace(/\$(\d+)/g, (_, n: string) => expr(c.params[Number(n) - 1]));
  const member = `bench_member AS MATERIALIZED (SELECT id FROM members WHERE program_id = ${quote(programId)} AND member_no = (:n)::text)`;
  const sql = /^WITH\s/i.test(body) ? body.replace(/^WITH\s/i, `WITH ${member}, `) : `WITH ${member} ${body}`;
  return [
    `\\set n random(${memberNos.from}, ${memberNos.to})`,
    '\\set r random(1, 999999999999999)',
    `${sql.replace(/\s+/g, ' ')};`,
    '',
  ].join('\n');
}

export interface CeilingResult {
  op: 'earn' | 'balance';
  simple: PgbenchResult;
  prepared: PgbenchResult;
}

/** pgbench -n -f <the app's statement> with -M simple and -M prepared, same load shape as the rest of the bench. */
export async function sqlCeiling(o: { adminUrl: string; db: string; outDir: string; captured: Captured[]; programId: string; memberNos: { from: number; to: number };
  clients: number; jobs: number; seconds: number; onResult?: (line: string) => void }): Promise<CeilingResult[]> {
  const results: CeilingResult[] = [];
  for (const op of ['earn', 'balance'] as const) {
    const c = o.captured.find((x) => x.op === op && /^(WITH|SELECT)/i.test(x.text.trim()) && !/from "programs"/i.test(x.text));
    if (!c) continue;
    const file = join(o.outDir, `pgbench-${op}.sql`);
    writeFileSync(file, pgbenchScript(c, o.programId, o.memberNos));
    const run = (mode: 'simple' | 'prepared') => pgbench(o.adminUrl, o.db, { clients: o.clients, jobs: o.jobs, seconds: o.seconds, selectOnly: false, extra: ['-n', '-f', file, '-M', mode] });
    const simple = await run('simple');
    o.onResult?.(`${op} statement alone, pgbench -M simple (parse + plan every time, as the app does): ${simple.tps.toFixed(1)} tps, failed ${simple.failed}`);
    const prepared = await run('prepared');
    o.onResult?.(`${op} statement alone, pgbench -M prepared: ${prepared.tps.toFixed(1)} tps, failed ${prepared.failed}`);
    results.push({ op, simple, prepared });
  }
  return results;
}
