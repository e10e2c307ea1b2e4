import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// coupons.issue is what a redemption, a campaign or a service case calls inside its own
// transaction: it joins it, and the caller's failure takes the coupon back with the rest.

describe.each(testDbKinds())('coupons.issue in a caller\'s transaction on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('joins it: kept when the caller commits, gone when the caller fails', async () => {
    const s = t.services;
    const headers = auth(p.adminKey);
    const typeId = (await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/coupon-types`, headers, payload: { name: '礼品', kind: 'gift', gift_name: 'Mug', valid_days: 7 } })).json().id as string;
    const memberId = (await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers, payload: { phone: kind === 'pglite' ? '13790000001' : '13790000002' } })).json().id as string;
    const issue = () => s.coupons.issue(p.programId, { typeId, memberId, source: 'redemption', sourceRef: 'rdm_test', actor: 'test' });
    const kept = await inTransaction(s.ctx.db, async () => unwrap(await issue()));
    const failed = await inTransaction(s.ctx.db, async () => {
      unwrap(await issue());
      return s.coupons.issue(p.programId, { typeId: 'cpt_01JAAAAAAAAAAAAAAAAAAAAAAA', memberId, source: 'redemption', actor: 'test' });
    });
    expect(failed).toMatchObject({ code: 'not_found' });
    const mine = await s.coupons.list(p.programId, { memberId });
    expect(mine.map((c) => c.id)).toEqual([kept.id]);
    expect(mine[0]).toMatchObject({ source: 'redemption', source_ref: 'rdm_test', kind: 'gift', state: 'available' });
  });
});
