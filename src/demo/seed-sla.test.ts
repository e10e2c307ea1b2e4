import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo's SLA screens have something on them: policies beside the defaults, the desk's
// quiet hours and supervisor, and the demo cases' own clocks, run by their real flows: a VIP
// request unanswered for 60 hours breached and escalated, a complaint told its outcome paused
// while it waits on the member, answered ones met.

describe('demo sla', () => {
  it('seeds policies, desk settings, an e-mail on admin, and the demo cases run real clocks', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const policies = (await s.sla.policies(pid)).items;
      expect(policies.filter((p) => !p.builtin)).toHaveLength(3);
      expect(policies.filter((p) => p.builtin)).toHaveLength(4);
      const settings = await s.sla.settings(pid);
      expect(settings).toMatchObject({ quiet_start: '22:00', quiet_end: '08:00' });
      const admin = (await s.staff.list(pid)).find((x) => x.username === 'admin')!;
      expect(settings.supervisor_id).toBe(admin.id);
      expect(admin.email).toBe('wang.manager@patron-demo.cn');
      const o = await s.sla.overview(pid, { view: 'open' });
      expect(o.counts.breached).toBeGreaterThanOrEqual(1);
      expect(o.counts.escalated).toBeGreaterThanOrEqual(1);
      expect(o.counts.paused).toBeGreaterThanOrEqual(1);
      const cases = (await s.cases.list(pid, { assignee: 'any', limit: 50 }, { keyId: 'test', role: 'bootstrap', programId: null, storeId: null, name: 'test' })).items;
      const clocks = async (subject: string) => {
        const c = cases.find((x) => x.subject === subject)!;
        return Object.fromEntries((await s.sla.clocksOf(pid, { type: c.type, id: c.id })).map((k) => [k.metric, k]));
      };
      // a VIP request opened 60 hours ago, never answered: 24 hours (002 §3.3) breached, escalated
      expect((await clocks('年度会员答谢活动席位')).first_response).toMatchObject({ state: 'breached', escalated_at: expect.any(String) });
      // a complaint told its outcome: the outcome clock met, the rest paused while the member answers
      const told = await clocks('退货后积分被多扣');
      expect(told.outcome).toMatchObject({ state: 'met', late: false });
      expect(told.first_response).toMatchObject({ state: 'met' });
      expect(told.resolution).toMatchObject({ state: 'paused' });
      expect(told.resolution!.pauses[0]!.reason).toBe('waiting_member');
    } finally {
      await server.close();
    }
  });
});
