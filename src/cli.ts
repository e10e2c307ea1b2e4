#!/usr/bin/env node
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { boot, indexKeyFor } from './boot.ts';
import { KeyConfigError } from './platform/crypto.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { importCommand } from './workflows/imports/index.ts';
import { calendarCommand } from './cli.calendar.ts';
import { isDate } from './platform/time.ts';
import { serve } from './server.ts';
import { isFailure, type Result } from './platform/errors.ts';
import { SYSTEM } from './platform/context.ts';
import type { Services } from './services.ts';

const program = new Command('patron').description('Patron membership and loyalty platform');
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    // a setting that cannot be used: the operator's to fix, said plainly
    if (!(err instanceof ConfigError)) throw err;
    console.error(`error: ${err.message}`);
    process.exit(1);
  }
})();
// who the audit log names for what is done from the command line
const CLI_ACTOR = { id: 'cli', name: `cli:${userInfo().username}`, role: 'cli' };

program.command('serve').description('serve the API and console (PGlite in ./data, or DATABASE_URL)')
  .option('--no-demo', 'do not seed the demo program on first start')
  .action(async (o: { demo: boolean }) => {
    await serve(config, { demo: o.demo && process.env.PATRON_DEMO !== 'off' });
  });

program.command('migrate').description('apply database migrations').action(async () => {
  const { handle, migration } = await boot(config);
  console.log(`migrated to ${migration} (${handle.kind})`);
  await handle.close();
});

program.command('seed-demo').description('create a demo program with members, purchases and returns').action(async () => {
  const { handle, services } = await boot(config);
  const r = await seedDemo(services);
  console.log(`demo program ${r.programId}: ${r.members} members, ${r.purchases} purchases, ${r.returns} returns`);
  console.log(`admin key: ${r.adminKey}\npos key:   ${r.posKey}`);
  await handle.close();
});

type JobOptions = { asOf?: string; program?: string; campaign?: string; dryRun?: boolean };
// Each job the CLI runs, by name: the names in the help and the check come from here.
const JOBS: Record<string, (s: Services, o: JobOptions) => Promise<unknown>> = {
  expiry: (s, o) => s.jobs.runExpiry({ programId: o.program, asOf: o.asOf }),
  release: (s) => s.jobs.runRelease(),
  tiers: (s, o) => s.flows.evaluateTiers({ programId: o.program, asOf: o.asOf }),
  segments: (s, o) => s.jobs.runSegments({ programId: o.program }),
  birthdays: (s, o) => s.flows.sendBirthdayGreetings({ programId: o.program, asOf: o.asOf }),
  memberships: (s, o) => s.flows.runMembershipsJob({ programId: o.program, asOf: o.asOf }),
  'campaign-award': async (s, o) => {
    const started = await s.flows.startCampaignAward(o.program!, o.campaign!, SYSTEM);
    return isFailure(started) ? started : started.done;
  },
  referrals: (s, o) => s.flows.rewardReferrals({ programId: o.program, asOf: o.asOf }),
  // 定期清理过时信息: what is past each retention period as of the day, deleted or anonymised (counted only with --dry-run)
  // the notification relay and sender once (the scheduler runs it every minute)
  notify: (s, o) => s.notifications.run({ programId: o.program }),
  // SLA warnings, breaches and escalations as of now (the scheduler runs it every minute; lock 7_013)
  sla: (s, o) => s.sla.run({ programId: o.program }),
  // the NPS rounds that are due: a random sample of consenting members each, none within its recontact period (lock 7_014)
  surveys: (s, o) => s.surveys.runSampling({ programId: o.program }),
  retention: (s, o) => s.flows.runRetention({ programId: o.program, asOf: o.asOf, dryRun: o.dryRun }),
};
const known = Object.keys(JOBS);

const jobs = program.command('jobs').description('scheduled jobs');
jobs.command('run').argument('<job>', known.join(' | '))
  .option('--as-of <date>', 'expiry: local day to close (default yesterday); tiers: the day to evaluate as, birthdays: the day to greet (default today), memberships: the day to expire and notify as (default today), referrals: judge return windows ended by this day (default today)')
  .option('--program <id>', 'one program only (campaign-award: the campaign\'s program)')
  .option('--campaign <id>', 'campaign-award: the award campaign')
  .option('--dry-run', 'retention: count what is past its period, change nothing')
  .action((job: string, o: JobOptions) => runJob(job, o));

program.command('retention').description('delete or anonymise what is past its retention period (定期清理过时信息), per program, and record the run')
  .option('--program <id>', 'one program only')
  .option('--as-of <date>', 'the local day to judge periods as of (default today)')
  .option('--dry-run', 'count only, change nothing')
  .action((o: JobOptions) => runJob('retention', o));

async function runJob(job: string, o: JobOptions) {
  if (o.asOf && !isDate(o.asOf)) program.error(`--as-of must be a date YYYY-MM-DD, got ${o.asOf}`);
  if (!known.includes(job)) program.error(`unknown job ${job}: expected ${known.join(', ')}`);
  if (job === 'campaign-award' && (!o.program || !o.campaign)) program.error('campaign-award needs --program and --campaign');
  const { handle, services } = await boot(config);
  const result = (await JOBS[job]!(services, o)) as Result<unknown>;
  if (isFailure(result)) {
    console.error(`error: ${result.message}${result.field ? ` (${result.field})` : ''}`);
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify(result, null, 2));
    await services.audit.append({
      chain: o.program ?? 'system', actor: CLI_ACTOR, action: `cli: jobs run ${job}`, summary: `Ran the ${job} job from the command line${o.asOf ? ` as of ${o.asOf}` : ''}${o.dryRun ? ' (dry run)' : ''}`,
      entity: 'jobs', request: o, after: result,
    });
  }
  await handle.close();
}

const REASON = {
  hash: 'its content does not match its hash (altered)',
  link: 'it does not follow the record before (one removed or inserted)',
  gap: 'a record is missing',
  head: 'the newest records were removed',
} as const;
program.command('audit').description('the audit log').command('verify')
  .description('check every audit chain (or one program\'s) from its first record; exit 1 at the first broken link')
  .option('--program <id>', 'one program\'s chain only')
  .action(async (o: { program?: string }) => {
    const { handle, services } = await boot(config);
    let broken = false;
    for (const chain of o.program ? [o.program] : await services.audit.chains()) {
      const r = await services.audit.verify(chain);
      if (!r.broken) {
        console.log(`${chain}: intact, ${r.records} records`);
        continue;
      }
      broken = true;
      console.log(`${chain}: BROKEN at record ${r.broken.seq}${r.broken.id ? ` (${r.broken.id})` : ''}: ${REASON[r.broken.reason]}; the ${r.records} records before it verify`);
    }
    process.exitCode = broken ? 1 : 0;
    await handle.close();
  });

const keys = program.command('keys').description('the encryption keys of personal data (docs/architecture.md, Keys)');
keys.command('status').description('how many stored values each key seals, per module')
  .action(async () => {
    const { handle, services } = await boot(config);
    console.log(JSON.stringify(await services.flows.keyStatus(), null, 2));
    await handle.close();
  });
keys.command('rotate').description('re-seal every value under the current key (the first in PATRON_KEYS), in batches; run again to resume')
  .option('--batch <n>', 'rows per transaction', '500')
  .option('--max-batches <n>', 'stop after this many batches (resume later by running again)')
  .action(async (o: { batch: string; maxBatches?: string }) => {
    const batch = Number(o.batch);
    const maxBatches = o.maxBatches === undefined ? undefined : Number(o.maxBatches);
    if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) program.error(`--batch must be a whole number from 1 to 10000, got ${o.batch}`);
    if (maxBatches !== undefined && (!Number.isInteger(maxBatches) || maxBatches < 1)) program.error(`--max-batches must be a whole number from 1, got ${o.maxBatches}`);
    const { handle, services } = await boot(config);
    const report = await services.flows.rotateKeys({
      batch, maxBatches, onProgress: (p) => console.error(`${p.store}: ${p.rows} rows re-sealed (${p.batches} batches)`),
    });
    if (!report) {
      console.error('error: another `patron keys rotate` is running; try again when it has finished');
      process.exitCode = 1;
    } else {
      console.log(JSON.stringify(report, null, 2));
      await services.audit.append({
        chain: 'system', actor: CLI_ACTOR, action: 'cli: keys rotate', summary: `Re-sealed personal data under key ${report.current}${report.complete ? '' : ' (stopped before the end)'}`,
        entity: 'keys', request: o, after: report,
      });
    }
    await handle.close();
  });
keys.command('index-key').description('print the blind-index key the configuration uses (for PATRON_INDEX_KEY before PATRON_SECRET is retired)')
  .action(async () => {
    const { handle } = await boot(config);
    console.log(await indexKeyFor(handle.db, config));
    await handle.close();
  });

program.addCommand(importCommand(config));
program.addCommand(calendarCommand(config));

try {
  await program.parseAsync();
} catch (err) {
  // keys that cannot read the data: the operator's to fix, said plainly (docs/architecture.md, Keys)
  if (!(err instanceof KeyConfigError)) throw err;
  console.error(`error: ${err.message}`);
  process.exitCode = 1;
}
