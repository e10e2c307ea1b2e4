import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

// Earning rules end to end: a purchase is judged by the rule versions in force at its own
// time, the breakdown is stored on the purchase and its ledger entry, a dry run answers
// what the purchase then earns, and caps hold in the program's day even under concurrency.

const DOUBLE = { name: '双倍积分', name_en: 'Double points', priority: 10, mode: 'stackable', conditions: {}, effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, caps: {} };
const BONUS = (points: number, over: object = {}) => ({ name: `加赠 ${points}`, priority: 5, mode: 'stackable', conditions: {}, effect: { kind: 'fixed_bonus', points, scope: 'purchase' }, caps: {}, ...over });

describe.each(testDbKinds())('earning rules on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  const url = (p: TestProgram, path: string) => `/v1/programs/${p.programId}${path}`;
  const post = (p: TestProgram, path: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: url(p, path), headers: { ...auth(p.adminKey), ...headers }, payload });
  const put = (p: TestProgram, path: string, payload: object) => t.app.inject({ method: 'PUT', url: url(p, path), headers: auth(p.adminKey), payload });
  const get = (p: TestProgram, path: string) => t.app.inject({ method: 'GET', url: url(p, path), headers: auth(p.adminKey) });
  const rule = async (p: TestProgram, body: object) => {
    const r = await post(p, '/rules', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number };
  };
  const enrol = async (p: TestProgram) => {
    const r = await post(p, '/members', { phone: `1390000${String(++seq).padStart(4, '0')}` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const buy = async (p: TestProgram, member_id: string, body: object) => {
    const r = await post(p, '/purchases', { member_id, store_id: p.storeId, ...body }, { 'idempotency-key': randomUUID() });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const available = async (p: TestProgram, m: string) => (await get(p, `/members/${m}/balance`)).json().available as number;

  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  it('a double-points rule doubles the base; the breakdown is on the purchase, its statement entry, and a dry run says the same first', async () => {
    const p = await createTestProgram(t);
    const r = await rule(p, DOUBLE);
    const m = await enrol(p);
    const basket = { amount_fen: 12_345, lines: [{ sku: 'A', category: 'food', quantity: 1, amount_fen: 12_345 }] };
    const dry = await t.app.inject({ method: 'POST', url: url(p, '/rules/simulate'), headers: auth(p.posKey), payload: { purchase: { member_id: m, ...basket } } });
    expect(dry.statusCode, dry.body).toBe(200);
    const bought = await buy(p, m, basket);
    expect(bought.points_earned).toBe(246);
    expect(bought.breakdown).toEqual([
      { source: 'base', rule_id: null, rule_version: null, campaign_id: null, line: null, asked: 123, granted: 123, trimmed_by: [] },
      { source: 'rule', rule_id: r.id, rule_version: 1, campaign_id: null, line: null, asked: 123, granted: 123, trimmed_by: [] },
    ]);
    expect(dry.json()).toMatchObject({ points_asked: 246, points_earned: 246, eligible_fen: 12_345, breakdown: bought.breakdown });
    expect((await get(p, `/purchases/${bought.id}`)).json().breakdown).toEqual(bought.breakdown);
    const entry = (await get(p, `/members/${m}/statement`)).json().items[0];
    expect(entry).toMatchObject({ kind: 'earn', points: 246, purchase_id: bought.id, breakdown: bought.breakdown });
    expect(await available(p, m)).toBe(246);
  });

  it('the highest exclusive rule that applies fires alone; otherwise the stackable ones add up', async () => {
    const p = await createTestProgram(t);
    const m = await enrol(p);
    await rule(p, BONUS(10, { priority: 50 }));
    await rule(p, BONUS(20, { priority: 40 }));
    expect((await buy(p, m, { amount_fen: 1_000 })).points_earned).toBe(10 + 10 + 20);
    const food = await rule(p, BONUS(300, { priority: 1, mode: 'exclusive', conditions: { categories: ['food'] } }));
    await rule(p, BONUS(500, { priority: 0, mode: 'exclusive' }));
    const withFood = await buy(p, m, { amount_fen: 1_000, lines: [{ sku: 'F', category: 'food', quantity: 1, amount_fen: 1_000 }] });
    expect(withFood.points_earned).toBe(10 + 300);
    expect(withFood.breakdown.filter((i: { source: string }) => i.source === 'rule').map((i: { rule_id: string }) => i.rule_id)).toEqual([food.id]);
    // no food line: the food rule does not apply, so the lower exclusive one fires alone
    expect((await buy(p, m, { amount_fen: 1_000, lines: [{ sku: 'T', category: 'toys', quantity: 1, amount_fen: 1_000 }] })).points_earned).toBe(10 + 500);
  });

  it('a purchase reported late is judged by the rule version in force when it happened', async () => {
    const p = await createTestProgram(t);
    const m = await enrol(p);
    const r = await rule(p, BONUS(10));
    await new Promise((done) => setTimeout(done, 20));
    const between = new Date().toISOString();
    await new Promise((done) => setTimeout(done, 20));
    const edited = await put(p, `/rules/${r.id}`, BONUS(50));
    expect(edited.json()).toMatchObject({ version: 2 });
    const late = await buy(p, m, { amount_fen: 100, occurred_at: between });
    expect(late.breakdown[1]).toMatchObject({ rule_id: r.id, rule_version: 1, granted: 10 });
    expect((await buy(p, m, { amount_fen: 100 })).breakdown[1]).toMatchObject({ rule_version: 2, granted: 50 });
    // before the rule existed: no rule at all
    expect((await buy(p, m, { amount_fen: 100, occurred_at: new Date(Date.now() - 86_400_000).toISOString() })).points_earned).toBe(1);
    const history = (await get(p, `/rules/${r.id}`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[1].effective_to).toBe(history.versions[0].effective_from);
  });

  it('a per-day cap counts in the program\'s zone: 23:59 and 00:01 Shanghai are two days, and a trimmed award keeps what was asked', async () => {
    const p = await createTestProgram(t, { time_zone: 'Asia/Shanghai', earn_caps: { per_member_day: 150 } });
    const m = await enrol(p);
    const lateNight = '2026-11-20T15:59:00Z'; // 23:59 on the 20th in Shanghai
    const a = await buy(p, m, { amount_fen: 10_000, occurred_at: lateNight });
    const b = await buy(p, m, { amount_fen: 10_000, occurred_at: '2026-11-20T15:00:00Z' });
    expect([a.points_earned, b.points_earned, b.points_asked]).toEqual([100, 50, 100]);
    expect(b.breakdown[0]).toMatchObject({ source: 'base', asked: 100, granted: 50, trimmed_by: ['per_member_day'] });
    const nextDay = await buy(p, m, { amount_fen: 10_000, occurred_at: '2026-11-20T16:01:00Z' }); // 00:01 on the 21st
    expect(nextDay.points_earned).toBe(100);
    const capped = await buy(p, m, { amount_fen: 10_000, occurred_at: '2026-11-20T16:30:00Z' });
    expect([capped.points_earned, capped.points_asked, capped.points_state]).toEqual([50, 100, 'available']);
    const full = await buy(p, m, { amount_fen: 10_000, occurred_at: '2026-11-20T17:00:00Z' });
    expect([full.points_earned, full.points_asked, full.breakdown[0].trimmed_by]).toEqual([0, 100, ['per_member_day']]);
    expect(await available(p, m)).toBe(100 + 50 + 100 + 50);
  });

  it('a rule\'s own caps: per purchase and per member per month', async () => {
    const p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    if (new Date().getUTCDate() === 1 || new Date().getUTCDate() >= 28) return; // a month boundary could fall between the purchases
    const m = await enrol(p);
    await rule(p, { ...DOUBLE, caps: { per_purchase: 30, per_member_month: 50 } });
    // (the rule is in force from its creation: the purchases are now; the engine's tests cross months)
    const one = await buy(p, m, { amount_fen: 10_000 });
    expect(one.breakdown[1]).toMatchObject({ asked: 100, granted: 30, trimmed_by: ['rule_per_purchase'] });
    const two = await buy(p, m, { amount_fen: 10_000 });
    expect(two.breakdown[1]).toMatchObject({ asked: 100, granted: 20, trimmed_by: ['rule_per_purchase', 'rule_per_member_month'] });
    const three = await buy(p, m, { amount_fen: 10_000 });
    expect([three.points_earned, three.points_asked]).toEqual([100, 200]);
  });

  it('30 concurrent purchases of one member never pass the daily cap, and none is lost or doubled', async () => {
    const p = await createTestProgram(t, { earn_caps: { per_member_day: 1_000 } });
    const m = await enrol(p);
    await rule(p, DOUBLE);
    const results = await Promise.all(Array.from({ length: 30 }, () =>
      post(p, '/purchases', { member_id: m, store_id: p.storeId, amount_fen: 5_000 }, { 'idempotency-key': randomUUID() })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const ok = results.map((r) => r.json());
    // 100 asked each (50 base + 50 doubled): ten fill the cap, the rest get nothing
    expect(ok.map((r) => r.points_asked)).toEqual(Array(30).fill(100));
    const granted = ok.reduce((s, r) => s + r.points_earned, 0);
    expect(granted).toBe(1_000);
    expect(await available(p, m)).toBe(granted);
    const statement = (await get(p, `/members/${m}/statement?limit=200`)).json().items;
    expect(statement.filter((e: { kind: string }) => e.kind === 'earn').reduce((s: number, e: { points: number }) => s + e.points, 0)).toBe(granted);
  });

  it('simulate: a draft rule tried beside the rules in force, storing nothing', async () => {
    const p = await createTestProgram(t);
    const m = await enrol(p);
    const r = await rule(p, BONUS(10));
    const purchase = { member_id: m, store_id: p.storeId, amount_fen: 2_000 };
    const sim = await post(p, '/rules/simulate', { purchase, draft: BONUS(99), draft_of: r.id });
    expect(sim.statusCode, sim.body).toBe(200);
    expect(sim.json()).toMatchObject({ points_earned: 20 + 99 });
    expect((await post(p, '/rules/simulate', { purchase })).json().points_earned).toBe(30);
    expect((await get(p, `/members/${m}/statement`)).json().items).toEqual([]);
  });

  it('rules are edited as versions, paused, and archived for good; bad input names the field in the caller\'s language', async () => {
    const p = await createTestProgram(t);
    const r = await rule(p, DOUBLE);
    const paused = await post(p, `/rules/${r.id}/status`, { status: 'paused' });
    expect(paused.json()).toMatchObject({ status: 'paused', version: 2 });
    expect((await get(p, '/rules')).json().items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[r.id, 'paused']]);
    expect((await post(p, `/rules/${r.id}/status`, { status: 'archived' })).json()).toMatchObject({ status: 'archived', version: 3 });
    expect((await get(p, '/rules')).json().items).toEqual([]);
    expect((await get(p, '/rules?status=archived')).json().items).toHaveLength(1);
    const again = await put(p, `/rules/${r.id}`, DOUBLE);
    expect([again.statusCode, again.json().code]).toEqual([409, 'rule_archived']);

    const bad = { ...DOUBLE, conditions: { weekdays: [1, 8] } };
    const en = await post(p, '/rules', bad);
    expect(en.statusCode).toBe(400);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json().errors[0].field).toBe('conditions.weekdays[1]');
    const zh = await t.app.inject({ method: 'POST', url: url(p, '/rules'), headers: { ...auth(p.adminKey), 'accept-language': 'zh-CN' }, payload: { ...DOUBLE, valid_from: '2026-12-01', valid_to: '2026-11-01' } });
    expect(zh.json().errors[0]).toMatchObject({ field: 'valid_to' });
    expect(zh.json().errors[0].message).toContain('有效期');
    expect((await get(p, '/rules?status=active')).json().items).toEqual([]);
  });
});
