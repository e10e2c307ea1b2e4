import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../testing/harness.ts';

// Terminating a member (合同终止) settles what they hold in the status change's transaction:
// a corporate VIP seat freed for the company (the tier floor withdrawn), unused coupons voided,
// pending redemptions cancelled (their points back first), then every open point forfeited,
// so the ledger balances and the member ends at 0. Open cases stay open and are named.
// A personal VIP membership ends, its refund recorded with how it is paid. Suspending settles nothing.

const TZ = 'Asia/Shanghai';
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe.each(testDbKinds())('terminating a member on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let gold: string;
  let corpPlan: string;
  let personalPlan: string;
  let couponType: string;
  let seq = 0;
  let receipt = 0;
  const today = () => localDate(new Date(), TZ);

  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: object, opts: { key?: string; idem?: string; lang?: string } = {}) => t.app.inject({
    method, url: `/v1/programs/${p.programId}${path}`,
    headers: { authorization: `Bearer ${opts.key ?? p.adminKey}`, 'accept-language': opts.lang ?? 'en', ...(opts.idem ? { 'idempotency-key': opts.idem } : {}) },
    ...(body ? { payload: body } : {}),
  });
  const ok = async (r: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const res = await r;
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const pay = (amount: number) => ({ method: 'bank_transfer', amount_fen: amount, paid_on: today(), receipt_no: `T-${kind}-${++receipt}` });

  async function member(points: number) {
    const m = await ok(call('POST', '/members', { phone: `1385${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}` }), 201);
    if (points) await ok(call('POST', '/purchases', { member_id: m.id, amount_fen: points * 100 }, { key: p.posKey, idem: `buy-${m.id}` }), 201);
    return m.id as string;
  }
  async function ledger(memberId: string) {
    const db = t.services.ctx.db;
    const [entries, lots, [bal]] = await Promise.all([
      db.selectFrom('ledger_entries').selectAll().where('program_id', '=', p.programId).where('member_id', '=', memberId).execute(),
      db.selectFrom('point_lots').selectAll().where('program_id', '=', p.programId).where('member_id', '=', memberId).execute(),
      db.selectFrom('point_balances').selectAll().where('program_id', '=', p.programId).where('member_id', '=', memberId).execute(),
    ]);
    const of = (kinds: string[], dir: string) => sum(entries.filter((e) => e.direction === dir && kinds.includes(e.kind)).map((e) => e.points));
    return { entries, lots, bal: bal!, of };
  }
  const floorOf = async (memberId: string) => (await t.services.tiers.states(p.programId, [memberId])).floors.get(memberId);
  const events = async (topic: string, aggregateId: string) => (await t.services.ctx.db.selectFrom('outbox').select('payload')
    .where('program_id', '=', p.programId).where('topic', '=', topic).where('aggregate_id', '=', aggregateId).execute()).length;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: TZ });
    const tiers = await t.services.tiers.create(p.programId, [
      { code: 'base', name: '普卡', rank: 1, reach_threshold: 0 },
      { code: 'gold', name: '金卡', rank: 2, reach_threshold: 10_000_000, keep_threshold: 10_000_000 },
    ]);
    gold = tiers.find((x) => x.code === 'gold')!.id;
    corpPlan = (await ok(call('POST', '/vip-plans', { kind: 'corporate', name: '企业 VIP', max_seats: 2, refund_policy: 'none', tier_id: gold }), 201)).id;
    personalPlan = (await ok(call('POST', '/vip-plans', { kind: 'individual', name: '个人 VIP', annual_fee_fen: 365_000, refund_policy: 'pro_rata', tier_id: gold }), 201)).id;
    couponType = (await ok(call('POST', '/coupon-types', { name: '满100减20', kind: 'amount', amount_off_fen: 2000, min_spend_fen: 10_000, valid_days: 30 }), 201)).id;
  });
  afterAll(async () => { await t.close(); });

  /** A member with a company seat, three coupons (one used), a pending redemption and points. */
  async function holder() {
    const m = await member(1000);
    const colleague = await member(0);
    const company = await ok(call('POST', '/vip-memberships', {
      plan_id: corpPlan, company_name: '星河科技', contact_name: '王经理', fee_fen: 500_000, member_ids: [m, colleague], payment: pay(500_000),
    }), 201);
    const coupons = [];
    for (let i = 0; i < 3; i++) coupons.push(await ok(call('POST', `/members/${m}/coupons`, { type_id: couponType, reason: 'goodwill' }), 201));
    await ok(call('POST', '/coupons/consume', { code: coupons[0]!.code, store_id: p.storeId, basket_fen: 12_000, purchase_ref: `R-${m}` }, { key: p.posKey }));
    const reward = await ok(call('POST', '/rewards', { kind: 'goods', name: '保温杯', name_en: 'Thermos', points: 300, stock: 5 }), 201);
    const redemption = await ok(call('POST', `/members/${m}/reward-redemptions`, { reward_id: reward.id }, { idem: `rdm-${m}` }), 201);
    const kase = await ok(call('POST', '/cases', { type: 'complaint', channel: 'phone', subject: '积分未到账', member_id: m, route: false }), 201);
    return { m, colleague, company, coupons, reward, redemption, kase: (kase.case ?? kase) as { id: string; number: string } };
  }

  it('previews, then settles a seat, coupons, a redemption and the points in one go; a retry settles nothing', async () => {
    const h = await holder();
    expect((await ok(call('GET', `/members/${h.m}`))).tier.code).toBe('gold');
    expect((await ok(call('GET', `/members/${h.m}/balance`))).available).toBe(700);

    const preview = await ok(call('GET', `/members/${h.m}/termination-preview`));
    expect(preview).toEqual({
      points_forfeited: 1000, points_returned: 300, coupons_voided: 2,
      redemptions_cancelled: [{ id: h.redemption.id, reward_name: '保温杯', reward_name_en: 'Thermos', points: 300 }],
      seats_released: [{ membership_id: h.company.id, company_name: '星河科技', plan_name: '企业 VIP', plan_name_en: null }],
      vip_membership_ended: null,
      cases_left_open: [{ id: h.kase.id, number: h.kase.number, type: 'complaint', status: expect.any(String) }],
    });

    const done = await ok(call('POST', `/members/${h.m}/terminate`, { reason: '合同终止' }));
    expect(done).toMatchObject({ id: h.m, status: 'terminated', status_reason: '合同终止' });
    expect(done.settled).toEqual(preview);

    // the seat is free for the company, the colleague keeps theirs; the member lost the VIP floor
    const company = await ok(call('GET', `/vip-memberships/${h.company.id}`));
    expect(company.members.map((x: { member: { id: string } }) => x.member.id)).toEqual([h.colleague]);
    expect(company.seats.find((x: { member: { id: string } }) => x.member.id === h.m)).toMatchObject({ removed_reason: 'terminated', removed_at: expect.any(String) });
    expect(await floorOf(h.m)).toBeUndefined();
    expect(await floorOf(h.colleague)).toMatchObject({ tierId: gold });
    await ok(call('POST', `/vip-memberships/${h.company.id}/members`, { member_id: await member(0) }));

    // unused coupons void, the used one untouched; a till refuses a voided one
    const coupons = (await ok(call('GET', `/coupons?member_id=${h.m}`))).items as { id: string; status: string; reason: string | null; code: string }[];
    expect(coupons.filter((c) => c.status === 'void').map((c) => [c.id, c.reason]).sort()).toEqual([[h.coupons[1]!.id, 'terminated'], [h.coupons[2]!.id, 'terminated']].sort());
    expect(coupons.find((c) => c.id === h.coupons[0]!.id)?.status).toBe('consumed');
    const till = await call('POST', '/coupons/validate', { code: h.coupons[1]!.code, store_id: p.storeId, basket_fen: 12_000 }, { key: p.posKey });
    expect([till.statusCode, till.json().code]).toEqual([409, 'coupon_void']);

    // the redemption is cancelled and its stock is back
    expect(await ok(call('GET', `/reward-redemptions/${h.redemption.id}`))).toMatchObject({ status: 'cancelled', points_restored: 300 });
    expect((await ok(call('GET', `/rewards/${h.reward.id}`))).stock).toBe(5);

    // the ledger: refunded first, then all forfeited; 0 left and every sum agrees
    const l = await ledger(h.m);
    expect(await ok(call('GET', `/members/${h.m}/balance`))).toMatchObject({ available: 0, pending: 0, spent: 0, expired: 1000 });
    expect([l.bal.available, l.bal.pending, sum(l.lots.map((x) => x.remaining))]).toEqual([0, 0, 0]);
    expect(l.of(['earn', 'adjust', 'redeem'], 'credit')).toBe(l.of(['redeem', 'adjust', 'expire', 'return'], 'debit') + sum(l.lots.map((x) => x.remaining)));
    expect([l.of(['redeem'], 'debit'), l.of(['redeem'], 'credit'), l.of(['expire'], 'debit')]).toEqual([300, 300, 1000]);
    expect(l.entries.find((e) => e.kind === 'expire')).toMatchObject({ reason_code: 'terminated', note: '合同终止' });

    // the case is still open
    expect((await ok(call('GET', `/cases/${h.kase.id}`))).closed_at ?? null).toBeNull();

    // a second termination is refused and settles nothing more
    const again = await call('POST', `/members/${h.m}/terminate`, { reason: '合同终止' });
    expect([again.statusCode, again.json().code, again.json().field]).toEqual([409, 'conflict', 'status']);
    expect((await ledger(h.m)).entries).toHaveLength(l.entries.length);
    expect([await events('points.forfeited', h.m), await events('reward.cancelled', h.m), await events('member.terminated', h.m)]).toEqual([1, 1, 1]);
    expect((await call('GET', `/members/${h.m}/termination-preview`)).statusCode).toBe(409);
  });

  it('suspending settles none of it', async () => {
    const h = await holder();
    const r = await ok(call('POST', `/members/${h.m}/suspend`, { reason: '核实身份' }));
    expect(r).toMatchObject({ status: 'suspended' });
    expect(r).not.toHaveProperty('settled');
    expect((await ok(call('GET', `/vip-memberships/${h.company.id}`))).members).toHaveLength(2);
    expect(await floorOf(h.m)).toMatchObject({ tierId: gold });
    const coupons = (await ok(call('GET', `/coupons?member_id=${h.m}`))).items as { status: string }[];
    expect(coupons.map((c) => c.status).sort()).toEqual(['consumed', 'issued', 'issued']);
    expect((await ok(call('GET', `/reward-redemptions/${h.redemption.id}`))).status).toBe('created');
    expect((await ok(call('GET', `/members/${h.m}/balance`))).available).toBe(700);
    // a suspended member can still be terminated, and then it all settles
    expect((await ok(call('POST', `/members/${h.m}/terminate`, { reason: '合同终止' }))).settled).toMatchObject({ points_forfeited: 1000, coupons_voided: 2 });
  });

  it('leaves standing a redemption whose coupon was already used, and cancels one whose coupon was not', async () => {
    const m = await member(500);
    const reward = await ok(call('POST', '/rewards', { kind: 'coupon', name: '20 元券', points: 100, coupon_type_id: couponType }), 201);
    const used = await ok(call('POST', `/members/${m}/reward-redemptions`, { reward_id: reward.id }, { idem: `cu-${m}` }), 201);
    const unused = await ok(call('POST', `/members/${m}/reward-redemptions`, { reward_id: reward.id }, { idem: `cn-${m}` }), 201);
    const coupons = (await ok(call('GET', `/coupons?member_id=${m}`))).items as { id: string; code: string }[];
    const usedCoupon = coupons.find((c) => c.id === used.coupon_ref)!;
    await ok(call('POST', '/coupons/consume', { code: usedCoupon.code, store_id: p.storeId, basket_fen: 12_000, purchase_ref: `R-${m}` }, { key: p.posKey }));

    const done = await ok(call('POST', `/members/${m}/terminate`, { reason: '合同终止' }));
    expect(done.settled).toMatchObject({ points_forfeited: 400, points_returned: 100, coupons_voided: 1, redemptions_cancelled: [{ id: unused.id }] });
    expect((await ok(call('GET', `/reward-redemptions/${used.id}`))).status).toBe('created');
    expect((await ok(call('GET', `/reward-redemptions/${unused.id}`))).status).toBe('cancelled');
    const l = await ledger(m);
    expect([l.bal.available, l.of(['redeem'], 'debit') - l.of(['redeem'], 'credit'), l.of(['expire'], 'debit')]).toEqual([0, 100, 400]);
  });

  it('ends a personal VIP membership, its pro rata refund recorded with how it is paid back', async () => {
    const m = await member(50);
    const vip = await ok(call('POST', '/vip-memberships', { plan_id: personalPlan, member_id: m, payment: pay(365_000) }), 201);
    const preview = await ok(call('GET', `/members/${m}/termination-preview`));
    const refund = preview.vip_membership_ended.refund_fen as number;
    expect(preview.vip_membership_ended).toMatchObject({ membership_id: vip.id, plan_name: '个人 VIP', refund_policy: 'pro_rata', ends_on: today(), refund_id: null });
    expect(refund).toBeGreaterThan(300_000);

    // without saying how the refund is paid: refused in the caller's language, nothing changed
    const bare = await call('POST', `/members/${m}/terminate`, { reason: '合同终止' }, { lang: 'zh-CN' });
    expect([bare.statusCode, bare.json().field]).toEqual([400, 'vip_refund']);
    expect(bare.json().detail).toContain(`${refund} 分`);
    const wrong = await call('POST', `/members/${m}/terminate`, { reason: '合同终止', vip_refund: { refund_fen: refund + 1, method: 'bank_transfer' } });
    expect([wrong.statusCode, wrong.json().code, wrong.json().field]).toEqual([409, 'vip_refund_changed', 'vip_refund.refund_fen']);
    expect((await ok(call('GET', `/members/${m}`))).status).toBe('active');
    expect((await ok(call('GET', `/members/${m}/balance`))).available).toBe(50);
    expect((await ok(call('GET', `/vip-memberships/${vip.id}`))).status).toBe('active');

    const done = await ok(call('POST', `/members/${m}/terminate`, { reason: '合同终止', vip_refund: { refund_fen: refund, method: 'bank_transfer', reference: 'TR-1' } }));
    expect(done.settled).toMatchObject({ points_forfeited: 50, seats_released: [], vip_membership_ended: { membership_id: vip.id, refund_fen: refund, refund_id: expect.stringMatching(/^vrf_/) } });
    const ended = await ok(call('GET', `/vip-memberships/${vip.id}`));
    expect(ended).toMatchObject({ status: 'ended', ends_on: today(), refunds: [{ amount_fen: refund, method: 'bank_transfer', reference: 'TR-1' }] });
    expect(ended.members.map((x: { member: { id: string } }) => x.member.id)).toEqual([m]);
    expect(await floorOf(m)).toBeUndefined();

    // a refund given for a member with no personal VIP membership is refused
    const plain = await member(0);
    const stray = await call('POST', `/members/${plain}/terminate`, { reason: 'x', vip_refund: { refund_fen: 0, method: 'cash' } });
    expect([stray.statusCode, stray.json().field]).toEqual([400, 'vip_refund']);
  });
});
