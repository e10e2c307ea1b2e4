import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { isFailure } from '../../platform/errors.ts';
import type { Workflows } from '../../workflows/index.ts';
import type { JobService } from './job.service.ts';

/**
 * In-process schedule: pending release every 5 minutes, expiry nightly after midnight,
 * birthday greetings (a workflow: members, campaigns) daily, each program for its own today.
 */
export function startScheduler(jobs: JobService, log: FastifyBaseLogger, flows?: Pick<Workflows, 'sendBirthdayGreetings'>) {
  const run = (name: 'release' | 'expiry' | 'birthdays', fn: () => Promise<unknown>) => async () => {
    try {
      const r = await jobs.exclusive(name, fn);
      if (isFailure(r)) log.error({ job: name, code: r.code, detail: r.message }, 'job failed');
      else if (r !== null) log.info({ job: name, result: r }, 'job done');
    } catch (err) {
      log.error({ err, job: name }, 'job failed');
    }
  };
  const crons = [
    new Cron('*/5 * * * *', { protect: true }, run('release', () => jobs.runRelease())),
    // 00:10 Shanghai; each program's asOf is its own yesterday
    new Cron('10 0 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('expiry', () => jobs.runExpiry())),
    // 09:00 Shanghai, so greetings arrive in the morning; a member is greeted once a year, so a rerun sends nothing twice
    ...(flows ? [new Cron('0 9 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('birthdays', () => flows.sendBirthdayGreetings()))] : []),
  ];
  return () => crons.forEach((c) => c.stop());
}
