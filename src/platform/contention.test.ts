import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../errors.ts';
import { createTestContext, type TestContext } from '../testing/harness.ts';
import { problems, toDomainError } from './problem.ts';

// Two transactions that take the same things in opposite orders deadlock, and PostgreSQL
// rolls one back. That is no bug of the request's: the caller is told to send it again
// (503 with Retry-After), in their language, never a 500. Only a server with several
// connections can deadlock; embedded PGlite has one, so this runs on PostgreSQL.
describe.runIf(process.env.TEST_DATABASE_URL)('a request PostgreSQL rolled back for a deadlock', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext('postgres'); });
  afterAll(async () => { await t.close(); });

  it('is problem+json 503 "busy", saying nothing changed and to send it again', async () => {
    const db = t.services.ctx.db;
    const [a, b] = [9_100_001 + Math.floor(Math.random() * 1_000), 9_200_001 + Math.floor(Math.random() * 1_000)];
    let bothHoldOne!: () => void;
    const held = new Promise<void>((resolve) => { let n = 0; bothHoldOne = () => { if (++n === 2) resolve(); }; });
    const run = (first: number, second: number) => db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${first})`.execute(trx);
      bothHoldOne();
      await held;
      await sql`SELECT pg_advisory_xact_lock(${second})`.execute(trx);
    });
    const outcomes = await Promise.allSettled([run(a, b), run(b, a)]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as { code?: string }).code).toBe('40P01');

    const err = toDomainError(failed[0]!.reason);
    const { problemBody } = problems(ERRORS);
    expect(problemBody(err, 'zh')).toMatchObject({ status: 503, code: 'busy', title: '数据正被其他操作修改，请重试' });
    expect(problemBody(err, 'zh').detail).toContain('本次更改已撤回');
    expect(problemBody(err, 'en')).toMatchObject({ status: 503, code: 'busy', detail: expect.stringContaining('send the request again') });
  });
});
