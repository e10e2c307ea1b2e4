import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext } from '../../testing/harness.ts';

describe.each(testDbKinds())('scheduled jobs on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  // The scheduler runs each job through exclusive(); on PGlite pinning the one connection
  // for the lock once hung the whole server at the first five-minute tick.
  it('runs a job exclusively and the database still answers afterwards', async () => {
    const p = await createTestProgram(t, { pending_days: 7 });
    const result = await t.services.jobs.exclusive('release', () => t.services.jobs.runRelease());
    expect(result).toEqual({ members: expect.any(Number) });
    const health = await t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}`, headers: { authorization: `Bearer ${p.adminKey}` } });
    expect(health.statusCode).toBe(200);
  }, 15_000);

  it('runs the segments job for a program under its own lock', async () => {
    const p = await createTestProgram(t);
    const result = await t.services.jobs.exclusive('segments', () => t.services.jobs.runSegments({ programId: p.programId }));
    expect(result).toEqual([{ program_id: p.programId, members: 0, segments: 0, stats_refreshed_at: expect.any(String) }]);
  });

  it.runIf(kind === 'postgres')('skips a job while another instance holds its lock', async () => {
    const inner = await t.services.jobs.exclusive('expiry', () => t.services.jobs.exclusive('expiry', async () => 'ran'));
    expect(inner).toBeNull();
  });
});
