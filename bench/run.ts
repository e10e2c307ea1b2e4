/**
 * `npm run bench [-- options]`: Patron under load over HTTP (wrk), next to pgbench on the
 * same PostgreSQL with the same load shape. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { balanceViaApi, purchaseViaApi, setUpProgram, setUpRules, type BenchProgram } from './lib/api.ts';
import { parseOptions, type BenchOptions, type PgbenchSetup } from './lib/args.ts';
import { cpuMeter, formatCpu, type CpuSplit } from './lib/cpu.ts';
import { captureHotPath, explainCaptured, summariseExplain } from './lib/explain.ts';
import { formatWaits, sampleWaits } from './lib/pg-waits.ts';
import { checkpoint, dbUrl, pgbench, pgbenchInit, recreateDatabase, RESULTS_DIR, serverSettings, walPer, walStats, withClient } from './lib/postgres.ts';
import { checkBalance, counts, enrolOne, openApp, seedCoupons, seedHotMember, seedMembers, vacuumAnalyze, type SeedTarget } from './lib/seed.ts';
import { sqlCeiling, type CeilingResult } from './lib/sql-ceiling.ts';
import { freePort, startServer, type RunningServer, type ServerEnv } from './lib/server.ts';
import { ensureWrk, runWrk, type Script, type WrkResult } from './lib/wrk.ts';
import { formatSummary, summarise } from './profile-summary.ts';

const APP_DB = 'patron_bench';
/** Rows per member-keyed index for the tail member: a few leaf pages' worth. */
const TAIL_ENTRIES = 3_000;
const PGBENCH_DB = 'patron_pgbench';
const EMBEDDED_TARGET_TPS = 400;

interface Phase extends WrkResult {
  name: string;
  cpu: CpuSplit;
}

const opts: BenchOptions = parseOptions(process.argv.slice(2));
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const outDir = join(RESULTS_DIR, `${stamp}${opts.embedded ? '-embedded' : ''}${opts.experiments.map((x) => `-${x}`).join('')}${opts.pool ? `-pool${opts.pool}` : ''}`);
mkdirSync(outDir, { recursive: true });
const logFile = join(outDir, 'run.log');
const t0 = Date.now();

function log(msg: string) {
  const line = `[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`;
  console.log(line);
  appendFileSync(logFile, line + '\n');
}
const detail = (msg: string) => appendFileSync(logFile, msg + '\n');

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);

/** CPU milliseconds per request from a "% of one core" figure over a run. */
const perRequest = (pctOfCore: number, seconds: number, requests: number) => ((pctOfCore / 100) * seconds * 1000 / Math.max(requests, 1)).toFixed(3);

let server: RunningServer | undefined;
process.once('SIGINT', () => {
  void server?.stop().finally(() => process.exit(130));
});

async function main() {
  const wrk = await ensureWrk();
  const secret = randomBytes(32).toString('base64url');
  const bootstrapKey = `pk_boot_bench_${randomBytes(16).toString('hex')}`;
  const port = opts.port ?? (await freePort());
  const runTag = randomBytes(4).toString('hex');
  const dataDir = opts.embedded ? mkdtempSync(join(tmpdir(), 'patron-bench-')) : join(outDir, 'data');
  const appUrl = opts.embedded ? undefined : dbUrl(opts.pgUrl, APP_DB);
  const env: ServerEnv = { port, databaseUrl: appUrl, dataDir: opts.embedded ? dataDir : undefined, secret, bootstrapKey, poolSize: opts.pool };
  const target: SeedTarget = { databaseUrl: appUrl, dataDir, secret };

  log(`Patron bench ${opts.embedded ? 'embedded (PGlite)' : 'PostgreSQL'}: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ` +
    `${opts.members} members, ${opts.duration} s per run (+${opts.warmup} s warm-up), wrk -t${opts.threads} -c${opts.connections}` +
    `${opts.pool ? `, PG_POOL_SIZE=${opts.pool}` : ''}${opts.experiments.length ? `, experiments: ${opts.experiments.join(',')}` : ''}; results in ${outDir}`);
  if (!opts.embedded) {
    log(`PostgreSQL: ${JSON.stringify(await serverSettings(opts.pgUrl))}`);
    await recreateDatabase(opts.pgUrl, APP_DB);
  }

  const serverLog = join(outDir, 'server.log');
  // Set-up and seeding always go through the app; with --experiment bare the load runs then
  // hit the bare server instead.
  let loadStage = false;
  const start = (profDir?: string) => startServer(env, { logFile: serverLog, cpuProfDir: profDir, experiments: loadStage ? opts.experiments : opts.experiments.filter((x) => x !== 'bare') });
  server = await start();
  const prog: BenchProgram = await setUpProgram(server.base, bootstrapKey);
  log(`program ${prog.programId}, store ${prog.storeId} (set up through the API)`);
  // PGlite lives inside the server process: stop it while this process seeds the same folder.
  if (opts.embedded) await server.stop();

  // ---- seed -----------------------------------------------------------------------------
  const app = await openApp(target);
  const seedStart = Date.now();
  let lastShown = 0;
  const memberIds = await seedMembers(app, prog.programId, opts.members, (done) => {
    if (done - lastShown >= opts.members / 10 || done === opts.members) {
      lastShown = done;
      log(`  seeded ${done} members (${f1((done / (Date.now() - seedStart)) * 1000)}/s)`);
    }
  });
  const hotId = await enrolOne(app, prog.programId, '13600000000', 'hot member');
  const hotStart = Date.now();
  await seedHotMember(app, prog.programId, prog.storeId, hotId, opts.hotEntries);
  const hot = await checkBalance(app, prog.programId, hotId);
  log(`hot member ${hotId}: ${hot.entries} ledger entries, balance ${hot.balance} = sum of its open lots (${f1((Date.now() - hotStart) / 1000)} s)`);
  const newId = await enrolOne(app, prog.programId, '13700000000', 'new member');
  // The member enrolled last owns the right-hand end of every index keyed by member, where
  // PostgreSQL inserts through its rightmost-page fast path and splits pages 90/10. A tail
  // member after the new one, with enough rows to fill several leaf pages of each of those
  // indexes, takes that place: the new member's writes then land inside the indexes, as
  // the hot member's do.
  const tailId = await enrolOne(app, prog.programId, '13700000001', 'tail member');
  await seedHotMember(app, prog.programId, prog.storeId, tailId, TAIL_ENTRIES, 'tail');
  await checkBalance(app, prog.programId, tailId);
  await vacuumAnalyze(app);
  const c = await counts(app, prog.programId);
  if (c.members !== opts.members + 3 || c.balances !== c.members) throw new Error(`seeding: ${c.members} members, ${c.balances} balance rows`);
  await app.handle.close();
  log(`seeded in ${f1((Date.now() - seedStart) / 1000)} s; VACUUM ANALYZE done`);

  if (opts.embedded) server = await start();
  const smoke = await purchaseViaApi(server.base, prog.posKey, prog.programId, memberIds[0]!, `${runTag}-smoke`);
  const bal = await balanceViaApi(server.base, prog.posKey, prog.programId, memberIds[0]!);
  if (bal.available + bal.pending !== smoke.points_earned) throw new Error(`smoke: earned ${smoke.points_earned}, balance ${JSON.stringify(bal)}`);
  log(`smoke test ok: one purchase earned ${smoke.points_earned} points, the balance read shows them`);
  loadStage = true;
  if (opts.experiments.includes('bare')) {
    await server.stop();
    server = await start();
    const s2 = await purchaseViaApi(server.base, prog.posKey, prog.programId, memberIds[0]!, `${runTag}-smoke-bare`);
    const b2 = await balanceViaApi(server.base, prog.posKey, prog.programId, memberIds[0]!);
    if (b2.available + b2.pending !== smoke.points_earned + s2.points_earned) throw new Error(`bare smoke: balance ${JSON.stringify(b2)}`);
    log('--experiment bare: the load runs hit bench/experiments/bare.ts (smoke test ok)');
  }

  const idsFile = join(outDir, 'members.txt');
  writeFileSync(idsFile, memberIds.join('\n') + '\n');
  const hotFile = join(outDir, 'hot.txt');
  writeFileSync(hotFile, hotId + '\n');
  const newFile = join(outDir, 'new.txt');
  writeFileSync(newFile, newId + '\n');

  // ---- load -----------------------------------------------------------------------------
  // the coupon runs walk the codes file: each wrk run starts past the codes the runs before could have used
  let couponStart = 0;
  const scriptArgs = (file: string, tag: string, script: Script) =>
    script === 'balance' ? [file, prog.programId, prog.posKey]
      : script === 'coupon' ? [file, prog.programId, prog.posKey, tag, String(couponStart), String(opts.threads)]
        : [file, prog.programId, prog.posKey, tag];
  const used = (script: Script, r: WrkResult) => { if (script === 'coupon') couponStart += r.requests; };

  let loadEndedAt = 0;
  async function load(name: string, script: Script, file: string, profileWaits = false, seconds = opts.duration, warmup = opts.warmup): Promise<Phase> {
    const base = { wrk, script, url: server!.base, threads: opts.threads, connections: opts.connections };
    if (warmup > 0) used(script, await runWrk({ ...base, seconds: opts.warmup, scriptArgs: scriptArgs(file, `${runTag}-${name}-w`, script) }));
    if (!opts.embedded) await checkpoint(opts.pgUrl);
    const wal0 = appUrl ? await walStats(opts.pgUrl) : undefined;
    const meter = cpuMeter(server!.pid, opts.embedded ? undefined : APP_DB);
    const waits = profileWaits && appUrl ? sampleWaits(opts.pgUrl, APP_DB) : undefined;
    const r = await runWrk({ ...base, seconds, scriptArgs: scriptArgs(file, `${runTag}-${name}`, script), onStart: (pid) => meter.setLoad(pid) });
    loadEndedAt = Date.now();
    used(script, r);
    const cpu = meter.stop();
    const wal1 = appUrl ? await walStats(opts.pgUrl) : undefined;
    const w = await waits?.stop();
    log(`${name}: ${f1(r.rps)}/s, p50 ${f2(r.p50Ms)} ms, p99 ${f2(r.p99Ms)} ms, max ${f2(r.maxMs)} ms, ${r.requests} requests, non-2xx ${r.non2xx}, socket errors ${r.socketErrors}`);
    log(`  ${formatCpu(cpu, 'wrk')}; CPU per request: server ${perRequest(cpu.server, r.durationS, r.requests)} ms, postgres ${perRequest(cpu.postgres, r.durationS, r.requests)} ms`);
    if (wal0 && wal1) log(`  ${walPer(wal0, wal1, r.requests)} (server-wide)`);
    if (r.firstError) log(`  first non-2xx: ${r.firstError}`);
    if (w) log(formatWaits(w));
    detail(`--- wrk output (${name})\n${r.text}`);
    return { ...r, name, cpu };
  }

  /** In --profile mode, each random-member load runs on a fresh server under --cpu-prof. */
  async function profiled(name: string, script: Script, loadFile = idsFile): Promise<Phase> {
    if (!opts.profile) return load(name, script, loadFile);
    const profDir = join(outDir, `prof-${name}`);
    await server!.stop();
    server = await start(profDir);
    const r = await load(name, script, loadFile, true);
    await server.stop();
    // count only the measured run: the profile ends when the server exits, a moment after wrk
    const tail = (Date.now() - loadEndedAt) / 1000;
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      const text = formatSummary(summarise(JSON.parse(readFileSync(join(profDir, file), 'utf8')), { lastSeconds: opts.duration, skipTailSeconds: tail }), 40);
      writeFileSync(join(outDir, `profile-${name}.txt`), text + '\n');
      log(`CPU profile of the server during ${name} (${join(profDir, file)}):\n${text}`);
    }
    server = await start();
    return r;
  }

  const earn = await profiled('earn', 'earn');
  const balance = await profiled('balance', 'balance');
  // Coupons at the POS: validate and consume, one coupon per member and more (spread over
  // the members) so that no code is used twice in the runs' time at 1.5 × the earn rate.
  if (opts.embedded) await server.stop();
  const seeded = await openApp(target);
  const couponT0 = Date.now();
  const couponCount = Math.max(opts.members, Math.ceil(earn.rps * 1.5 * (opts.duration + opts.warmup)));
  const codes = await seedCoupons(seeded, prog.programId, memberIds, couponCount);
  await seeded.handle.close();
  const codesFile = join(outDir, 'coupons.txt');
  writeFileSync(codesFile, codes.join('\n') + '\n');
  log(`coupon run: ${codes.length} coupons issued to ${Math.min(codes.length, memberIds.length)} members through the coupons service (${f1((Date.now() - couponT0) / 1000)} s)`);
  if (opts.embedded) server = await start();
  const coupon = await profiled('coupon', 'coupon', codesFile);
  // The same members, server and baskets, now under 20 earning rules and the program's
  // caps: each purchase is read, judged by the engine and written (earn-by-rules.ts).
  const ruleCount = await setUpRules(server.base, prog, opts.rulesWithout);
  log(`rules run: ${ruleCount} earning rules in force, a per-member daily cap, gift cards excluded${opts.rulesWithout.length ? `; without: ${opts.rulesWithout.join(', ')}` : ''}`);
  const rulesEarn = await profiled('rules-earn', 'earn');

  let hotEarn: Phase | undefined;
  let newEarn: Phase | undefined;
  let hotBalance: Phase | undefined;
  let newBalance: Phase | undefined;
  /**
   * New vs hot member, the same time each, in the order new, hot, hot, new, new, hot, hot,
   * new (legs of --duration/4): drift in the background load of a shared machine then
   * weighs on both alike, and one slow leg weighs a quarter, not half, of a member's rate.
   * First each member gets a leg that is logged but not counted: the first leg after the
   * random-member runs came out 10-30 % slower than the rest in most runs, despite a 3 s
   * warm-up, and the order always put it on the new member.
   */
  async function abba(script: 'earn' | 'balance'): Promise<[Phase, Phase]> {
    const leg = Math.max(1, Math.round(opts.duration / 4));
    const files = { new: newFile, hot: hotFile };
    for (const who of ['new', 'hot'] as const) await load(`${script}-${who}-member-settle`, script, files[who], false, leg);
    const legs: Record<'new' | 'hot', Phase[]> = { new: [], hot: [] };
    for (const who of ['new', 'hot', 'hot', 'new', 'new', 'hot', 'hot', 'new'] as const) {
      legs[who].push(await load(`${script}-${who}-member-${legs[who].length + 1}`, script, files[who], false, leg, 0));
    }
    const join = (name: string, all: Phase[]): Phase => {
      const requests = all.reduce((t, p) => t + p.requests, 0);
      const durationS = all.reduce((t, p) => t + p.durationS, 0);
      const cpu = Object.fromEntries(Object.keys(all[0]!.cpu).map((k) => [k, all.reduce((t, p) => t + p.cpu[k as keyof CpuSplit], 0) / all.length])) as unknown as CpuSplit;
      const most = (f: (p: Phase) => number) => Math.max(...all.map(f));
      return { ...all[0]!, name, cpu, requests, durationS, rps: requests / durationS, p50Ms: most((p) => p.p50Ms), p99Ms: most((p) => p.p99Ms), maxMs: most((p) => p.maxMs),
        non2xx: all.reduce((t, p) => t + p.non2xx, 0), socketErrors: all.reduce((t, p) => t + p.socketErrors, 0), timeouts: all.reduce((t, p) => t + p.timeouts, 0),
        firstError: all.find((p) => p.firstError)?.firstError ?? null };
    };
    return [join(`${script}-new-member`, legs.new), join(`${script}-hot-member`, legs.hot)];
  }
  if (!opts.skipHot) {
    if (!opts.embedded) {
      // The random-member runs just inserted tens of thousands of rows: autovacuum would
      // start on those tables at some moment of the next runs and weigh on whichever
      // member's legs it lands in. Done now, it weighs on neither.
      const t0 = Date.now();
      await withClient(dbUrl(opts.pgUrl, APP_DB), (c) => c.query('VACUUM ANALYZE'));
      log(`VACUUM ANALYZE before the hot/new runs (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    [newEarn, hotEarn] = await abba('earn');
    [newBalance, hotBalance] = await abba('balance');
  }

  await server.stop();
  server = undefined;

  // ---- --profile: the app's SQL on its own ------------------------------------------------
  let ceiling: CeilingResult[] | undefined;
  if (opts.profile && appUrl) {
    const captured = await captureHotPath({ url: appUrl, secret, programId: prog.programId, storeId: prog.storeId,
      members: [{ label: 'new', id: newId }, { label: 'hot', id: hotId }, { label: 'random', id: memberIds[1]! }] });
    const plans = await explainCaptured(appUrl, captured);
    writeFileSync(join(outDir, 'explain.txt'), plans);
    log(`EXPLAIN (ANALYZE, BUFFERS) of what the server sends (full plans in ${join(outDir, 'explain.txt')}):\n${summariseExplain(plans)}`);
    ceiling = await sqlCeiling({ adminUrl: opts.pgUrl, db: APP_DB, outDir, captured: captured.filter((c) => c.label.includes('random')), programId: prog.programId,
      memberNos: { from: 10_000_001, to: 10_000_000 + opts.members }, clients: opts.connections, jobs: opts.threads, seconds: opts.duration, onResult: log });
  }

  // ---- after the load: the ledger rule still holds --------------------------------------
  const after = await openApp(target);
  for (const id of [hotId, newId, ...memberIds.slice(0, 50)]) await checkBalance(after, prog.programId, id);
  await after.handle.close();
  log('after the load: stored balance = sum of open lots for the hot, the new and 50 seeded members');
  if (opts.embedded) rmSync(dataDir, { recursive: true, force: true });

  // ---- pgbench ----------------------------------------------------------------------------
  // The ratios use pgbench as it comes (-i at scale 1, simple protocol): the issue names the
  // load shape and the built-in scripts, nothing more. The stricter setup (more branch rows,
  // prepared statements) runs too and is printed beside it.
  const pgbenchSet = async (set: PgbenchSetup) => {
    const label = `scale ${set.scale}, -M ${set.mode}`;
    log(`pgbench -i -s ${set.scale} in database ${PGBENCH_DB}…`);
    await pgbenchInit(opts.pgUrl, PGBENCH_DB, set.scale);
    const bench = async (selectOnly: boolean) => {
      const name = selectOnly ? 'pgbench-select-only' : 'pgbench-tpcb-like';
      const shape = { clients: opts.connections, jobs: opts.threads, selectOnly, mode: set.mode };
      if (opts.warmup > 0) await pgbench(opts.pgUrl, PGBENCH_DB, { ...shape, seconds: opts.warmup });
      await checkpoint(opts.pgUrl);
      const wal0 = await walStats(opts.pgUrl);
      const meter = cpuMeter(undefined, PGBENCH_DB);
      const r = await pgbench(opts.pgUrl, PGBENCH_DB, { ...shape, seconds: opts.duration, onStart: (pid) => meter.setLoad(pid) });
      const cpu = meter.stop();
      const wal1 = await walStats(opts.pgUrl);
      log(`${name} (${label}; -c ${opts.connections} -j ${opts.threads} -T ${opts.duration}${selectOnly ? ' -S' : ''}): ${f1(r.tps)} tps, latency avg ${r.latencyMs} ms, failed ${r.failed}`);
      log(`  ${formatCpu(cpu, 'pgbench')}; CPU per transaction: postgres ${perRequest(cpu.postgres, opts.duration, r.tps * opts.duration)} ms, pgbench ${perRequest(cpu.load, opts.duration, r.tps * opts.duration)} ms`);
      log(`  ${walPer(wal0, wal1, r.tps * opts.duration)} (server-wide)`);
      detail(`--- pgbench output (${name}, ${label})\n${r.text}`);
      return r;
    };
    return { set, label, tpcb: await bench(false), select: await bench(true) };
  };
  let main: Awaited<ReturnType<typeof pgbenchSet>> | undefined;
  let also: Awaited<ReturnType<typeof pgbenchSet>> | undefined;
  if (!opts.embedded && !opts.skipPgbench) {
    main = await pgbenchSet(opts.pgbench);
    if (opts.pgbenchAlso) also = await pgbenchSet(opts.pgbenchAlso);
  }
  const tpcb = main?.tpcb;
  const select = main?.select;

  // ---- report -----------------------------------------------------------------------------
  const non2xx = [earn, balance, coupon, rulesEarn, hotEarn, newEarn, hotBalance, newBalance].reduce((s, p) => s + (p?.non2xx ?? 0) + (p?.socketErrors ?? 0), 0);
  const results = {
    date: new Date().toISOString(), mode: opts.embedded ? 'pglite' : 'postgres', cores: cpus().length, options: opts,
    earn, balance, coupon, rulesEarn, hotEarn, newEarn, hotBalance, newBalance,
    pgbench: { tpcb, select, setup: main?.set }, pgbenchAlso: also && { tpcb: also.tpcb, select: also.select, setup: also.set }, ceiling,
  };
  for (const p of [earn, balance, coupon, rulesEarn, hotEarn, newEarn, hotBalance, newBalance]) if (p) p.text = '';
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const lines: string[] = [];
  if (hotEarn && newEarn && hotBalance && newBalance) {
    lines.push(`hot member (${hot.entries} ledger entries) vs new member: hot_earn_tps=${f1(hotEarn.rps)} new_earn_tps=${f1(newEarn.rps)} hot_vs_new_ratio=${f3(hotEarn.rps / newEarn.rps)} ` +
      `hot_balance_rps=${f1(hotBalance.rps)} new_balance_rps=${f1(newBalance.rps)} hot_vs_new_balance_ratio=${f3(hotBalance.rps / newBalance.rps)}`);
  }
  if (non2xx > 0) lines.push(`WARNING: ${non2xx} non-2xx answers or socket errors during the load (target: 0); see ${logFile}`);
  const rulesRatio = rulesEarn.rps / earn.rps;
  const head = `earn_tps=${f1(earn.rps)} earn_p99_ms=${f2(earn.p99Ms)} balance_rps=${f1(balance.rps)} balance_p99_ms=${f2(balance.p99Ms)}`;
  const rulesTail = ` rules_earn_tps=${f1(rulesEarn.rps)} rules_ratio=${f3(rulesRatio)} coupon_tps=${f1(coupon.rps)} coupon_p99_ms=${f2(coupon.p99Ms)} coupon_vs_earn=${f3(coupon.rps / earn.rps)}`;
  if (opts.embedded) {
    lines.push(`targets: earn ≥ ${EMBEDDED_TARGET_TPS}/s ${earn.rps >= EMBEDDED_TARGET_TPS ? 'met' : 'NOT met'}` +
      (hotEarn && newEarn ? `; hot within 10% of new ${Math.abs(hotEarn.rps / newEarn.rps - 1) <= 0.1 ? 'met' : 'NOT met'}` : ''));
    lines.push(`${head} earn_target_tps=${EMBEDDED_TARGET_TPS} earn_vs_target=${f3(earn.rps / EMBEDDED_TARGET_TPS)}${rulesTail}`);
  } else if (tpcb && select) {
    const earnRatio = earn.rps / tpcb.tps;
    const balanceRatio = balance.rps / select.tps;
    if (also) {
      lines.push(`stricter pgbench (${also.label}): pgbench_tpcb_tps=${f1(also.tpcb.tps)} pgbench_select_tps=${f1(also.select.tps)} ` +
        `earn_ratio=${f3(earn.rps / also.tpcb.tps)} balance_ratio=${f3(balance.rps / also.select.tps)}`);
    }
    lines.push(`targets (pgbench ${main!.label}): earn_ratio ≥ 1.0 ${earnRatio >= 1 ? 'met' : 'NOT met'}; balance_ratio ≥ 0.4 ${balanceRatio >= 0.4 ? 'met' : 'NOT met'}; rules_ratio ≥ 0.8 ${rulesRatio >= 0.8 ? 'met' : 'NOT met'}; coupon_vs_earn ≥ 0.8 ${coupon.rps / earn.rps >= 0.8 ? 'met' : 'NOT met'}; non-2xx = 0 ${non2xx === 0 ? 'met' : 'NOT met'}` +
      (hotEarn && newEarn ? `; hot within 10% of new ${Math.abs(hotEarn.rps / newEarn.rps - 1) <= 0.1 ? 'met' : 'NOT met'}` : ''));
    lines.push(`${head} pgbench_tpcb_tps=${f1(tpcb.tps)} pgbench_select_tps=${f1(select.tps)} earn_ratio=${f3(earnRatio)} balance_ratio=${f3(balanceRatio)}${rulesTail}`);
  } else {
    lines.push(head + rulesTail);
  }
  for (const l of lines) detail(l);
  appendFileSync(join(RESULTS_DIR, 'history.jsonl'), JSON.stringify({ dir: outDir, last: lines.at(-1), hotNew: lines.find((l) => l.startsWith('hot member')) }) + '\n');
  console.log(lines.join('\n'));
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  await server?.stop().catch(() => {});
  process.exit(1);
});
