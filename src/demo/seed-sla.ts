import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';


/**
 * The service desk's SLA set-up, before the demo cases are opened: a few policies beside the
 * built-in defaults (a diamond member's urgent request answered within 4 hours, complaints
 * resolved within 10 working days, a member's reply answered within 8 working hours), quiet
 * hours 22:00–08:00 with 王经理 (admin) as the desk supervisor, e-mail addresses on admin and
 * the service agent. The demo cases and suggestions then run their real clocks (opened days
 * ago, some answered, some waiting on the member); `runSlaDemo` lets the job see them now.
 */
export async function seedSla(s: Services, programId: string, opts: { actor: Principal; diamondTierId: string | null }) {
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

}

/** The job's pass over the demo's clocks, as at `now`: warnings, breaches and escalations in the monitor and the bell. */
export async function runSlaDemo(s: Services, programId: string, now: Date) {
  await s.sla.run({ at: now, programId });
}
