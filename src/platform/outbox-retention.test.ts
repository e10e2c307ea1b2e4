import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDbKinds, type TestContext } from '../testing/harness.ts';
import { purgeEvents } from './outbox.ts';

// Retention of the outbox: events older than the period go, published or not, except an event
// of a topic a consumer reads (the notification relay's) that it has not handled yet: a relay
// down that long still owes those messages. Dry counts the same and deletes nothing.
describe.each(testDbKinds())('outbox retention on %s', (kind) => {
  let t: TestContext;
  const program = `prg_outbox_${kind}_${Date.now().toString(36)}`;
  const before = new Date('2026-03-01T00:00:00Z');
  const old = new Date(before.getTime() - 1000);
  const left = async () => (await sql<{ aggregate_id: string }>`SELECT aggregate_id FROM outbox WHERE program_id = ${program} ORDER BY 1`.execute(t.services.ctx.db)).rows.map((r) => r.aggregate_id);

  beforeAll(async () => {
    t = await createTestContext(kind);
    for (const [id, topic, at, published] of [
      ['old-consumed-published', 'test.relay', old, true], ['old-consumed-pending', 'test.relay', old, false],
      ['old-other-pending', 'test.other', old, false], ['old-other-published', 'test.other', old, true],
      ['new-consumed-published', 'test.relay', before, true], ['new-other-pending', 'test.other', before, false],
    ] as const) {
      await sql`INSERT INTO outbox (program_id, topic, aggregate_id, payload, created_at, published_at)
        VALUES (${program}, ${topic}, ${id}, '{}', ${at}, ${published ? at : null})`.execute(t.services.ctx.db);
    }
  });
  afterAll(async () => { await t.close(); });

  it('deletes what is past the period but an unhandled event of a consumed topic; dry counts the same', async () => {
    expect(await purgeEvents(t.services.ctx.db, program, before, true, ['test.relay'])).toBe(3);
    expect(await left()).toHaveLength(6);
    expect(await purgeEvents(t.services.ctx.db, program, before, false, ['test.relay'])).toBe(3);
    expect(await left()).toEqual(['new-consumed-published', 'new-other-pending', 'old-consumed-pending']);
    expect(await purgeEvents(t.services.ctx.db, program, before, false, ['test.relay'])).toBe(0);
  });
});
