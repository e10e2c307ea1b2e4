import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

// The VIP API end to end (every answer is checked against the OpenAPI document by the
// harness): plans, a membership started with its payment, renewal, the end preview and
// the end, named members, the job, and bad input named by field in zh and en.

describe.each(testDbKinds())('VIP routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const today = localDate(new Date(), 'Asia/Shanghai');
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(p.adminKey), ...headers }, ...(payload ? { payload } : {}) });
  const enrol = async () => (await call('POST', '/members', { phone: `1387${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}` })).json().id as string;
  const pay = (amount: number, receipt: string) => ({ method: 'cash', amount_fen: amount, paid_on: today, receipt_no: receipt });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
  });
  afterAll(async () => { await t.close(); });

  it('creates plans, starts a membership with its payment, renews it, previews and ends it with its refund', async () => {
    const plan = await call('POST', '/vip-plans', { kind: 'individual', name: '个人 VIP', name_en: 'Individual VIP', annual_fee_fen: 120_000, refund_policy: 'pro_rata', earn_multiplier_pct: 150, account_manager: true });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({ id: expect.stringMatching(/^vpl_/), term_months: 12, max_seats: 1, memberships_active: 0 });
    const member = await enrol();
    const m = await call('POST', '/vip-memberships', { plan_id: plan.json().id, member_id: member, account_manager: '李娜 138 0000 0000', payment: pay(120_000, 'VIP-001') });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json()).toMatchObject({ status: 'active', starts_on: today, fee_fen: 120_000, account_manager: '李娜 138 0000 0000', payments: [{ receipt_no: 'VIP-001', actor: expect.any(String), kind: 'start' }] });
    const id = m.json().id as string;
    expect((await call('GET', '/vip-plans')).json().items[0].memberships_active).toBe(1);
    expect((await call('GET', `/vip-memberships?member_id=${member}`)).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await call('GET', '/vip-memberships?status=expiring')).json().items).toEqual([]);
    // the receipt number is unique in the program: a retry cannot pay twice
    const again = await call('POST', `/vip-memberships/${id}/renewals`, { payment: pay(120_000, 'VIP-001') });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'vip_receipt_taken', field: 'payment.receipt_no' });
    const renewed = await call('POST', `/vip-memberships/${id}/renewals`, { payment: pay(120_000, 'VIP-002') });
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json().payments).toHaveLength(2);
    const preview = (await call('GET', `/vip-memberships/${id}/end-preview`)).json();
    expect(preview).toMatchObject({ refund_policy: 'pro_rata', ends_on: today });
    expect(preview.refund_fen).toBeGreaterThan(120_000); // the whole prepaid second term and most of the first
    const ended = await call('POST', `/vip-memberships/${id}/end`, { refund_fen: preview.refund_fen, method: 'bank_transfer', reference: 'RF-9' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', ends_on: today, refunds: [{ amount_fen: preview.refund_fen, reference: 'RF-9' }] });
    const twice = await call('POST', `/vip-memberships/${id}/end`, { refund_fen: 0, method: 'cash' });
    expect(twice.json()).toMatchObject({ code: 'vip_membership_status' });
    expect((await call('GET', '/vip-memberships?status=ended')).json().items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('a corporate membership: negotiated fee, contact, named members within the seats; the job runs by HTTP', async () => {
    const plan = (await call('POST', '/vip-plans', { kind: 'corporate', name: '企业 VIP', max_seats: 3, refund_policy: 'none' })).json();
    const ids = [await enrol(), await enrol(), await enrol(), await enrol()];
    const m = await call('POST', '/vip-memberships', {
      plan_id: plan.id, company_name: '华联科技', contact_name: '陈先生', contact_phone: '13911112222', fee_fen: 3_000_000, member_ids: ids.slice(0, 3), payment: pay(3_000_000, 'VIP-C1'),
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().members).toHaveLength(3);
    const id = m.json().id as string;
    const full = await call('POST', `/vip-memberships/${id}/members`, { member_id: ids[3] });
    expect([full.statusCode, full.json().code]).toEqual([409, 'vip_seats_full']);
    expect((await call('DELETE', `/vip-memberships/${id}/members/${ids[0]}`)).json().members).toHaveLength(2);
    expect((await call('POST', `/vip-memberships/${id}/members`, { member_id: ids[3] })).json().members).toHaveLength(3);
    expect((await call('GET', '/vip-memberships?kind=corporate')).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await call('GET', `/vip-memberships/${id}/end-preview`)).json()).toMatchObject({ refund_policy: 'none', refund_fen: 0 });
    const run = await call('POST', '/jobs/memberships', { as_of: today });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ as_of: today, expired: 0 });
    expect((await call('POST', '/jobs/memberships')).statusCode).toBe(200);
  });

  it('bad input is a problem naming the field, in zh or en, and changes nothing', async () => {
    const before = (await call('GET', '/vip-memberships')).json().items.length;
    const noFee = await call('POST', '/vip-plans', { kind: 'individual', name: 'x', refund_policy: 'none' });
    expect([noFee.statusCode, noFee.json().field]).toEqual([400, 'annual_fee_fen']);
    const plan = (await call('POST', '/vip-plans', { kind: 'individual', name: '年卡', annual_fee_fen: 50_000, refund_policy: 'none' })).json();
    const member = await enrol();
    const wrongAmount = await call('POST', '/vip-memberships', { plan_id: plan.id, member_id: member, payment: pay(49_999, 'BAD-1') });
    expect([wrongAmount.statusCode, wrongAmount.json().field]).toEqual([400, 'payment.amount_fen']);
    expect(wrongAmount.json().detail).toContain('50000');
    const zh = await call('POST', '/vip-memberships', { plan_id: plan.id, member_id: member, payment: { ...pay(50_000, 'BAD-2'), method: 'cheque' } }, { 'accept-language': 'zh' });
    expect([zh.statusCode, zh.json().field]).toEqual([400, 'payment.method']);
    expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(zh.json().title).toMatch(/[\u4e00-\u9fff]/);
    const badId = await call('POST', '/vip-memberships', { plan_id: 'mem_01JABCDEFGHJKMNPQRSTVWXYZ0', member_id: member, payment: pay(50_000, 'BAD-3') });
    expect([badId.statusCode, badId.json().field]).toEqual([400, 'plan_id']);
    const noMember = await call('POST', '/vip-memberships', { plan_id: plan.id, payment: pay(50_000, 'BAD-4') });
    expect([noMember.statusCode, noMember.json().field]).toEqual([400, 'member_id']);
    const past = await call('POST', '/vip-memberships', { plan_id: plan.id, member_id: member, starts_on: '2020-01-01', payment: pay(50_000, 'BAD-5') });
    expect([past.statusCode, past.json().field]).toEqual([400, 'starts_on']);
    const badDate = await call('POST', '/jobs/memberships', { as_of: '2026-02-30' });
    expect([badDate.statusCode, badDate.json().field]).toEqual([400, 'as_of']);
    expect((await call('GET', '/vip-memberships?status=soon')).json().field).toBe('status');
    expect((await call('GET', '/vip-memberships/vip_01JABCDEFGHJKMNPQRSTVWXYZ0')).statusCode).toBe(404);
    expect((await call('POST', '/vip-memberships/vip_01JABCDEFGHJKMNPQRSTVWXYZ0/end', { refund_fen: -1, method: 'cash' })).json().field).toBe('refund_fen');
    expect((await call('GET', '/vip-memberships')).json().items.length).toBe(before);
    // a POS key may not manage VIP memberships
    const pos = await t.app.inject({ method: 'GET', url: url('/vip-plans'), headers: auth(p.posKey) });
    expect(pos.statusCode).toBe(403);
  });
});
