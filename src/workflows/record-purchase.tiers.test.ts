import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, apiHeaders as auth } from '../testing/harness.ts';

// A purchase and the member's tier (seed 000 第三章 晋升标准/晋升流程): crossing a reach
// threshold lifts the member in the purchase's own statement, the tier's multiplier earns
// from then on, and a purchase reported late earns by the tier of its own time.

describe.each(testDbKinds())('purchases and tiers on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });

  async function program() {
    const p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const tiers = await t.services.tiers.create(p.programId, [
      { code: 'base', name: '普卡', rank: 1, reach_threshold: 0 },
      { code: 'silver', name: '银卡', rank: 2, reach_threshold: 100_000, keep_threshold: 80_000 },
      { code: 'gold', name: '金卡', rank: 3, reach_threshold: 500_000, keep_threshold: 400_000, benefits: { earn_multiplier_pct: 150 } },
    ]);
    const member = await call('POST', `/v1/programs/${p.programId}/members`, p.adminKey, { phone: `1375${String(++seq).padStart(7, '0')}` });
    expect(member.statusCode).toBe(201);
    const id = (code: string) => tiers.find((x) => x.code === code)!.id;
    return { ...p, memberId: member.json().id as string, silver: id('silver'), gold: id('gold') };
  }
  type P = Awaited<ReturnType<typeof program>>;
  const buy = async (p: P, amount_fen: number, extra: object = {}, key: string = randomUUID()) => {
    const r = await call('POST', `/v1/programs/${p.programId}/purchases`, p.posKey, { member_id: p.memberId, amount_fen, ...extra }, { 'idempotency-key': key });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const tierOf = async (p: P) => (await call('GET', `/v1/programs/${p.programId}/members/${p.memberId}`, p.adminKey)).json().tier?.code ?? null;
  const progress = async (p: P) => (await call('GET', `/v1/programs/${p.programId}/members/${p.memberId}/tier`, p.adminKey)).json();
  const changes = async (p: P) => (await t.services.ctx.db.selectFrom('outbox').select('payload').where('program_id', '=', p.programId)
    .where('aggregate_id', '=', p.memberId).where('topic', '=', 'member.tier_changed').orderBy('id').execute()).map((e) => e.payload as Record<string, unknown>);

  it('the purchase that crosses the reach threshold lifts the member at once, with member.tier_changed; a replay counts once', async () => {
    const p = await program();
    expect(await tierOf(p)).toBe('base');
    await buy(p, 99_999, {}, 'first');
    expect(await tierOf(p)).toBe('base');
    await buy(p, 99_999, {}, 'first'); // the POS retries: the figure does not count it twice
    expect((await progress(p)).figure).toBe(99_999);
    await buy(p, 1);
    expect(await tierOf(p)).toBe('silver');
    expect(await changes(p)).toEqual([expect.objectContaining({ member_id: p.memberId, to_tier_id: p.silver, source: 'purchase', figure: 100_000 })]);
    // one purchase over two thresholds goes straight to the higher tier
    await buy(p, 400_000);
    expect(await tierOf(p)).toBe('gold');
    expect((await changes(p)).map((c) => c.to_tier_id)).toEqual([p.silver, p.gold]);
    const history = (await progress(p)).history.map((h: { tier: { id: string }; source: string }) => [h.tier.id, h.source]);
    expect(history.slice(0, 2)).toEqual([[p.gold, 'purchase'], [p.silver, 'purchase']]);
  });

  it('the tier earns its multiplier from the lift on; a purchase reported late earns by the tier of its own time; spending points never lowers the figure', async () => {
    const p = await program();
    const before = new Date(Date.now() - 60_000).toISOString();
    await buy(p, 500_000);
    expect(await tierOf(p)).toBe('gold');
    const gold = await buy(p, 10_000);
    expect(gold.breakdown).toEqual([
      expect.objectContaining({ source: 'base', asked: 100 }),
      expect.objectContaining({ source: 'tier', asked: 50, granted: 50 }),
    ]);
    expect(gold.points_earned).toBe(150);
    const late = await buy(p, 10_000, { occurred_at: before });
    expect([late.points_earned, late.breakdown.map((i: { source: string }) => i.source)]).toEqual([100, ['base']]);
    const figure = (await progress(p)).figure;
    expect(figure).toBe(520_000);
    const spent = await call('POST', `/v1/programs/${p.programId}/members/${p.memberId}/redemptions`, p.adminKey, { points: 5_000, description: '兑换' }, { 'idempotency-key': randomUUID() });
    expect(spent.statusCode, spent.body).toBe(201);
    expect((await progress(p)).figure).toBe(figure);
    expect(await tierOf(p)).toBe('gold');
  });
});
