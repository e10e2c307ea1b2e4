import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo's SLA screens have something on them: policies beside the defaults, the desk's
// quiet hours and supervisor, and clocks breached (escalated), due soon, paused and met.

describe('demo sla', () => {
  it('seeds policies, desk settings, an e-mail on admin and clocks in every state', async () => {
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
      expect(o.counts.paused).toBe(1);
      const [paused] = await s.sla.clocksOf(pid, { type: 'complaint', id: 'DEMO-C-0003' });
      expect(paused!.pauses[0]!.reason).toContain('小票');
    } finally {
      await server.close();
    }
  });
});
