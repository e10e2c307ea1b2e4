#!/usr/bin/env node
import { Command } from 'commander';
import { boot } from './boot.ts';
import { loadConfig } from './config.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { importCommand } from './workflows/imports/index.ts';
import { isDate } from './platform/time.ts';
import { serve } from './server.ts';
import { isFailure } from './platform/errors.ts';
import { SYSTEM } from './platform/context.ts';

const program = new Command('patron').description('Patron membership and loyalty platform');
const config = loadConfig();

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

const jobs = program.command('jobs').description('scheduled jobs');
jobs.command('run').argument('<job>', 'expiry | release | tiers | segments | birthdays | campaign-award | referrals')
  .option('--as-of <date>', 'expiry: local day to close (default yesterday); tiers: the day to evaluate as, birthdays: the day to greet (default today), referrals: judge return windows ended by this day (default today)')
  .option('--program <id>', 'one program only (campaign-award: the campaign\'s program)')
  .option('--campaign <id>', 'campaign-award: the award campaign')
  .action(async (job: string, o: { asOf?: string; program?: string; campaign?: string }) => {
    if (o.asOf && !isDate(o.asOf)) program.error(`--as-of must be a date YYYY-MM-DD, got ${o.asOf}`);
    const known = ['expiry', 'release', 'tiers', 'segments', 'birthdays', 'campaign-award', 'referrals'];
    if (!known.includes(job)) program.error(`unknown job ${job}: expected ${known.join(', ')}`);
    if (job === 'campaign-award' && (!o.program || !o.campaign)) program.error('campaign-award needs --program and --campaign');
    const { handle, services } = await boot(config);
    const award = async () => {
      const started = await services.flows.startCampaignAward(o.program!, o.campaign!, SYSTEM);
      return isFailure(started) ? started : started.done;
    };
    const result = job === 'expiry' ? await services.jobs.runExpiry({ programId: o.program, asOf: o.asOf })
      : job === 'tiers' ? await services.flows.evaluateTiers({ programId: o.program, asOf: o.asOf })
        : job === 'segments' ? await services.jobs.runSegments({ programId: o.program })
          : job === 'birthdays' ? await services.flows.sendBirthdayGreetings({ programId: o.program, asOf: o.asOf })
            : job === 'campaign-award' ? await award()
              : job === 'referrals' ? await services.flows.rewardReferrals({ programId: o.program, asOf: o.asOf })
              : await services.jobs.runRelease();
    if (isFailure(result)) {
      console.error(`error: ${result.message}${result.field ? ` (${result.field})` : ''}`);
      process.exitCode = 1;
    } else {
      console.log(JSON.stringify(result, null, 2));
    }
    await handle.close();
  });

program.addCommand(importCommand(config));

await program.parseAsync();
