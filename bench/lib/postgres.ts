import { join } from 'node:path';
import pg from 'pg';
import { run, which } from './proc.ts';

/** The URL of database `name` on the same server as the admin URL. */
export function dbUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops (disconnecting anyone left) and creates an empty database. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

export async function checkpoint(adminUrl: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query('CHECKPOINT'));
}

export interface WalStats {
  records: number;
  fpi: number;
  bytes: number;
}

/** pg_stat_wal (server-wide): WAL records, full-page images and bytes written so far. */
export async function walStats(adminUrl: string): Promise<WalStats> {
  return withClient(adminUrl, async (c) => {
    const r = await c.query<{ wal_records: string; wal_fpi: string; wal_bytes: string }>('SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal');
    const row = r.rows[0]!;
    return { records: Number(row.wal_records), fpi: Number(row.wal_fpi), bytes: Number(row.wal_bytes) };
  });
}

/** WAL per transaction between two readings, as one log fragment. */
export function walPer(a: WalStats, b: WalStats, count: number): string {
  const n = Math.max(count, 1);
  return `WAL per request: ${((b.bytes - a.bytes) / n).toFixed(0)} bytes, ${((b.records - a.records) / n).toFixed(1)} records, ${((b.fpi - a.fpi) / n).toFixed(2)} full-page images`;
}

export async function serverSettings(adminUrl: string): Promise<Record<string, string>> {
  return withClient(adminUrl, async (c) => {
    const names = ['server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections', 'max_wal_size', 'commit_delay', 'checkpoint_timeout'];
    const r = await c.query<{ name: string; setting: string; unit: string | null }>('SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)', [names]);
    return Object.fromEntries(r.rows.map((x) => [x.name, x.unit ? `${x.setting}${x.unit === '8kB' ? '×8kB' : x.unit}` : x.setting]));
  });
}

export function pgbenchPath(): string {
  const found = which('pgbench', ['/usr/lib/postgresql/15/bin']);
  if (!found) throw new Error('pgbench not found (it comes with PostgreSQL: /usr/lib/postgresql/15/bin/pgbench)');
  return found;
}

/** libpq environment for pgbench from a URL. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname || '127.0.0.1',
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username) || 'postgres',
    ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
    PGDATABASE: u.pathname.slice(1),
  };
}

/** `pgbench -i -s <scale>` in a database of its own (dropped and recreated first). */
export async function pgbenchInit(adminUrl: string, name: string, scale: number): Promise<void> {
  await recreateDatabase(adminUrl, name);
  const r = await run(pgbenchPath(), ['-i', '-q', '-s', String(scale)], { env: libpqEnv(dbUrl(adminUrl, name)) });
  if (r.code !== 0) throw new Error(`pgbench -i failed: ${r.stderr}`);
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
  failed: number;
  text: string;
}

/**
 * pgbench -c C -j J -T S -M <mode, default prepared> [-S] (or, with `extra`, those arguments
 * in place of "-M … [-S]"); tps is pgbench's "(without initial connection time)".
 */
export async function pgbench(adminUrl: string, name: string, o: { clients: number; jobs: number; seconds: number; selectOnly: boolean; mode?: string; extra?: string[]; onStart?: (pid: number) => void }): Promise<PgbenchResult> {
  const args = ['-c', String(o.clients), '-j', String(o.jobs), '-T', String(o.seconds), ...(o.extra ?? ['-M', o.mode ?? 'prepared', ...(o.selectOnly ? ['-S'] : [])])];
  const r = await run(pgbenchPath(), args, { env: libpqEnv(dbUrl(adminUrl, name)), onStart: o.onStart });
  if (r.code !== 0) throw new Error(`pgbench ${args.join(' ')} failed: ${r.stderr}`);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${r.stdout}`);
  const lat = /latency average = ([\d.]+) ms/.exec(r.stdout)?.[1];
  const failed = /number of failed transactions: (\d+)/.exec(r.stdout)?.[1];
  return { tps: Number(tps), latencyMs: lat ? Number(lat) : null, failed: Number(failed ?? 0), text: r.stdout };
}

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');
