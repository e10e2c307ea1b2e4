import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.ts';
import { createVault } from '../../src/platform/crypto.ts';
import type { Principal } from '../../src/platform/context.ts';
import { newId, isId, type IdPrefix } from '../../src/platform/ids.ts';
import { createServices } from '../../src/services.ts';
import { unwrap } from '../../src/platform/errors.ts';

/** One statement the app sent, as text + parameters, and what it was for. */
export interface Captured {
  label: string;
  op: 'earn' | 'balance';
  memberId: string;
  /** The Idempotency-Key of the purchase (earn statements only). */
  key: string | null;
  text: string;
  params: unknown[];
}

/**
 * A pg pool whose clients record every statement text + parameters sent through them:
 * the app's own services run on it, so what gets EXPLAINed is exactly what the server sends.
 */
function recordingPool(url: string, sink: { current: Omit<Captured, 'text' | 'params'>; out: Captured[] }) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const connect = async () => {
    const client = await pool.connect();
    return new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return (text: unknown, params?: unknown[]) => {
          if (typeof text === 'string' && !/^(begin|commit|rollback)/i.test(text)) sink.out.push({ ...sink.current, text, params: params ?? [] });
          return (target.query as (t: unknown, p?: unknown[]) => Promise<unknown>)(text, params);
        };
      },
    });
  };
  return { pool, connect, end: () => pool.end(), options: {} };
}

export interface CaptureTarget {
  url: string;
  secret: string;
  programId: string;
  storeId: string;
  members: { label: string; id: string }[];
}

/** Runs one purchase and one balance read per member through the app's services on a recording connection. */
export async function captureHotPath(t: CaptureTarget): Promise<Captured[]> {
  const sink: { current: Omit<Captured, 'text' | 'params'>; out: Captured[] } = { current: { label: '', op: 'earn', memberId: '', key: null }, out: [] };
  const rec = recordingPool(t.url, sink);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: rec as never }) });
  const services = createServices(db, 'postgres', createVault(t.secret));
  const actor: Principal = { keyId: 'bench-explain', name: 'bench explain', role: 'pos', programId: t.programId, storeId: t.storeId };
  await services.programs.settings(t.programId); // cached from here on, as in the server
  sink.out.length = 0;
  for (const m of t.members) {
    const key = `explain-${Date.now()}-${m.label}`;
    sink.current = { label: `earn (${m.label} member)`, op: 'earn', memberId: m.id, key };
    unwrap(await services.flows.recordPurchase(t.programId, { member_id: m.id, amount_fen: 12_345 }, actor, key));
    sink.current = { label: `balance (${m.label} member)`, op: 'balance', memberId: m.id, key: null };
    unwrap(await services.points.balance(t.programId, m.id));
  }
  await db.destroy();
  return sink.out;
}

/** Fresh ids and keys in place of the captured ones, so a write can run again (inside a rolled-back transaction). */
function remap(c: Captured, suffix: string): unknown[] {
  if (!c.key) return c.params;
  return c.params.map((p) => {
    if (p === c.key) return `${c.key}-${suffix}`;
    if (typeof p === 'string' && isId(p) && ['pur', 'lot', 'ent'].includes(p.slice(0, 3))) return newId(p.slice(0, 3) as IdPrefix);
    return p;
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of each captured statement inside a transaction that is rolled back; the plans as text. */
export async function explainCaptured(url: string, captured: Captured[]): Promise<string> {
  const out: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const c of captured) {
      let plan: string[] = [];
      // twice: the first warms the caches; the second is reported
      for (let i = 0; i < 2; i++) {
        await client.query('BEGIN');
        try {
          const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, remap(c, `x${i}`));
          plan = r.rows.map((x) => x['QUERY PLAN']);
        } catch (err) {
          // a rules write captured under load names a ledger version that has moved on since: it refuses (40001) by design
          plan = [`not explained: ${(err as Error).message}`];
        } finally {
          await client.query('ROLLBACK');
        }
      }
      out.push(`=== ${c.label}\n${c.text.replace(/\s+/g, ' ').trim()}\n--- params: ${JSON.stringify(c.params).slice(0, 400)}\n${plan.join('\n')}\n`);
    }
  } finally {
    await client.end();
  }
  return out.join('\n');
}

/** The planning and execution time of each plan, one line per statement. */
export function summariseExplain(text: string): string {
  const blocks = text.split(/^=== /m).filter(Boolean);
  return blocks.map((b) => {
    const label = b.split('\n')[0];
    const exec = /Execution Time: ([\d.]+) ms/.exec(b)?.[1];
    const planning = /Planning Time: ([\d.]+) ms/.exec(b)?.[1];
    const first = b.split('\n')[1]?.slice(0, 90);
    return `  ${label}: planning ${planning} ms, execution ${exec} ms — ${first}…`;
  }).join('\n');
}
