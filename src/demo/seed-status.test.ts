import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo shows a newcomer what a status change looks like: one member suspended (a lost
// card) and one terminated, whose points and coupons the termination settled.

describe('demo member statuses', () => {
  it('seeds a suspended member and a terminated one with nothing left to spend', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const pid = server.programId!;
      // the member list filtered by status, as the console's 会员 page asks it (the rights demo's
      // erased member is terminated too: the one asked for here is not erased)
      const list = async (status: string) => {
        const r = await fetch(`${server.url}/v1/programs/${pid}/members?status=${status}&limit=100`, { headers: { authorization: `Bearer ${server.bootstrapKey}` } });
        expect(r.status).toBe(200);
        const items = (await r.json() as { items: { id: string; status: string; status_reason: string | null; erased: boolean }[] }).items.filter((m) => !m.erased);
        expect(items).toHaveLength(1);
        return items[0]!;
      };
      expect(await list('suspended')).toMatchObject({ status: 'suspended', status_reason: expect.stringContaining('挂失') });
      const leaver = await list('terminated');
      expect(leaver).toMatchObject({ status: 'terminated', status_reason: expect.stringContaining('注销') });
      const balance = await server.services.points.balance(pid, leaver.id);
      expect(balance).toMatchObject({ available: 0, pending: 0 });
    } finally {
      await server.close();
    }
  }, 180_000);
});
