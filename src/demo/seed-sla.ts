import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The service desk's SLA screens with something on them: a few policies beside the built-in
 * defaults (a diamond member's urgent request answered within 4 hours, complaints resolved
 * within 10 working days, a member's reply answered within 8 working hours), quiet hours
 * 22:00–08:00 with 王经理 (admin) as the desk supervisor, e-mail addresses on admin and the
 * service agent, and clocks in every state: breached and escalated, due soon, paused while
 * waiting on the member, met. The cases module will drive real ones; these subjects are
 * named DEMO-… so nobody takes them for cases.
 */
export async function seedSla(s: Services, programId: string, opts: { actor: Principal; diamondTierId: string | null; now: Date }) {
  const { now } = opts;
  const staff = await s.staff.list(programId);
  const id = (username: string) => staff.find((x) => x.username === username)?.id ?? null;
  const admin = id('admin');
  const agent = id('service');
  if (admin) unwrap(await s.staff.update(programId, admin, { email: 'wang.manager@patron-demo.cn' }, opts.actor));
  if (agent) unwrap(await s.staff.update(programId, agent, { email: 'zhao.service@patron-demo.cn' }, opts.actor));
  unwrap(await s.sla.setSettings(programId, { quiet_start: '22:00', quiet_end: '08:00', urgent_bypasses_quiet: true, supervisor_id: admin }));

  if (opts.diamondTierId) {
    unwrap(await s.sla.createPolicy(programId, { subject_type: 'service_request', tier_id: opts.diamondTierId, priority: 'urgent', metric: 'first_response', unit: 'calendar_hours', target: 4, warn_percent: 50, escalate: true, escalate_to: null }));
  }
  unwrap(await s.sla.createPolicy(programId, { subject_type: 'complaint', tier_id: null, priority: null, metric: 'resolution', unit: 'working_days', target: 10, warn_percent: 80, escalate: true, escalate_to: null }));
  unwrap(await s.sla.createPolicy(programId, { subject_type: 'service_request', tier_id: null, priority: null, metric: 'next_response', unit: 'working_hours', target: 8, warn_percent: 75, escalate: false, escalate_to: null }));

  const any = { tierId: null, priority: 'normal' as const };
  const ago = (ms: number) => new Date(now.getTime() - ms);
  // a complaint unanswered for a week: breached, escalated to the supervisor
  await s.sla.start(programId, { type: 'complaint', id: 'DEMO-C-0001' }, 'first_response', ago(7 * DAY), any, agent);
  await s.sla.start(programId, { type: 'complaint', id: 'DEMO-C-0001' }, 'resolution', ago(7 * DAY), any, agent);
  // a VIP request from 20 hours ago: past 75 % of its 24 hours
  await s.sla.start(programId, { type: 'service_request', id: 'DEMO-S-0002' }, 'first_response', ago(20 * HOUR), any, agent);
  // a complaint waiting on the member since yesterday
  await s.sla.start(programId, { type: 'complaint', id: 'DEMO-C-0003' }, 'first_response', ago(30 * HOUR), any, agent);
  await s.sla.pause(programId, { type: 'complaint', id: 'DEMO-C-0003' }, ago(6 * HOUR), '等待会员补充购物小票 / waiting for the member\'s receipt');
  // a fresh complaint and a request answered in time
  await s.sla.start(programId, { type: 'complaint', id: 'DEMO-C-0004' }, 'first_response', ago(2 * HOUR), any, agent);
  await s.sla.start(programId, { type: 'service_request', id: 'DEMO-S-0005' }, 'first_response', ago(10 * HOUR), any, agent);
  await s.sla.stop(programId, { type: 'service_request', id: 'DEMO-S-0005' }, 'first_response', ago(8 * HOUR));
  await s.sla.run({ at: now, programId });
}
