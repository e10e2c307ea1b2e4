import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { boot } from './boot.ts';
import type { Config } from './config.ts';
import { demoProgramId, seedDemo } from './demo/seed-demo.ts';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from './demo/seed-staff.ts';
import { tierJobsSettled } from './workflows/tiers/tier-table.ts';
import { startScheduler } from './modules/jobs/index.ts';
import { transportsFromEnv } from './modules/notifications/index.ts';

/** `patron serve`: database, migrations, demo data once, bootstrap key, API + console. */
export async function serve(config: Config, opts: { demo: boolean }) {
  const { handle, services, migration } = await boot(config);
  const keyFile = join(config.dataDir, 'bootstrap-key.txt');
  const boot_ = await services.apiKeys.ensureBootstrap(config.bootstrapKey);
  let bootstrapKey = boot_.key;
  if (boot_.created && !config.bootstrapKey) {
    // Kept beside the data so a restarted demo can print it again; set
    // PATRON_BOOTSTRAP_KEY in production instead.
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(keyFile, bootstrapKey + '\n', { mode: 0o600 });
  } else if (!bootstrapKey && existsSync(keyFile)) {
    bootstrapKey = readFileSync(keyFile, 'utf8').trim();
  }

  let demo = await demoProgramId(services);
  if (!demo && opts.demo) {
    console.log('Seeding the demo program (first start only)…');
    const r = await seedDemo(services);
    demo = r.programId;
    console.log(`  ${r.members} members, ${r.purchases} purchases, ${r.returns} returns`);
  }

  const app = await buildApp(services, {
    logger: { level: config.logLevel }, corsOrigins: config.corsOrigins, secureCookies: config.secureCookies, trustProxy: config.trustProxy,
    sessions: { idleMs: config.sessionIdleMinutes * 60_000, maxMs: config.sessionMaxHours * 3_600_000 },
  });
  // the log adapter writes what a dev or demo install would send to the server's log
  services.notifications.useTransports(transportsFromEnv(process.env, (line) => app.log.info(line)));
  const stopJobs = config.scheduler ? startScheduler(services.jobs, app.log, {
    evaluateTiers: () => services.flows.evaluateTiers(), sendBirthdayGreetings: () => services.flows.sendBirthdayGreetings(),
    runMemberships: () => services.flows.runMembershipsJob(),
    rewardReferrals: () => services.flows.rewardReferrals(),
    runRetention: () => services.flows.runRetention(),
    runNotify: () => services.notifications.run(),
    runSla: () => services.sla.run(),
    runSurveys: () => services.surveys.runSampling(),
  }) : () => {};
  // tier-table changes a stopped process left half done
  await services.flows.resumeTierTableJobs();
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  console.log(`
Patron is running on ${handle.kind === 'pglite' ? `embedded PGlite (${join(config.dataDir, 'pglite')})` : 'PostgreSQL'}, migration ${migration}
  Console:   ${base}/
  API docs:  ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Health:    ${base}/health
  Bootstrap admin API key: ${bootstrapKey ?? '(printed at first start; set PATRON_BOOTSTRAP_KEY to choose one)'}
${demo ? `  Demo program: ${demo}\n  Demo sign-in: ${DEMO_STAFF.map((a) => a.username).join(' / ')}, password ${DEMO_STAFF_PASSWORD} (one account per role; change them outside a demo)\n` : ''}`);

  const shutdown = async () => {
    stopJobs();
    await app.close();
    // a tier-table job mid-way finishes rather than being cut off (it would resume at the next start);
    // so does a coupon batch, whose remaining codes would otherwise never be made
    await Promise.all([tierJobsSettled(), services.coupons.batchesSettled()]);
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return app;
}
