import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';

// A campaign's earning rule on the purchase path: its budget is exact however many
// purchases race for it (medusa#16595 lost budget spend to a read-then-write), its
// per-member limit holds, and its holdout group earns nothing from it.

describe.each(testDbKinds())('purchases under a campaign on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const enrol = async (p: TestProgram) => {
    const r = await call('POST', `/v1/programs/${p.programId}/members`, p.adminKey, { phone: `1376${String(++seq).padStart(7, '0')}` });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  async function campaign(p: TestProgram, body: object, bonus: number) {
    const c = await call('POST', `/v1/programs/${p.programId}/campaigns`, p.adminKey, {
      name: '会员日加赠', kind: 'rules', starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 86_400_000).toISOString(), ...body,
    }, { 'idempotency-key': randomUUID() });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const on = await call('POST', `/v1/programs/${p.programId}/campaigns/${id}/status`, p.adminKey, { status: 'active' }, { 'idempotency-key': randomUUID() });
    expect(on.statusCode, on.body).toBe(200);
    const rule = await call('POST', `/v1/programs/${p.programId}/rules`, p.adminKey, {
      name: '活动加赠', priority: 1, mode: 'stackable', conditions: {}, effect: { kind: 'fixed_bonus', points: bonus, scope: 'purchase' }, caps: {}, campaign_id: id,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    return id;
  }
  const buy = (p: TestProgram, member_id: string, amount_fen = 1_000) =>
    call('POST', `/v1/programs/${p.programId}/purchases`, p.posKey, { member_id, amount_fen }, { 'idempotency-key': randomUUID() });
  const campaignPoints = (body: { breakdown: { campaign_id: string | null; granted: number }[] }) =>
    body.breakdown.filter((i) => i.campaign_id !== null).reduce((s, i) => s + i.granted, 0);

  it('50 concurrent purchases never pass the budget: the last one gets what is left, the rest nothing', async () => {
    const p = await createTestProgram(t);
    const id = await campaign(p, { budget_points: 1_000 }, 30);
    const members = [];
    for (let i = 0; i < 50; i++) members.push(await enrol(p));
    const results = await Promise.all(members.map((m) => buy(p, m)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const granted = results.map((r) => campaignPoints(r.json()));
    // 33 purchases of 30 and one of 10 fill 1,000 exactly; every purchase keeps its base points
    expect(granted.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(granted.filter((g) => g === 30)).toHaveLength(33);
    expect(granted.filter((g) => g === 10)).toHaveLength(1);
    expect(results.every((r) => r.json().breakdown[0].granted === 10)).toBe(true);
    const read = (await call('GET', `/v1/programs/${p.programId}/campaigns/${id}`, p.adminKey)).json();
    expect(read).toMatchObject({ budget_points: 1_000, budget_used: 1_000 });
  });

  it('the per-member limit holds across a member\'s purchases; a held-out member gets nothing from the campaign', async () => {
    const p = await createTestProgram(t);
    await campaign(p, { per_member_limit: 50, holdout_pct: 50 }, 30);
    const members = [];
    for (let i = 0; i < 12; i++) members.push(await enrol(p));
    const perMember = [];
    for (const m of members) {
      const first = (await buy(p, m)).json();
      const second = (await buy(p, m)).json();
      perMember.push([campaignPoints(first), campaignPoints(second)]);
    }
    const treated = perMember.filter(([a]) => a! > 0);
    const held = perMember.filter(([a]) => a === 0);
    // with 12 members at 50 %, both groups are all but sure to be there (1 in 2,048 not)
    expect(treated.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
    expect(treated).toEqual(treated.map(() => [30, 20]));
    expect(held).toEqual(held.map(() => [0, 0]));
  });
});
