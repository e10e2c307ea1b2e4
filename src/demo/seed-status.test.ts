import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo shows a newcomer what a status change looks like: one member suspended (a lost
// card) and one terminated, whose points and coupons the termination settled.

describe('demo member statuses', () => {
  it('seeds a suspended member and a terminated one with nothing left to spend', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const pid = server.programId!;
      // (the rights demo's erased member is terminated too: the one asked for here is not erased)
      const list = async (status: string) => {
        const rows = await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${pid} AND status = ${status} AND erased_at IS NULL`.execute(server.services.ctx.db);
        expect(rows.rows).toHaveLength(1);
        // as the member page reads it
        const r = await fetch(`${server.url}/v1/programs/${pid}/members/${rows.rows[0]!.id}`, { headers: { authorization: `Bearer ${server.bootstrapKey}` } });
        return [await r.json() as { id: string; status: string; status_reason: string | null }];
      };
      const [lost] = await list('suspended');
      expect(lost).toMatchObject({ status: 'suspended', status_reason: expect.stringContaining('挂失') });
      const [leaver] = await list('terminated');
      expect(leaver).toMatchObject({ status: 'terminated', status_reason: expect.stringContaining('注销') });
      const balance = await server.services.points.balance(pid, leaver!.id);
      expect(balance).toMatchObject({ available: 0, pending: 0 });
    } finally {
      await server.close();
    }
  }, 180_000);
});
