import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kit } from './reward.test-kit.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';

// A catalogue item of kind coupon (积分兑换 → 优惠券): redeeming it issues a coupon of its
// type to the member in the same transaction; cancelling the redemption voids that coupon,
// and once the member has used it at a till the redemption can no longer be cancelled.

describe.each(testDbKinds())('redeeming a coupon item on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let k: ReturnType<typeof kit>;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    k = kit(() => t, () => p);
  });
  afterAll(async () => { await t.close(); });

  it('issues the coupon with the redemption, voids it on cancel, and refuses the cancel once it is used', async () => {
    const type = (await k.call('POST', '/coupon-types', { body: { name: '满100减20', kind: 'amount', amount_off_fen: 2000, min_spend_fen: 10_000, valid_days: 30 } })).json();
    const reward = await k.reward({ kind: 'coupon', name: '20元券', coupon_type_id: type.id, points: 200 });
    const member = await k.member(1000);

    const first = await k.redeem(member, reward.id);
    expect(first.statusCode, first.body).toBe(201);
    const coupons = (await k.call('GET', `/coupons?member_id=${member}`)).json().items as { id: string; code: string; source: string; state: string }[];
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ source: 'redemption', state: 'available' });
    expect(first.json().coupon_ref).toBe(coupons[0]!.id);

    // cancelled: points back, the coupon void at the till
    const cancel = await k.call('POST', `/reward-redemptions/${first.json().id}/cancel`, { body: { reason: '会员改主意' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await k.balance(member)).available).toBe(1000);
    const till = { code: coupons[0]!.code, basket_fen: 12_000, purchase_ref: 'R-9' };
    expect((await k.call('POST', '/coupons/consume', { key: p.posKey, body: till })).json()).toMatchObject({ code: 'coupon_void' });

    // redeemed again and used at the till: the redemption stands
    const second = await k.redeem(member, reward.id);
    const code = (await k.call('GET', `/coupons?member_id=${member}&status=issued`)).json().items[0].code as string;
    expect((await k.call('POST', '/coupons/consume', { key: p.posKey, body: { ...till, code } })).statusCode).toBe(200);
    const refused = await k.call('POST', `/reward-redemptions/${second.json().id}/cancel`, { body: { reason: '太晚了' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'coupon_used' });
    expect((await k.balance(member)).available).toBe(800);
    expect((await k.call('GET', `/reward-redemptions/${second.json().id}`)).json().status).toBe('created');
  });

  it('staff void an unused coupon with a reason; a used one cannot be voided', async () => {
    const type = (await k.call('POST', '/coupon-types', { body: { name: '无门槛5元', kind: 'amount', amount_off_fen: 500, valid_days: 7 } })).json();
    const member = await k.member(0);
    const issue = () => k.call('POST', `/members/${member}/coupons`, { body: { type_id: type.id, reason: '停车故障补偿' } });
    const one = (await issue()).json();
    expect((await k.call('POST', `/coupons/${one.code}/void`, { body: {} })).json()).toMatchObject({ status: 400, field: 'reason' });
    const voided = await k.call('POST', `/coupons/${one.code}/void`, { body: { reason: '发错会员' } });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ state: 'void' });
    expect((await k.call('POST', `/coupons/${one.code}/void`, { body: { reason: '再点一次' } })).statusCode).toBe(200);
    expect((await k.call('POST', '/coupons/consume', { key: p.posKey, body: { code: one.code, basket_fen: 1000, purchase_ref: 'R-1' } })).json()).toMatchObject({ code: 'coupon_void' });

    const two = (await issue()).json();
    expect((await k.call('POST', '/coupons/consume', { key: p.posKey, body: { code: two.code, basket_fen: 1000, purchase_ref: 'R-2' } })).statusCode).toBe(200);
    const late = await k.call('POST', `/coupons/${two.code}/void`, { body: { reason: '太晚了' }, key: p.adminKey });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'coupon_used' });
    expect((await k.call('POST', `/coupons/${two.code}/void`, { body: { reason: 'x' }, key: p.posKey })).statusCode).toBe(403);
  });
});
