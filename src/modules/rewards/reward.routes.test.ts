import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/transaction.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { kit } from './reward.test-kit.ts';

// The catalogue and redemption API (answers checked against the OpenAPI document by the
// harness): items and images, every refusal a cashier reads out, idempotent retries,
// fulfilment by pickup code or tracking note, and bad input named by field.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.from('x'))]);

describe.each(testDbKinds())('reward routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const k = kit(() => t, () => p);
  const today = () => localDate(new Date(), 'Asia/Shanghai');
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('creates, reads, lists, edits a reward and serves its image with caching headers', async () => {
    const r = await k.reward({ kind: 'parking', name: '停车券', parking_hours: 2, stock: 5, cash_fen: 500, per_member_limit: 2, period_limit: 1, limit_period: 'day', store_ids: [p.storeId] });
    expect(r).toMatchObject({ id: expect.stringMatching(/^rwd_/), stock: 5, redeemed: 0, image_url: null });
    expect((await k.call('GET', `/rewards/${r.id}`)).json()).toEqual(r);
    expect((await k.call('GET', '/rewards?kind=parking&q=停车', { key: p.posKey })).json()).toMatchObject({ total: 1, items: [{ id: r.id }] });
    expect((await k.call('GET', '/rewards?kind=goods')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    const e = await k.call('PATCH', `/rewards/${r.id}`, { body: { stock: 7, active: false } });
    expect(e.json()).toMatchObject({ stock: 7, active: false });
    const up = await k.call('PUT', `/rewards/${r.id}/image`, { body: { content_type: 'image/png', data_base64: PNG.toString('base64') } });
    expect(up.statusCode, up.body).toBe(200);
    const url = up.json().image_url as string;
    expect(url).toMatch(/^\/media\/programs\/.+\/image\?v=[0-9a-f]{16}$/);
    const img = await t.app.inject({ method: 'GET', url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['cache-control']).toContain('max-age=31536000');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': img.headers.etag as string } })).statusCode).toBe(304);
    // the bytes must be the type named
    const bad = await k.call('PUT', `/rewards/${r.id}/image`, { body: { content_type: 'image/jpeg', data_base64: PNG.toString('base64') } });
    expect(bad.json()).toMatchObject({ status: 400, field: 'data_base64' });
  });

  it('refuses bad input as problem+json naming the field, in zh or en, and writes nothing', async () => {
    const before = (await k.call('GET', '/rewards')).json().total;
    const cases: [object, string][] = [
      [{ kind: 'goods', name: 'x', points: 0 }, 'points'],
      [{ kind: 'coupon', name: 'x', points: 10 }, 'coupon_type_id'],
      [{ kind: 'goods', name: 'x', points: 10, period_limit: 2 }, 'limit_period'],
      [{ kind: 'goods', name: 'x', points: 10, valid_from: '2026-12-02', valid_to: '2026-12-01' }, 'valid_to'],
      [{ kind: 'goods', name: 'x', points: 10, tier_ids: ['tier_01JAAAAAAAAAAAAAAAAAAAAAAA'] }, 'tier_ids[0]'],
      [{ kind: 'toys', name: 'x', points: 10 }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const r = await k.call('POST', '/rewards', { body });
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json(), JSON.stringify(body)).toMatchObject({ status: 400, field });
    }
    const zh = await k.call('POST', '/rewards', { body: cases[1]![0], lang: 'zh' });
    expect(zh.json().detail).toContain('券类型');
    expect((await k.call('GET', '/rewards')).json().total).toBe(before);
    const r = await k.reward();
    const m = await k.member(500);
    const noKey = await k.call('POST', `/members/${m}/reward-redemptions`, { body: { reward_id: r.id } });
    expect(noKey.json()).toMatchObject({ code: 'idempotency_key_required' });
    expect((await k.redeem(m, 'rwd_bad')).json()).toMatchObject({ status: 400, field: 'reward_id' });
    expect((await k.balance(m)).available).toBe(500);
  });

  it('refuses with the reason a cashier can say, and keeps the points', async () => {
    const m = await k.member(150);
    const refused = async (over: object, body: object = {}) => {
      const r = await k.reward(over);
      const res = await k.redeem(m, r.id, { body });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      return res.json();
    };
    expect(await refused({ stock: 0 })).toMatchObject({ code: 'reward_out_of_stock', detail: 'Out of stock: none left to redeem' });
    expect(await refused({ valid_from: addDays(today(), 1) })).toMatchObject({ code: 'reward_not_valid', detail: `Not valid yet: redeemable from ${addDays(today(), 1)}` });
    expect(await refused({ valid_to: addDays(today(), -1) })).toMatchObject({ code: 'reward_not_valid', detail: `Expired: redeemable until ${addDays(today(), -1)}` });
    expect(await refused({ active: false })).toMatchObject({ code: 'reward_not_valid' });
    expect(await refused({ store_ids: [p.otherStoreId] }, { store_id: p.storeId })).toMatchObject({ code: 'reward_store_not_allowed', field: 'store_id' });
    expect(await refused({ points: 151 })).toMatchObject({ code: 'insufficient_points', available: 150, requested: 151 });
    expect(await refused({ cash_fen: 1000 })).toMatchObject({ code: 'validation', field: 'payment_ref' });
    const [gold] = await t.services.tiers.create(p.programId, [{ code: 'GOLD', name: '金卡', rank: 1, reach_threshold: 1000 }]);
    expect(await refused({ tier_ids: [gold!.id] })).toMatchObject({ code: 'reward_tier_not_allowed' });
    const limited = await k.reward({ per_member_limit: 1 });
    expect((await k.redeem(m, limited.id)).statusCode).toBe(201);
    expect((await k.redeem(m, limited.id)).json()).toMatchObject({ code: 'reward_limit_reached', limit: 1, detail: 'Limit reached: at most 1 per member' });
    const daily = await k.reward({ period_limit: 0 + 1, limit_period: 'day', points: 10 });
    expect((await k.redeem(m, daily.id)).statusCode).toBe(201);
    expect((await k.redeem(m, daily.id)).json()).toMatchObject({ code: 'reward_limit_reached', limit: 1, scope: 'day' });
    expect((await k.balance(m)).available).toBe(40);
    // a POS key redeems at its own store: a reward of the other store is refused there
    const other = await k.reward({ store_ids: [p.otherStoreId], points: 1 });
    expect((await k.redeem(m, other.id, { key: p.posKey })).json()).toMatchObject({ code: 'reward_store_not_allowed' });
    // the member's tier allows it
    await inTransaction(t.services.ctx.db, () => t.services.members.setTier(p.programId, m, gold!.id));
    const tiered = await k.reward({ tier_ids: [gold!.id], points: 1 });
    expect((await k.redeem(m, tiered.id)).statusCode).toBe(201);
  });

  it('a retry with the same key replays the answer and debits once; another body with it is a 409', async () => {
    const m = await k.member(1000);
    const r = await k.reward({ stock: 5 });
    const a = await k.redeem(m, r.id, { idem: 'same-key' });
    const b = await k.redeem(m, r.id, { idem: 'same-key' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    expect(await k.redeemDebits(m)).toHaveLength(1);
    expect((await k.call('GET', `/rewards/${r.id}`)).json().stock).toBe(4);
    const c = await k.redeem(m, r.id, { idem: 'same-key', body: { delivery: 'shipping' } });
    expect(c.json()).toMatchObject({ status: 409, code: 'idempotency_conflict' });
  });

  it('fulfils with the pickup code or a tracking note, once; a fulfilled one cannot be cancelled', async () => {
    const m = await k.member(1000);
    const r = await k.reward({ cash_fen: 990 });
    const red = (await k.redeem(m, r.id, { key: p.posKey, body: { payment_ref: 'POS-2026-0001' } })).json();
    expect(red).toMatchObject({ status: 'created', delivery: 'pickup', cash_fen: 990, payment_ref: 'POS-2026-0001', store_id: p.storeId, pickup_code: expect.stringMatching(/^\d{6}$/), balance_after: 900 });
    const wrong = await k.call('POST', `/reward-redemptions/${red.id}/fulfil`, { key: p.posKey, body: { pickup_code: red.pickup_code === '000000' ? '111111' : '000000' } });
    expect(wrong.json()).toMatchObject({ code: 'pickup_code_mismatch', field: 'pickup_code' });
    const ok = await k.call('POST', `/reward-redemptions/${red.id}/fulfil`, { key: p.posKey, body: { pickup_code: red.pickup_code } });
    expect(ok.json()).toMatchObject({ status: 'fulfilled', fulfilled_at: expect.any(String) });
    expect((await k.call('POST', `/reward-redemptions/${red.id}/fulfil`, { body: { pickup_code: red.pickup_code } })).json()).toMatchObject({ code: 'redemption_status' });
    expect((await k.call('POST', `/reward-redemptions/${red.id}/cancel`, { body: { reason: 'x' } })).json()).toMatchObject({ code: 'redemption_status' });
    const ship = (await k.redeem(m, r.id, { body: { delivery: 'shipping', payment_ref: 'POS-2' } })).json();
    expect(ship.pickup_code).toBeNull();
    expect((await k.call('POST', `/reward-redemptions/${ship.id}/fulfil`, { body: {} })).json()).toMatchObject({ field: 'tracking_note' });
    expect((await k.call('POST', `/reward-redemptions/${ship.id}/fulfil`, { body: { tracking_note: 'SF 1234567890' } })).json()).toMatchObject({ status: 'fulfilled', tracking_note: 'SF 1234567890' });
    const queue = (await k.call('GET', `/reward-redemptions?status=fulfilled&member_id=${m}`)).json();
    expect(queue.total).toBe(2);
    // a screen's list names the member by number, not by id
    expect(queue.items[0]).toMatchObject({ member_id: m, member_no: expect.stringMatching(/^\d+$/) });
    expect((await k.call('GET', `/members/${m}/reward-redemptions`)).json().items.map((x: { id: string }) => x.id)).toEqual([ship.id, red.id]);
    // the till works its own store's queue: the pick-up here, not the parcel sent from the office
    const tills = (await k.call('GET', `/reward-redemptions?member_id=${m}`, { key: p.posKey })).json();
    expect(tills.items.map((x: { id: string }) => x.id)).toEqual([red.id]);
    const events = await t.services.ctx.db.selectFrom('outbox').select('topic').where('program_id', '=', p.programId).where('aggregate_id', '=', m).execute();
    expect(events.filter((e) => e.topic.startsWith('reward.')).map((e) => e.topic).sort()).toEqual(['reward.fulfilled', 'reward.fulfilled', 'reward.redeemed', 'reward.redeemed']);
  });
});
