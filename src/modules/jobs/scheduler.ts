import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { isFailure } from '../../platform/errors.ts';
import type { JobService } from './job.service.ts';

/**
 * In-process schedule: pending release every 5 minutes, segments every 10, expiry nightly
 * after midnight, tier re-evaluation after it, birthday greetings in the morning. Work that
 * spans modules (tiers, greetings: workflows) is handed in as functions.
 */
export function startScheduler(jobs: JobService, log: FastifyBaseLogger, flows: { evaluateTiers?: () => Promise<unknown>; sendBirthdayGreetings?: () => Promise<unknown>; runMemberships?: () => Promise<unknown>; rewardReferrals?: () => Promise<unknown>; runRetention?: () => Promise<unknown>; runNotify?: () => Promise<unknown>; runSla?: () => Promise<unknown>; runSurveys?: () => Promise<unknown> } = {}) {
  const run = (name: 'release' | 'expiry' | 'tiers' | 'segments' | 'birthdays' | 'memberships' | 'referrals' | 'retention', fn: () => Promise<unknown>) => async () => {
    try {
      const r = await jobs.exclusive(name, fn);
      if (isFailure(r)) log.error({ job: name, code: r.code, detail: r.message }, 'job failed');
      else if (r !== null) log.info({ job: name, result: r }, 'job done');
    } catch (err) {
      log.error({ err, job: name }, 'job failed');
    }
  };
  const runUnlocked = (name: string, fn: () => Promise<unknown>, quiet = false) => async () => {
    try {
      const r = await fn();
      if (isFailure(r)) log.error({ job: name, code: r.code, detail: r.message }, 'job failed');
      // a job that runs every minute logs only the minutes it did something
      else if (!quiet || (r !== null && Object.values(r as Record<string, unknown>).some((v) => v !== 0))) log.info({ job: name, result: r }, 'job done');
    } catch (err) {
      log.error({ err, job: name }, 'job failed');
    }
  };
  const crons = [
    new Cron('*/5 * * * *', { protect: true }, run('release', () => jobs.runRelease())),
    // every member's purchase figures and RFM, then each active segment (segments module)
    new Cron('*/10 * * * *', { protect: true }, run('segments', () => jobs.runSegments())),
    // 00:10 Shanghai; each program's asOf is its own yesterday
    new Cron('10 0 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('expiry', () => jobs.runExpiry())),
    // 00:20 Shanghai; each program's day is its own today
    ...(flows.evaluateTiers ? [new Cron('20 0 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('tiers', flows.evaluateTiers))] : []),
    // 09:00 Shanghai, so greetings arrive in the morning; a member is greeted once a year, so a rerun sends nothing twice
    ...(flows.sendBirthdayGreetings ? [new Cron('0 9 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('birthdays', flows.sendBirthdayGreetings))] : []),
    // 00:30 Shanghai, after the tier review: VIP memberships past their last day expire (floors end), notices 30 and 7 days ahead
    ...(flows.runMemberships ? [new Cron('30 0 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('memberships', flows.runMemberships))] : []),
    // 00:40 Shanghai: referrals whose friend's first purchase passed its return window; a rerun pays nobody twice
    ...(flows.rewardReferrals ? [new Cron('40 0 * * *', { protect: true, timezone: 'Asia/Shanghai' }, run('referrals', flows.rewardReferrals))] : []),
    // 01:00 Shanghai: retention (定期清理过时信息); the workflow takes the same lock itself, so the scheduler's is not repeated
    ...(flows.runRetention ? [new Cron('0 1 * * *', { protect: true, timezone: 'Asia/Shanghai' }, runUnlocked('retention', flows.runRetention))] : []),
    // every minute: outbox events become messages, due messages are sent (the relay takes lock 7_012 itself)
    ...(flows.runNotify ? [new Cron('* * * * *', { protect: true }, runUnlocked('notify', flows.runNotify, true))] : []),
    // every minute: SLA warnings, breaches and escalations (the job takes lock 7_013 itself); alerts it queues are e-mailed by notify
    ...(flows.runSla ? [new Cron('* * * * *', { protect: true }, runUnlocked('sla', flows.runSla, true))] : []),
    // 10:00 Shanghai: the NPS rounds that are due, so invitations arrive in the morning (the sampling takes lock 7_014 itself)
    ...(flows.runSurveys ? [new Cron('0 10 * * *', { protect: true, timezone: 'Asia/Shanghai' }, runUnlocked('surveys', flows.runSurveys))] : []),
  ];
  return () => crons.forEach((c) => c.stop());
}
