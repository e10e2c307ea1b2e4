// Segment sizes at 100,000 members: how long a size read, a live preview, a segment refresh
// and the whole segments job take on PostgreSQL. Members and a year of purchases are written
// by bulk SQL (not through the API); segments through the service.
//   node bench/segments.ts [--members 100000] [--purchases-per-member 10] [--url postgres://…/patron_seg_bench]
// It drops and recreates the database named in the URL.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { boot } from '../src/boot.ts';
import { SYSTEM } from '../src/platform/context.ts';
import { unwrap } from '../src/platform/errors.ts';
import type { TConditions } from '../src/modules/segments/index.ts';
import { adminQuery } from '../src/testing/postgres-admin.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    'purchases-per-member': { type: 'string', default: '10' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/patron_seg_bench' },
    repeat: { type: 'string', default: '5' },
  },
});
const N = Number(args.members);
const PER = Number(args['purchases-per-member']);
const REPEAT = Number(args.repeat);
const url = args.url!;
const dbName = new URL(url).pathname.slice(1);

await adminQuery(url, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await adminQuery(url, `CREATE DATABASE "${dbName}"`);
const { handle, services: s } = await boot({ databaseUrl: url, dataDir: '', secret: 'bench-secret', poolSize: 4 });
const db = s.ctx.db;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms`);
  return { ms, value };
}
/** The median of REPEAT runs (after one warm-up). */
async function median(label: string, fn: () => Promise<unknown>) {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(9)} ms  (median of ${REPEAT}, max ${ms.at(-1)!.toFixed(1)})`);
}

const program = await s.programs.create({ name: 'segments bench' });
const pid = program.id;
const tiers = await s.tiers.create(pid, [
  { code: 'standard', name: '普卡', rank: 1, reach_threshold: 0 }, { code: 'silver', name: '银卡', rank: 2, reach_threshold: 1 },
  { code: 'gold', name: '金卡', rank: 3, reach_threshold: 2 }, { code: 'diamond', name: '钻石卡', rank: 4, reach_threshold: 3 },
]);
const store = unwrap(await s.stores.create(pid, { code: 'S1', name: 'S1' }));
const phoneEnc = s.ctx.vault.encrypt('13800000000');

await timed(`insert ${N.toLocaleString('en-US')} members (SQL)`, () => sql`
  INSERT INTO members (program_id, id, member_no, phone_enc, phone_index, phone_last4, name, birthday, tier_id, status,
                       enrolled_store_id, created_at, marketing_consent_at)
  SELECT ${pid}, 'mem_' || lpad(i::text, 26, '0'), (20000000 + i)::text, ${phoneEnc}, md5(i::text), '0000', 'member ' || i,
         date '1960-01-01' + (hashint4(i) & 16383), (${sql.val(tiers.map((t) => t.id))}::text[])[1 + (i % 4)],
         CASE WHEN i % 50 = 0 THEN 'suspended' ELSE 'active' END, ${store.id},
         now() - make_interval(days => 30 + (hashint4(i + 7) & 1023)), CASE WHEN i % 3 = 0 THEN now() END
  FROM generate_series(1, ${N}) i`.execute(db));
await timed(`insert ${(N * PER).toLocaleString('en-US')} purchases over 400 days (SQL)`, () => sql`
  INSERT INTO purchases (program_id, member_id, id, store_id, amount_fen, occurred_at, points_earned, idempotency_key, request_hash)
  SELECT ${pid}, 'mem_' || lpad(i::text, 26, '0'), 'pur_' || i || '_' || k, ${store.id}, 1000 + (hashint4(i * 31 + k) & 65535),
         now() - make_interval(mins => (hashint4(i * 17 + k) & 2147483647) % (400 * 1440)), 0, i || '_' || k, ''
  FROM generate_series(1, ${N}) i, generate_series(1, (hashint4(i) & 15) % ${PER * 2} + 1) k`.execute(db));
await sql`ANALYZE`.execute(db);

const stats = await timed('segment_member_stats: every member\'s figures + RFM', async () => unwrap(await s.segments.refreshStats(pid)));
console.log(`  ${stats.value.members} members`);
const actor = { ...SYSTEM, keyId: 'bench', role: 'admin' as const, programId: pid };
const defs: [string, TConditions][] = [
  ['高价值会员 (RFM r≥4 f≥4 m≥4)', { status: { any_of: ['active'] }, rfm: { r: { min: 4 }, f: { min: 4 }, m: { min: 4 } } }],
  ['沉睡会员 (no purchase in 90 days)', { status: { any_of: ['active'] }, days_since_last_purchase: { min: 90 } }],
  ['本月生日 (birthday this month, consent)', { birthday_month: 'current', marketing_consent: true }],
  ['金卡及以上 (tiers gold, diamond)', { tiers: { any_of: [tiers[2]!.id, tiers[3]!.id] } }],
  ['spend ≥ ¥500 in 90 days and ≥ 3 visits in 180', { spend_fen: { window_days: 90, min: 50_000 }, visits: { window_days: 180, min: 3 } }],
];
const ids: string[] = [];
for (const [name, conditions] of defs) {
  const r = await timed(`create + first refresh: ${name}`, async () => unwrap(await s.segments.create(pid, { name, conditions }, actor, undefined)));
  console.log(`  size ${r.value.body.size}`);
  ids.push(r.value.body.id);
}
for (const [i, [name, conditions]] of defs.entries()) {
  await median(`preview (live size + 20 sample): ${name}`, async () => unwrap(await s.segments.preview(pid, conditions, 20)));
  await median(`size read (GET segment): ${name}`, async () => unwrap(await s.segments.get(pid, ids[i]!)));
  await median(`refresh (diff into segment_members): ${name}`, async () => unwrap(await s.segments.refresh(pid, ids[i]!)));
}
await median('list segments', () => s.segments.list(pid));
await median('sample of 20 members (GET …/members)', async () => unwrap(await s.segments.sample(pid, ids[0]!, 20)));
await median('segmentsAt (one member, 5 segments)', () => s.segments.segmentsAt(pid, 'mem_' + '1'.padStart(26, '0'), new Date(), ids));
await timed('whole job (stats + every segment)', async () => unwrap(await s.segments.run(pid)));
await handle.close();
await adminQuery(url, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
