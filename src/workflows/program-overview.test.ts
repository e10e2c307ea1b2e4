import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';
import { addDays, localDate } from '../platform/time.ts';

// The console's home page figures on both databases, against figures worked out here:
// members by status and enrolment day, the 90-day actives, points outstanding, and purchases
// per local day (Shanghai) net of returns.

describe.each(testDbKinds())('program overview on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let phone = kind === 'pglite' ? 13600000000 : 13700000000;
  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/v1/programs/${p.programId}${url}`, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const enrol = async () => (await call('POST', '/members', p.adminKey, { phone: String(++phone) })).json().id as string;
  let n = 0;
  const buy = async (member: string, amount: number, at: Date) => {
    const r = await call('POST', '/purchases', p.posKey, { member_id: member, amount_fen: amount, occurred_at: at.toISOString() }, { 'idempotency-key': `ov-${kind}-${++n}` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; points_earned: number };
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    // 1 point per 100 fen, points available at once
    p = await createTestProgram(t, { pending_days: 0 });
  });
  afterAll(async () => { await t.close(); });

  it('counts members, the 90-day actives, points outstanding and purchases per local day', async () => {
    const [a, b, c] = [await enrol(), await enrol(), await enrol()];
    expect((await call('POST', `/members/${c}/suspend`, p.adminKey, { reason: '核实身份' })).statusCode).toBe(200);
    const now = new Date();
    const today = localDate(now, 'Asia/Shanghai');
    await buy(a, 10_000, now); // 100 points today
    const old = await buy(b, 50_000, new Date(now.getTime() - 10 * 86_400_000)); // 500 points, 10 days ago
    await buy(b, 20_000, new Date(now.getTime() - 100 * 86_400_000)); // outside 90 days and 30 days
    const ret = await call('POST', '/returns', p.adminKey, { purchase_id: old.id, amount_fen: 10_000, store_id: p.storeId }, { 'idempotency-key': `ov-${kind}-ret` });
    expect(ret.statusCode, ret.body).toBe(201);

    const r = await call('GET', '/overview', p.adminKey);
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json();
    expect(o.members).toEqual({ total: 3, active: 2, enrolled_today: 3, active_90_days: 2 });
    // 100 + 500 − 100 reversed + 200 = 700
    expect(o.points).toEqual({ outstanding: 700, available: 700, pending: 0 });
    expect(o.today).toEqual({ purchases: 1, amount_fen: 10_000, points: 100 });
    expect(o.days).toHaveLength(30);
    expect(o.days[29].day).toBe(today);
    expect(o.days[0].day).toBe(addDays(today, -29));
    const tenAgo = o.days.find((d: { day: string }) => d.day === localDate(new Date(now.getTime() - 10 * 86_400_000), 'Asia/Shanghai'));
    expect(tenAgo).toEqual({ day: tenAgo.day, purchases: 1, amount_fen: 40_000, points: 400 });
    expect(o.days.reduce((s: number, d: { purchases: number }) => s + d.purchases, 0)).toBe(2);
  });

  it('is an admin\'s to read; a bad program id is a problem naming it', async () => {
    expect((await call('GET', '/overview', p.posKey)).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'GET', url: '/v1/programs/nope/overview', headers: auth(p.adminKey) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'program_id' });
  });
});
