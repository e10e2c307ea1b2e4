import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';

// An award campaign that names a coupon type issues one coupon of it to each member it
// awards, besides the points (source campaign, the campaign's id as the reference); a
// type that stopped issuing stops the award before it starts.

describe.each(testDbKinds())('an award campaign with a coupon on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    t.app.inject({ method, url: `/v1/programs/${p.programId}${path}`, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('gives each member awarded the points and one coupon', async () => {
    const members: string[] = [];
    for (let i = 0; i < 3; i++) members.push((await call('POST', '/members', { phone: `1375${kind === 'pglite' ? 1 : 2}00000${i}` })).json().id);
    const typeId = (await call('POST', '/coupon-types', { name: '满100减20', kind: 'amount', amount_off_fen: 2000, valid_days: 30 })).json().id;
    const window = { starts_at: new Date(Date.now() - 86_400_000).toISOString(), ends_at: new Date(Date.now() + 86_400_000).toISOString() };
    const rules = await call('POST', '/campaigns', { name: 'x', kind: 'rules', coupon_type_id: typeId, ...window });
    expect(rules.json()).toMatchObject({ code: 'validation', field: 'coupon_type_id' });
    const c = (await call('POST', '/campaigns', { name: '会员日送券', kind: 'award', award_points: 10, coupon_type_id: typeId, ...window })).json();
    expect(c.coupon_type_id).toBe(typeId);
    await call('POST', `/campaigns/${c.id}/status`, { status: 'active' });
    await call('PATCH', `/coupon-types/${typeId}`, { active: false });
    expect((await call('POST', `/campaigns/${c.id}/award`)).json()).toMatchObject({ code: 'coupon_type_inactive' });
    await call('PATCH', `/coupon-types/${typeId}`, { active: true });
    const job = (await call('POST', `/campaigns/${c.id}/award`)).json();
    let j = job;
    for (let i = 0; i < 200 && j.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      j = (await call('GET', `/campaigns/${c.id}/award-jobs/${job.id}`)).json();
    }
    expect(j).toMatchObject({ status: 'done', awarded: 3 });
    for (const m of members) {
      const coupons = (await call('GET', `/coupons?member_id=${m}`)).json().items;
      expect(coupons).toHaveLength(1);
      expect(coupons[0]).toMatchObject({ source: 'campaign', source_ref: c.id, type_id: typeId, state: 'available' });
    }
  });
});
