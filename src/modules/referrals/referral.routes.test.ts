import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import { residentIdWithCheck } from '../../platform/validate.ts';
import { CODE_ALPHABET } from './referral-code.ts';

// Referrals through the API (every answer checked against the OpenAPI document by the
// harness): codes and share links, enrolling with a code, every block reason, the monthly
// cap and the burst under concurrency, linking later, release, settings and bad input.

describe.each(testDbKinds())('referral routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const phone = () => `139${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(7, '0')}`;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object, headers: Record<string, string> = {}, key = p.adminKey) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const enrol = async (body: object = {}) => {
    const r = await call('POST', '/members', { phone: phone(), ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; phone: string };
  };
  const codeOf = async (memberId: string) => (await call('GET', `/members/${memberId}/referral-code`)).json().code as string;
  const referredBy = async (memberId: string) => (await call('GET', `/members/${memberId}/referrals`)).json().referred_by;
  /** A fresh referrer (so no test's cap or burst counts another's) and their code. */
  const referrer = async (body: object = {}) => {
    const m = await enrol(body);
    return { ...m, code: await codeOf(m.id) };
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    // a cap and burst loose enough for the tests that do not test them
    expect((await call('PUT', '/referral-settings', { monthly_cap: null, burst_count: 50 })).statusCode).toBe(200);
  });
  afterAll(async () => { await t.close(); });

  it('gives each member one code (readable, ≥ 40 bits) and, once the program sets a base, a share link', async () => {
    const m = await enrol();
    const r = await call('GET', `/members/${m.id}/referral-code`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{9}$`));
    expect(c.code_grouped).toBe(`${c.code.slice(0, 3)}-${c.code.slice(3, 6)}-${c.code.slice(6)}`);
    expect(c.share_url).toBeNull();
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    await call('PUT', '/referral-settings', { share_base_url: 'https://m.example.cn/join?ref=' });
    const again = (await call('GET', `/members/${m.id}/referral-code`, undefined, {}, p.posKey)).json();
    expect(again).toEqual({ ...c, share_url: `https://m.example.cn/join?ref=${c.code}` });
    const others = await Promise.all(Array.from({ length: 5 }, async () => codeOf((await enrol()).id)));
    expect(new Set([c.code, ...others]).size).toBe(6);
  });

  it('links a friend who enrols with the code (typed in any case, with dashes), pending their first purchase', async () => {
    const ref = await referrer();
    const typed = `${ref.code.slice(0, 3)}-${ref.code.slice(3, 6)} ${ref.code.slice(6)}`.toLowerCase();
    const friend = await enrol({ referral_code: typed });
    const by = await referredBy(friend.id);
    expect(by).toMatchObject({ status: 'pending', block_reason: null, code: ref.code, referrer: { id: ref.id }, friend: { id: friend.id } });
    const mine = (await call('GET', `/members/${ref.id}/referrals`)).json();
    expect(mine).toMatchObject({ referred_by: null, referrals: [{ id: by.id, friend: { id: friend.id } }] });
  });

  it('refuses an unknown or malformed code, naming the field, and enrols nobody', async () => {
    const number = phone();
    const unknown = await call('POST', '/members', { phone: number, referral_code: 'AAAAAAAAA' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'referral_code_invalid', field: 'referral_code' });
    const zh = await call('POST', '/members', { phone: number, referral_code: 'AAAAAAAAA' }, { 'accept-language': 'zh-CN' });
    expect(zh.json()).toMatchObject({ title: '推荐码无效', detail: '没有会员使用此推荐码，请与会员核对' });
    for (const bad of ['ABC', 'OOOOOOOOO', 'AAAAAAAA1', 'x'.repeat(30)]) {
      const r = await call('POST', '/members', { phone: number, referral_code: bad });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field: 'referral_code' });
    }
    expect((await call('GET', `/members?phone=${number}`)).json().items).toEqual([]);
  });

  it('blocks a friend with the referrer\'s phone (one they had before changing it), resident ID, device or payment account', async () => {
    // phones are unique in a program, so "same phone" is the referrer's old number: they
    // changed their phone, then enrolled the old SIM as a "friend"
    const a = await referrer();
    expect((await call('PATCH', `/members/${a.id}`, { phone: phone() })).statusCode).toBe(200);
    const samePhone = await enrol({ phone: a.phone, referral_code: a.code });
    expect(await referredBy(samePhone.id)).toMatchObject({ status: 'blocked', block_reason: 'same_phone' });

    const id = residentIdWithCheck(`11010519900101${String(seq % 1000).padStart(3, '0')}`);
    const b = await referrer({ id_number: id, sensitive_consent: true });
    const sameId = await enrol({ id_number: id, sensitive_consent: true, referral_code: b.code });
    expect(await referredBy(sameId.id)).toMatchObject({ status: 'blocked', block_reason: 'same_resident_id' });

    const c = await referrer({ device_fingerprint: 'fp-iphone-7731' });
    const sameDevice = await enrol({ device_fingerprint: ' FP-iPhone-7731 ', referral_code: c.code });
    expect(await referredBy(sameDevice.id)).toMatchObject({ status: 'blocked', block_reason: 'same_device' });
    const otherDevice = await enrol({ device_fingerprint: 'fp-android-1', referral_code: c.code });
    expect(await referredBy(otherDevice.id)).toMatchObject({ status: 'pending' });

    const d = await referrer({ payment_account: 'wxpay:o6_bmjrPTlm6_2sgVt7hMZOPfL2M' });
    const samePay = await enrol({ payment_account: 'wxpay:o6_bmjrPTlm6_2sgVt7hMZOPfL2M', referral_code: d.code });
    expect(await referredBy(samePay.id)).toMatchObject({ status: 'blocked', block_reason: 'same_payment_account' });

    // the events: linked for each, blocked for the blocked ones
    const topics = await t.services.ctx.db.selectFrom('outbox').select('topic').where('program_id', '=', p.programId).where('aggregate_id', '=', samePay.id).execute();
    expect(topics.map((x) => x.topic)).toEqual(expect.arrayContaining(['referral.linked', 'referral.blocked']));
  });

  it('refuses a member\'s own code, a second referrer and a member who has bought when linking later', async () => {
    const ref = await referrer();
    const self = await call('POST', `/members/${ref.id}/referrer`, { referral_code: ref.code });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: 'referral_self', field: 'referral_code' });
    const late = await enrol();
    const linked = await call('POST', `/members/${late.id}/referrer`, { referral_code: ref.code }, {}, p.posKey);
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ status: 'pending', referrer: { id: ref.id } });
    const twice = await call('POST', `/members/${late.id}/referrer`, { referral_code: (await referrer()).code });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'referral_exists' });
    const bought = await enrol();
    const pur = await call('POST', '/purchases', { member_id: bought.id, store_id: p.storeId, amount_fen: 1000 }, { 'idempotency-key': `buy-${bought.id}` });
    expect(pur.statusCode, pur.body).toBe(201);
    const tooLate = await call('POST', `/members/${bought.id}/referrer`, { referral_code: ref.code }, { 'accept-language': 'zh-CN' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json()).toMatchObject({ code: 'referral_too_late', detail: '只能在会员首次消费前绑定推荐人' });
  });

  it('blocks referrals beyond the monthly cap, exactly, however many enrol at once', async () => {
    await call('PUT', '/referral-settings', { monthly_cap: 3 });
    try {
      const ref = await referrer();
      const friends = await Promise.all(Array.from({ length: 8 }, () => enrol({ referral_code: ref.code })));
      const statuses = await Promise.all(friends.map(async (f) => (await referredBy(f.id)) as { status: string; block_reason: string | null }));
      expect(statuses.filter((s) => s.status === 'pending')).toHaveLength(3);
      expect(statuses.filter((s) => s.block_reason === 'monthly_cap')).toHaveLength(5);
    } finally {
      await call('PUT', '/referral-settings', { monthly_cap: null });
    }
  });

  it('blocks a burst of sign-ups on one code: more than N within M minutes', async () => {
    await call('PUT', '/referral-settings', { burst_count: 2, burst_minutes: 10 });
    try {
      const ref = await referrer();
      const friends = await Promise.all(Array.from({ length: 6 }, () => enrol({ referral_code: ref.code })));
      const statuses = await Promise.all(friends.map(async (f) => (await referredBy(f.id)) as { status: string; block_reason: string | null }));
      expect(statuses.filter((s) => s.status === 'pending')).toHaveLength(2);
      expect(statuses.filter((s) => s.block_reason === 'burst')).toHaveLength(4);
      // staff see the blocked ones first
      const list = (await call('GET', '/referrals?limit=500')).json().items as { status: string }[];
      const firstOther = list.findIndex((r) => r.status !== 'blocked');
      expect(list.slice(firstOther).some((r) => r.status === 'blocked')).toBe(false);
      expect((await call('GET', '/referrals?status=blocked')).json().items.every((r: { status: string }) => r.status === 'blocked')).toBe(true);
    } finally {
      await call('PUT', '/referral-settings', { burst_count: 50 });
    }
  });

  it('releases a blocked referral with a reason, once', async () => {
    const ref = await referrer({ device_fingerprint: 'shared-tablet-1' });
    const friend = await enrol({ device_fingerprint: 'shared-tablet-1', referral_code: ref.code });
    const by = await referredBy(friend.id);
    const missing = await call('POST', `/referrals/${by.id}/release`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'reason' });
    const r = await call('POST', `/referrals/${by.id}/release`, { reason: '门店公用平板登记，已核实为不同顾客' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'released', block_reason: 'same_device', release_reason: '门店公用平板登记，已核实为不同顾客', released_by: expect.any(String) });
    const again = await call('POST', `/referrals/${by.id}/release`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'referral_status' });
    expect((await call('POST', `/referrals/${by.id}/release`, { reason: 'x' }, {}, p.posKey)).statusCode).toBe(403);
  });

  it('answers bad input with problem+json naming the field, zh by default and en when asked', async () => {
    const cases: [string, string, object | undefined, string][] = [
      ['PUT', '/referral-settings', { monthly_cap: 0 }, 'monthly_cap'],
      ['PUT', '/referral-settings', { burst_minutes: 5000 }, 'burst_minutes'],
      ['PUT', '/referral-settings', { share_base_url: 'ftp://example.cn/' }, 'share_base_url'],
      ['PUT', '/referral-settings', { min_purchase_fen: 1.5 }, 'min_purchase_fen'],
      ['PUT', '/referral-settings', { surprise: true }, 'surprise'],
      ['GET', '/referrals?status=lost', undefined, 'status'],
      ['GET', '/referrals/ref_nope', undefined, 'referral_id'],
      ['GET', '/members/mem_nope/referral-code', undefined, 'member_id'],
      ['POST', '/jobs/referrals', { as_of: '2026-02-30' }, 'as_of'],
    ];
    for (const [method, path, payload, field] of cases) {
      const en = await call(method as 'GET', path, payload);
      expect(en.statusCode, path).toBe(400);
      expect(en.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(en.json()).toMatchObject({ code: 'validation', field, title: 'The request is not valid' });
      const zh = await call(method as 'GET', path, payload, { 'accept-language': 'zh-CN' });
      expect(zh.json()).toMatchObject({ code: 'validation', field, title: '请求参数不正确' });
    }
    const nf = await call('GET', '/referrals/ref_01JAAAAAAAAAAAAAAAAAAAAAAA', undefined, { 'accept-language': 'zh-CN' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({ code: 'not_found', detail: '推荐记录不存在' });
    expect((await call('GET', '/members/mem_01JAAAAAAAAAAAAAAAAAAAAAAA/referral-code')).statusCode).toBe(404);
    // nothing was changed by the refused settings
    expect((await call('GET', '/referral-settings')).json()).toMatchObject({ monthly_cap: null, burst_count: 50, share_base_url: 'https://m.example.cn/join?ref=' });
  });
});
