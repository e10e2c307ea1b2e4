// What one rules purchase costs, without HTTP and wrk: purchases recorded through the
// workflow itself (services.flows.recordPurchase) by C concurrent callers, on the database
// the last `npm run bench` left behind (its program has the rules run's 20 rules by then),
// with the CPU PostgreSQL (every process of that database, and the shared ones) and this
// process spent per purchase. `--read` times the context read alone (planEarn, no write).
// Steadier than a full bench run on a shared machine, and quick enough to split the cost
// of a change (bench/README.md, eighth session). Usage:
//   node bench/probe-earn.ts [--read] [-n 3000] [-c 16] [--db postgres://…/patron_bench]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { createVault } from '../src/platform/crypto.ts';
import { isFailure } from '../src/platform/errors.ts';
import { createServices } from '../src/services.ts';
import { planEarn } from '../src/workflows/earn-by-rules.ts';

const { values: o } = parseArgs({
  options: {
    read: { type: 'boolean', default: false },
    n: { type: 'string', short: 'n', default: '3000' },
    c: { type: 'string', short: 'c', default: '16' },
    db: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/patron_bench' },
  },
});
const n = Number(o.n);
const callers = Number(o.c);
const dbName = new URL(o.db).pathname.slice(1);
const h = await openDatabase({ url: o.db, poolSize: callers });
const s = createServices(h.db, 'postgres', createVault('probe-earn-'.padEnd(32, 'x')));
const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(h.db)).rows[0]!;
const programId = (await one(sql<{ id: string }>`SELECT id FROM programs ORDER BY created_at DESC LIMIT 1`)).id;
const storeId = (await one(sql<{ id: string }>`SELECT id FROM stores WHERE program_id = ${programId} LIMIT 1`)).id;
const members = (await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${programId} AND status = 'active'`.execute(h.db)).rows.map((r) => r.id);
const settings = await s.programs.settings(programId);
if (isFailure(settings)) throw new Error('no program');
const actor = { keyId: 'probe-earn', name: 'probe-earn', role: 'pos' as const, programId, storeId };

// the baskets of bench/lua/earn.lua: two lines, random SKUs and categories
const categories = ['food', 'clothing', 'beauty', 'electronics', 'home', 'toys', 'giftcard', 'books'];
const rnd = (a: number, b: number) => a + Math.floor(Math.random() * (b - a + 1));
const basket = () => {
  const a = rnd(100, 100_000);
  const b = rnd(100, 100_000);
  return {
    member_id: members[rnd(0, members.length - 1)]!, amount_fen: a + b,
    lines: [{ sku: `SKU-${rnd(1, 50)}`, category: categories[rnd(0, 7)]!, quantity: 1, amount_fen: a },
      { sku: `SKU-${rnd(51, 99)}`, category: categories[rnd(0, 7)]!, quantity: 2, amount_fen: b }],
  };
};

/** CPU ticks (1/100 s) of PostgreSQL's processes working for dbName, and its shared ones (as bench/lib/cpu.ts counts them). */
function postgresTicks(): number {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (/\(\d+\)|\[local\]/.test(cmd) && !cmd.includes(` ${dbName} `)) continue;
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

let next = 0;
let round = 0;
let failed = 0;
const run = `${Date.now()}`;
async function caller() {
  for (let i = next++; i < n; i = next++) {
    const b = basket();
    if (o.read) {
      const plan = await planEarn(s, settings as Exclude<typeof settings, { code: string }>, {
        programId, memberId: b.member_id, storeId, occurredAt: new Date(), amountFen: b.amount_fen,
        lines: b.lines.map((l) => ({ ...l, discount_fen: 0 })),
      });
      if (isFailure(plan)) failed++;
    } else {
      const r = await s.flows.recordPurchase(programId, b, actor, `probe-${run}-${round}-${i}`);
      if (isFailure(r)) failed++;
    }
  }
}

// a first round warms the connections (statements prepared, caches filled); the second is measured
for (const measured of [false, true]) {
  next = 0;
  round++;
  const pg0 = postgresTicks();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, caller));
  if (!measured) continue;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${o.read ? 'context read' : 'rules purchase'}: ${n} by ${callers} callers in ${ms.toFixed(0)} ms (${(n / ms * 1000).toFixed(0)}/s); `
    + `CPU per ${o.read ? 'read' : 'purchase'}: postgres ${((postgresTicks() - pg0) * 10 / n).toFixed(3)} ms, this process ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms; failed ${failed}`);
}
await h.close();
