import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

// PostgreSQL only: PGlite has no pool. A connection the pool closes while idle is opened
// again under the next burst, and its prepared statements with it (bench/README.md).
describe.skipIf(!process.env.TEST_DATABASE_URL)('the PostgreSQL pool', () => {
  it('keeps the connections it opened through a quiet spell longer than the idle timeout (10 s)', async () => {
    const h = await openDatabase({ url: process.env.TEST_DATABASE_URL!, poolSize: 3 });
    try {
      // three at once, so the pool opens three connections
      const backends = async () => new Set(await Promise.all([1, 2, 3].map(async () =>
        (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)`.execute(h.db)).rows[0]!.pid)));
      const before = await backends();
      expect(before.size).toBe(3);
      await new Promise((r) => setTimeout(r, 10_500));
      expect(await backends()).toEqual(before);
    } finally {
      await h.close();
    }
  }, 20_000);
});
