import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import { unwrap } from '../../platform/errors.ts';

// Coupons end to end (every answer is checked against the OpenAPI document by the
// harness): types, goodwill issue, the POS (validate, consume once, release), every
// refusal with its reason, the hold that lapses, the idempotent retry, 20 simultaneous
// consumes of one code, a batch with its progress and CSV, and bad input named by field.

const DAY = 86_400_000;

describe.each(testDbKinds())('coupon routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, headers: Record<string, string> = {}, key = p.adminKey) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const member = async () => {
    const r = await call('POST', '/members', { phone: `1372${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const type = async (over: object = {}) => {
    const r = await call('POST', '/coupon-types', { name: '满100减20', name_en: '20 off 100', kind: 'amount', amount_off_fen: 2000, min_spend_fen: 10000, valid_days: 30, ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const goodwill = async (typeId: string, memberId: string) => {
    const r = await call('POST', `/members/${memberId}/coupons`, { type_id: typeId, reason: 'late delivery' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const till = (code: string, over: object = {}) => ({ code, store_id: p.storeId, basket_fen: 12_000, ...over });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('creates types and refuses bad ones naming the field (zh by default), changing nothing', async () => {
    const id = await type();
    const pct = await type({ name: '九折', kind: 'percent', amount_off_fen: undefined, percent_off: 10, max_off_fen: 5000 });
    const list = (await call('GET', '/coupon-types')).json().items.map((x: { id: string }) => x.id);
    expect(list).toEqual(expect.arrayContaining([id, pct]));
    const bad = await t.app.inject({ method: 'POST', url: url('/coupon-types'), headers: { authorization: `Bearer ${p.adminKey}` }, payload: { name: 'x', kind: 'percent', percent_off: 10, valid_days: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'kind', detail: expect.stringContaining('折扣券') });
    const both = await call('POST', '/coupon-types', { name: 'x', kind: 'amount', amount_off_fen: 1, valid_days: 3, valid_until: '2030-01-01' });
    expect(both.json()).toMatchObject({ code: 'validation', field: 'valid_until' });
    const neg = await call('POST', '/coupon-types', { name: 'x', kind: 'amount', amount_off_fen: -5, valid_days: 3 });
    expect(neg.json()).toMatchObject({ code: 'validation', field: 'amount_off_fen' });
    const store = await call('POST', '/coupon-types', { name: 'x', kind: 'amount', amount_off_fen: 5, valid_days: 3, store_ids: ['sto_01JAAAAAAAAAAAAAAAAAAAAAAA'] });
    expect(store.json()).toMatchObject({ code: 'validation', field: 'store_ids[0]' });
    expect((await call('GET', '/coupon-types')).json().items).toHaveLength(list.length);
    const badCode = await call('POST', '/coupons/validate', till('ABC'));
    expect(badCode.json()).toMatchObject({ code: 'validation', field: 'code' });
  });

  it('issues goodwill, validates with the discount, consumes once, and says when and where it was used', async () => {
    const m = await member();
    const c = await goodwill(await type(), m);
    expect(c).toMatchObject({ member_id: m, source: 'goodwill', reason: 'late delivery', state: 'available', code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}$/) });
    const typed = c.code.replaceAll('-', '').toLowerCase();
    const v = await call('POST', '/coupons/validate', till(typed, { member_id: m }), {}, p.posKey);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ code: c.code, discount_fen: 2000, reservation_token: expect.any(String) });
    expect((await call('GET', `/coupons/${typed}`)).json().state).toBe('reserved');
    const ok = await call('POST', '/coupons/consume', { code: c.code, basket_fen: 12_000, purchase_ref: 'R-1', reservation_token: v.json().reservation_token }, {}, p.posKey);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ discount_fen: 2000, consumed_at: expect.any(String) });
    const again = await call('POST', '/coupons/consume', till(c.code, { purchase_ref: 'R-2' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'coupon_used', used_store_name: 'Store S1', used_store_id: p.storeId, detail: expect.stringContaining('Store S1') });
    const look = (await call('GET', `/coupons/${c.code}`, undefined, {}, p.posKey)).json();
    expect(look).toMatchObject({ state: 'consumed', consumed_store_name: 'Store S1', purchase_ref: 'R-1', discount_fen: 2000 });
    expect((await call('GET', `/coupons?member_id=${m}`)).json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('refuses with every reason a cashier can say', async () => {
    const m = await member();
    const other = await member();
    const s = t.services;
    const actor = { keyId: 'test', name: 'test', role: 'admin' as const, programId: p.programId, storeId: null };
    const expired = unwrap(await s.coupons.issue(p.programId, { typeId: await type({ valid_days: 1 }), memberId: m, source: 'manual', actor: 'test' }, new Date(Date.now() - 5 * DAY)));
    const future = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const notYet = await goodwill(await type({ valid_days: undefined, valid_from: future, valid_until: '2199-12-31' }), m);
    const storeOnly = await goodwill(await type({ store_ids: [p.otherStoreId] }), m);
    const mine = await goodwill(await type(), m);
    const held = await goodwill(await type(), m);
    const cases: [string, object, string, object][] = [
      [expired.code, {}, 'coupon_expired', { expired_at: expired.valid_until }],
      [notYet.code, {}, 'coupon_not_yet_valid', { valid_from: notYet.valid_from }],
      [storeOnly.code, {}, 'coupon_wrong_store', { store_ids: [p.otherStoreId], detail: expect.stringContaining('Store S2') }],
      [mine.code, { basket_fen: 9_999 }, 'coupon_min_spend', { min_spend_fen: 10_000 }],
      [mine.code, { member_id: other }, 'coupon_other_member', {}],
      ['2345-6789-ABCDE', {}, 'coupon_unknown', {}],
    ];
    for (const [code, over, reason, extra] of cases) {
      const r = await call('POST', '/coupons/validate', till(code, over));
      expect(r.json(), reason).toMatchObject({ code: reason, field: 'code', ...extra });
      const zh = await t.app.inject({ method: 'POST', url: url('/coupons/consume'), headers: { authorization: `Bearer ${p.adminKey}` }, payload: till(code, { ...over, purchase_ref: 'x' }) });
      expect(zh.json().code).toBe(reason);
      expect(zh.json().title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await call('POST', '/coupons/validate', till(mine.code, { member_id: m }))).statusCode).toBe(200);
    const hold = unwrap(await s.coupons.validate(p.programId, till(held.code.replaceAll('-', '')), actor));
    const busy = await call('POST', '/coupons/consume', till(held.code, { purchase_ref: 'x' }));
    expect(busy.json()).toMatchObject({ code: 'coupon_reserved', reserved_until: hold.reserved_until });
    // released, another till may use it
    expect((await call('POST', '/coupons/release', { code: held.code, reservation_token: hold.reservation_token })).json()).toEqual({ code: held.code, released: true });
    expect((await call('POST', '/coupons/release', { code: held.code, reservation_token: hold.reservation_token })).json().released).toBe(false);
    expect((await call('POST', '/coupons/consume', till(held.code, { purchase_ref: 'x' }))).statusCode).toBe(200);
  });

  it('lets a hold lapse by itself after the hold minutes', async () => {
    const c = await goodwill(await type({ hold_minutes: 5 }), await member());
    const actor = { keyId: 'test', name: 'test', role: 'admin' as const, programId: p.programId, storeId: null };
    const code = c.code.replaceAll('-', '');
    const t0 = new Date();
    unwrap(await t.services.coupons.validate(p.programId, till(code), actor, t0));
    const at4 = await t.services.coupons.validate(p.programId, till(code), actor, new Date(t0.getTime() + 4 * 60_000));
    expect(at4).toMatchObject({ code: 'coupon_reserved' });
    const at6 = unwrap(await t.services.coupons.validate(p.programId, till(code, { store_id: p.otherStoreId }), actor, new Date(t0.getTime() + 5 * 60_000 + 1)));
    expect(at6.discount_fen).toBe(2000);
  });

  it('answers a retried consume with the same Idempotency-Key with the same success', async () => {
    const c = await goodwill(await type({ kind: 'percent', amount_off_fen: undefined, percent_off: 15, max_off_fen: 1000, min_spend_fen: 0 }), await member());
    const h = { 'idempotency-key': `k-${kind}-${c.id}` };
    const first = await call('POST', '/coupons/consume', till(c.code, { basket_fen: 5_999, purchase_ref: 'R-9' }), h, p.posKey);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().discount_fen).toBe(899); // floor(5999 × 15 %)
    const retry = await call('POST', '/coupons/consume', till(c.code, { basket_fen: 5_999, purchase_ref: 'R-9' }), h, p.posKey);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const other = await call('POST', '/coupons/consume', till(c.code, { basket_fen: 5_999, purchase_ref: 'R-10' }), h, p.posKey);
    expect(other.json()).toMatchObject({ code: 'idempotency_conflict' });
    const noKey = await call('POST', '/coupons/consume', till(c.code, { basket_fen: 5_999, purchase_ref: 'R-9' }), {}, p.posKey);
    expect(noKey.json().code).toBe('coupon_used');
  });

  it('lets exactly one of 20 simultaneous consumes of one code succeed', async () => {
    const c = await goodwill(await type({ min_spend_fen: 0 }), await member());
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', '/coupons/consume', till(c.code, { purchase_ref: `R-${i}` }), {}, p.posKey)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(Array(19).fill('coupon_used'));
    // one coupon.consumed, written by the statement that used it, naming the till that won
    const won = answers.findIndex((r) => r.statusCode === 200);
    const events = await t.services.ctx.db.selectFrom('outbox').select('payload').where('program_id', '=', p.programId).where('topic', '=', 'coupon.consumed')
      .where(sql<boolean>`payload->>'coupon_id' = ${c.id}`).execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ coupon_id: c.id, member_id: c.member_id, purchase_ref: `R-${won}`, store_id: p.storeId, discount_fen: answers[won]!.json().discount_fen });
  });

  it('lets a shutdown wait for a batch still writing (batchesSettled)', async () => {
    const typeId = await type({ min_spend_fen: 0 });
    const started = unwrap(await t.services.coupons.startBatch(p.programId, { type_id: typeId, quantity: 1_500 }, { keyId: 'test', name: 'test', role: 'admin', programId: p.programId, storeId: null }));
    await t.services.coupons.batchesSettled();
    expect((await call('GET', `/coupon-batches/${started.batch.id}`)).json()).toMatchObject({ status: 'done', done: 1_500 });
  });

  it('generates a batch as a job with progress, its CSV, and its codes work for anyone', async () => {
    const typeId = await type({ name: '礼品券', kind: 'gift', amount_off_fen: undefined, gift_sku: 'MUG-01', gift_name: 'Mug', min_spend_fen: 0 });
    const started = unwrap(await t.services.coupons.startBatch(p.programId, { type_id: typeId, quantity: 2_500 }, { keyId: 'test', name: 'test', role: 'admin', programId: p.programId, storeId: null }));
    expect(started.batch).toMatchObject({ status: 'running', done: 0, quantity: 2_500 });
    const done = await started.done;
    expect(done).toMatchObject({ status: 'done', done: 2_500 });
    expect((await call('GET', `/coupon-batches/${done.id}`)).json()).toMatchObject({ status: 'done', done: 2_500 });
    const csv = await call('GET', `/coupon-batches/${done.id}/codes.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('code,valid_until');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(2_500);
    const v = await call('POST', '/coupons/validate', till(lines[1]!.split(',')[0]!, { member_id: await member() }));
    expect(v.json()).toMatchObject({ kind: 'gift', gift_name: 'Mug', discount_fen: 0, member_id: null });
    const viaApi = await call('POST', '/coupon-batches', { type_id: typeId, quantity: 3 });
    expect(viaApi.statusCode).toBe(202);
    let polled = viaApi.json();
    for (let i = 0; i < 100 && polled.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      polled = (await call('GET', `/coupon-batches/${polled.id}`)).json();
    }
    expect(polled).toMatchObject({ status: 'done', done: 3 });
    expect((await call('POST', '/coupon-batches', { type_id: typeId, quantity: 100_001 })).json()).toMatchObject({ code: 'validation', field: 'quantity' });
    expect((await call('GET', '/coupon-batches')).json().items.length).toBeGreaterThanOrEqual(1);
  });
});
