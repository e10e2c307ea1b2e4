import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();

describe.each(testDbKinds())('purchase routes on %s', (kind) => {
  let t: TestContext;
  let seq = 0;

  const post = (p: TestProgram, path: string, payload: object, opts: { key?: string; idem?: string | null } = {}) => {
    const headers: Record<string, string> = auth(opts.key ?? p.posKey);
    if (opts.idem !== null) headers['idempotency-key'] = opts.idem ?? randomUUID();
    return t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}${path}`, headers, payload });
  };
  const get = (p: TestProgram, path: string, key = p.adminKey) => t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}${path}`, headers: auth(key) });
  const enrol = async (p: TestProgram) => {
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers: auth(p.adminKey), payload: { phone: `1370000${String(++seq).padStart(4, '0')}` } });
    expect(r.statusCode).toBe(201);
    return r.json() as { id: string; member_no: string; phone: string };
  };
  /** Records a purchase that must succeed and returns its body. */
  const buy = async (p: TestProgram, memberId: string, amount_fen: number, extra: object = {}) => {
    const r = await post(p, '/purchases', { member_id: memberId, amount_fen, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const balance = async (p: TestProgram, memberId: string) => {
    const r = await get(p, `/members/${memberId}/balance`);
    expect(r.statusCode).toBe(200);
    const { as_of: _asOf, ...rest } = r.json();
    return rest;
  };
  const giveBack = (p: TestProgram, body: object, idem?: string) => post(p, '/returns', body, { idem });
  const countRows = async (table: 'purchases' | 'returns' | 'ledger_entries', p: TestProgram) =>
    Number((await t.services.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('program_id', '=', p.programId).executeTakeFirstOrThrow()).n);

  let instant: TestProgram; // pending_days 0
  let week: TestProgram; // pending_days 7

  beforeAll(async () => {
    t = await createTestContext(kind);
    instant = await createTestProgram(t, { pending_days: 0, earn_rate: { points: 1, per_fen: 100 } });
    week = await createTestProgram(t, { pending_days: 7, earn_rate: { points: 1, per_fen: 100 } });
  });
  afterAll(async () => { await t.close(); });

  describe('earning', () => {
    it('earns floor(amount × points / per_fen)', async () => {
      const p = await createTestProgram(t, { pending_days: 0, earn_rate: { points: 3, per_fen: 200 } });
      const m = await enrol(p);
      const cases: [number, number][] = [[12_345, 185], [199, 2], [200, 3], [66, 0], [1_000_000_000_000, 15_000_000_000]];
      for (const [amount, points] of cases) expect((await buy(p, m.id, amount)).points_earned).toBe(points);
      expect(await balance(p, m.id)).toMatchObject({ available: 185 + 2 + 3 + 15_000_000_000, pending: 0, lifetime_earned: 185 + 2 + 3 + 15_000_000_000 });
    });

    it('makes points available at once when pending_days is 0', async () => {
      const m = await enrol(instant);
      const r = await buy(instant, m.id, 12_345);
      expect(r).toMatchObject({ id: expect.stringMatching(/^pur_/), member_id: m.id, store_id: instant.storeId, amount_fen: 12_345, points_earned: 123, points_state: 'available' });
      expect(await balance(instant, m.id)).toMatchObject({ available: 123, pending: 0 });
    });

    it('holds points pending for pending_days', async () => {
      const m = await enrol(week);
      const occurred = daysAgo(3);
      const r = await buy(week, m.id, 10_000, { occurred_at: occurred });
      expect(r).toMatchObject({ points_earned: 100, points_state: 'pending', occurred_at: occurred });
      expect(new Date(r.available_at).getTime()).toBe(new Date(occurred).getTime() + 7 * DAY_MS);
      expect(await balance(week, m.id)).toMatchObject({ available: 0, pending: 100, lifetime_earned: 100 });
    });

    it('makes a purchase older than pending_days available at once', async () => {
      const m = await enrol(week);
      const r = await buy(week, m.id, 10_000, { occurred_at: daysAgo(10) });
      expect(r.points_state).toBe('available');
      expect(await balance(week, m.id)).toMatchObject({ available: 100, pending: 0 });
    });

    it('refuses a purchase in the future', async () => {
      const m = await enrol(instant);
      const r = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100, occurred_at: new Date(Date.now() + 3_600_000).toISOString() });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field: 'occurred_at' });
    });

    it('reads a purchase back', async () => {
      const m = await enrol(instant);
      const r = await buy(instant, m.id, 5_000, { receipt_no: 'R-1' });
      const got = await get(instant, `/purchases/${r.id}`, instant.posKey);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ id: r.id, amount_fen: 5_000, receipt_no: 'R-1', points_earned: 50, returned_fen: 0, points_reversed: 0 });
      expect((await get(week, `/purchases/${r.id}`)).statusCode).toBe(404);
    });
  });

  describe('idempotency', () => {
    it('requires an Idempotency-Key and records nothing without one', async () => {
      const m = await enrol(instant);
      const r = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100 }, { idem: null });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ field: 'Idempotency-Key', type: expect.stringMatching(/^https:\/\/patron\.dev\/problems\//) });
      expect(await balance(instant, m.id)).toMatchObject({ available: 0, lifetime_earned: 0 });
    });

    it('answers a retry with the first answer and credits once', async () => {
      const m = await enrol(instant);
      const key = randomUUID();
      const first = await post(instant, '/purchases', { member_id: m.id, amount_fen: 4_321, receipt_no: 'A' }, { idem: key });
      const again = await post(instant, '/purchases', { receipt_no: 'A', amount_fen: 4_321, member_id: m.id }, { idem: key });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await balance(instant, m.id)).toMatchObject({ available: 43, lifetime_earned: 43 });
    });

    it('answers the same key with another body 409 idempotency_conflict and changes nothing', async () => {
      const m = await enrol(instant);
      const key = randomUUID();
      await post(instant, '/purchases', { member_id: m.id, amount_fen: 1_000 }, { idem: key });
      const r = await post(instant, '/purchases', { member_id: m.id, amount_fen: 2_000 }, { idem: key });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'idempotency_conflict', type: 'https://patron.dev/problems/idempotency_conflict' });
      expect(await balance(instant, m.id)).toMatchObject({ available: 10, lifetime_earned: 10 });
    });
  });

  describe('request shape', () => {
    it('needs lines to add up to amount_fen', async () => {
      const m = await enrol(instant);
      const bad = await post(instant, '/purchases', { member_id: m.id, amount_fen: 1_000, lines: [{ sku: 'A', quantity: 1, amount_fen: 600 }, { sku: 'B', quantity: 1, amount_fen: 300 }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation', field: 'lines' });
      const good = await buy(instant, m.id, 900, { lines: [{ sku: 'A', quantity: 2, amount_fen: 600, category: 'tea' }, { sku: 'B', quantity: 1, amount_fen: 300 }] });
      expect(good.lines).toEqual([
        { sku: 'A', category: 'tea', quantity: 2, amount_fen: 600, returned_quantity: 0 },
        { sku: 'B', category: null, quantity: 1, amount_fen: 300, returned_quantity: 0 },
      ]);
      expect(await balance(instant, m.id)).toMatchObject({ lifetime_earned: 9 });
    });

    it('identifies the member by member_no or by phone', async () => {
      const m = await enrol(instant);
      expect((await post(instant, '/purchases', { member_no: m.member_no, amount_fen: 1_000 })).json().member_id).toBe(m.id);
      const formatted = `+86 ${m.phone.slice(0, 3)}-${m.phone.slice(3, 7)}-${m.phone.slice(7)}`;
      expect((await post(instant, '/purchases', { phone: formatted, amount_fen: 2_000 })).json().member_id).toBe(m.id);
      expect(await balance(instant, m.id)).toMatchObject({ available: 30 });
    });

    it.each([
      [{ member_no: '99999999' }, 404, 'member_no'],
      [{ phone: '13600000000' }, 404, 'phone'],
      [{ member_id: 'mem_00000000000000000000000000' }, 404, 'member_id'],
      [{ phone: '12345' }, 400, 'phone'],
      [{}, 400, 'member_id'],
    ])('answers %j with %i naming %s', async (who, status, field) => {
      const r = await post(instant, '/purchases', { ...who, amount_fen: 100 });
      expect(r.statusCode).toBe(status);
      expect(r.json().field).toBe(field);
    });

    it('refuses two ways of naming the member', async () => {
      const m = await enrol(instant);
      const r = await post(instant, '/purchases', { member_id: m.id, member_no: m.member_no, amount_fen: 100 });
      expect(r.statusCode).toBe(400);
      expect(await balance(instant, m.id)).toMatchObject({ lifetime_earned: 0 });
    });
  });

  describe('stores', () => {
    it('records a pos purchase for the key’s own store', async () => {
      const m = await enrol(instant);
      expect((await buy(instant, m.id, 100)).store_id).toBe(instant.storeId);
      expect((await buy(instant, m.id, 100, { store_id: instant.storeId })).store_id).toBe(instant.storeId);
    });

    it('refuses a pos key recording for another store (403)', async () => {
      const m = await enrol(instant);
      const r = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100, store_id: instant.otherStoreId });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'forbidden', field: 'store_id' });
      expect(await balance(instant, m.id)).toMatchObject({ lifetime_earned: 0 });
    });

    it('needs store_id from an admin key, and the store must exist', async () => {
      const m = await enrol(instant);
      const missing = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100 }, { key: instant.adminKey });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().field).toBe('store_id');
      const ok = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100, store_id: instant.otherStoreId }, { key: instant.adminKey });
      expect(ok.json().store_id).toBe(instant.otherStoreId);
      const foreign = await post(instant, '/purchases', { member_id: m.id, amount_fen: 100, store_id: week.storeId }, { key: instant.adminKey });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().field).toBe('store_id');
    });
  });

  describe('returns', () => {
    it('reverses all points on a full return', async () => {
      const m = await enrol(week);
      const pur = await buy(week, m.id, 10_000);
      const r = await giveBack(week, { purchase_id: pur.id });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ id: expect.stringMatching(/^ret_/), purchase_id: pur.id, member_id: m.id, amount_fen: 10_000, points_reversed: 100, points_unrecovered: 0 });
      expect(await balance(week, m.id)).toMatchObject({ available: 0, pending: 0, lifetime_earned: 100, reversed: 100 });
      expect((await get(week, `/purchases/${pur.id}`)).json()).toMatchObject({ returned_fen: 10_000, points_reversed: 100 });
    });

    it('reverses points in proportion on partial returns by amount, and exactly all in the end', async () => {
      const m = await enrol(instant);
      const pur = await buy(instant, m.id, 999); // 9 points
      const first = await giveBack(instant, { purchase_id: pur.id, amount_fen: 500 });
      expect(first.json()).toMatchObject({ amount_fen: 500, points_reversed: 4 });
      const rest = await giveBack(instant, { purchase_id: pur.id });
      expect(rest.json()).toMatchObject({ amount_fen: 499, points_reversed: 5 });
      expect(await balance(instant, m.id)).toMatchObject({ available: 0, reversed: 9 });
    });

    it("takes the purchase's own points first, then pending ones", async () => {
      const m = await enrol(week);
      const old = await buy(week, m.id, 5_000, { occurred_at: daysAgo(10) }); // 50 available
      await buy(week, m.id, 10_000); // 100 pending
      const r = await giveBack(week, { purchase_id: old.id, amount_fen: 2_000 });
      expect(r.json()).toMatchObject({ points_reversed: 20, points_unrecovered: 0 });
      expect(await balance(week, m.id)).toMatchObject({ available: 30, pending: 100, reversed: 20 });
      // the old purchase's 30 points are spent; the rest of its return comes from pending points
      await t.app.inject({ method: 'POST', url: `/v1/programs/${week.programId}/members/${m.id}/redemptions`, headers: { ...auth(week.adminKey), 'idempotency-key': `spend-${m.id}` }, payload: { points: 30 } });
      const rest = await giveBack(week, { purchase_id: old.id });
      expect(rest.json()).toMatchObject({ points_reversed: 30, points_unrecovered: 0 });
      expect(await balance(week, m.id)).toMatchObject({ available: 0, pending: 70, reversed: 50 });
    });

    it('returns by lines at the line amounts', async () => {
      const m = await enrol(instant);
      const lines = [{ sku: 'TEA', quantity: 3, amount_fen: 3_000 }, { sku: 'CUP', quantity: 1, amount_fen: 1_001 }];
      const pur = await buy(instant, m.id, 4_001, { lines }); // 40 points
      const one = await giveBack(instant, { purchase_id: pur.id, lines: [{ sku: 'TEA', quantity: 1 }] });
      expect(one.json()).toMatchObject({ amount_fen: 1_000, points_reversed: 9 });
      const two = await giveBack(instant, { purchase_id: pur.id, lines: [{ sku: 'TEA', quantity: 2 }] });
      expect(two.json()).toMatchObject({ amount_fen: 2_000, points_reversed: 20 });
      const cup = await giveBack(instant, { purchase_id: pur.id, lines: [{ sku: 'CUP', quantity: 1 }] });
      expect(cup.json()).toMatchObject({ amount_fen: 1_001, points_reversed: 11 });
      const after = (await get(instant, `/purchases/${pur.id}`)).json();
      expect(after).toMatchObject({ returned_fen: 4_001, points_reversed: 40 });
      expect(after.lines.map((l: { returned_quantity: number }) => l.returned_quantity)).toEqual([3, 1]);
      expect(await balance(instant, m.id)).toMatchObject({ available: 0, reversed: 40 });
    });

    it('answers a second return of the same goods 422 return_exceeds_purchase and changes nothing', async () => {
      const m = await enrol(instant);
      const pur = await buy(instant, m.id, 3_000, { lines: [{ sku: 'TEA', quantity: 3, amount_fen: 3_000 }] });
      await buy(instant, m.id, 5_000);
      expect((await giveBack(instant, { purchase_id: pur.id, lines: [{ sku: 'TEA', quantity: 2 }] })).statusCode).toBe(201);
      const before = { bal: await balance(instant, m.id), pur: (await get(instant, `/purchases/${pur.id}`)).json(), rets: await countRows('returns', instant), entries: await countRows('ledger_entries', instant) };
      const cases: [object, string][] = [
        [{ lines: [{ sku: 'TEA', quantity: 2 }] }, 'lines[0].quantity'],
        [{ amount_fen: 1_001 }, 'amount_fen'],
      ];
      for (const [body, field] of cases) {
        const r = await giveBack(instant, { purchase_id: pur.id, ...body });
        expect(r.statusCode).toBe(422);
        expect(r.json()).toMatchObject({ code: 'return_exceeds_purchase', type: 'https://patron.dev/problems/return_exceeds_purchase', field });
      }
      expect(await giveBack(instant, { purchase_id: pur.id }).then((r) => r.statusCode)).toBe(201);
      const full = await giveBack(instant, { purchase_id: pur.id });
      expect(full.statusCode).toBe(422);
      expect(full.json().returnable_fen).toBe(0);
      expect(await balance(instant, m.id)).toEqual({ ...before.bal, available: before.bal.available - 10, reversed: before.bal.reversed + 10 });
      expect(await countRows('returns', instant)).toBe(before.rets + 1);
      expect(await countRows('ledger_entries', instant)).toBe(before.entries + 1);
    });

    it('refuses a line that is not on the purchase, or amount and lines together', async () => {
      const m = await enrol(instant);
      const pur = await buy(instant, m.id, 1_000, { lines: [{ sku: 'TEA', quantity: 1, amount_fen: 1_000 }] });
      const sku = await giveBack(instant, { purchase_id: pur.id, lines: [{ sku: 'COFFEE', quantity: 1 }] });
      expect(sku.statusCode).toBe(400);
      expect(sku.json().field).toBe('lines[0].sku');
      const both = await giveBack(instant, { purchase_id: pur.id, amount_fen: 100, lines: [{ sku: 'TEA', quantity: 1 }] });
      expect(both.statusCode).toBe(400);
      expect(both.json().field).toBe('lines');
      expect(await balance(instant, m.id)).toMatchObject({ available: 10, reversed: 0 });
    });

    it('reports spent points as unrecovered and never drives the balance negative', async () => {
      const m = await enrol(instant);
      const pur = await buy(instant, m.id, 10_000); // 100 available
      const spend = await post(instant, `/members/${m.id}/redemptions`, { points: 80 });
      expect(spend.statusCode).toBe(201);
      const r = await giveBack(instant, { purchase_id: pur.id });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ points_reversed: 20, points_unrecovered: 80 });
      expect(await balance(instant, m.id)).toMatchObject({ available: 0, pending: 0, spent: 80, reversed: 20 });
    });

    it('requires an Idempotency-Key and answers a retry once', async () => {
      const m = await enrol(instant);
      const pur = await buy(instant, m.id, 2_000);
      const none = await post(instant, '/returns', { purchase_id: pur.id, amount_fen: 1_000 }, { idem: null });
      expect(none.statusCode).toBe(400);
      expect(none.json().field).toBe('Idempotency-Key');
      const key = randomUUID();
      const first = await giveBack(instant, { purchase_id: pur.id, amount_fen: 1_000 }, key);
      const again = await giveBack(instant, { purchase_id: pur.id, amount_fen: 1_000 }, key);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect((await giveBack(instant, { purchase_id: pur.id, amount_fen: 500 }, key)).statusCode).toBe(409);
      expect(await balance(instant, m.id)).toMatchObject({ available: 10, reversed: 10 });
    });

    it('answers 404 for an unknown purchase', async () => {
      const r = await giveBack(instant, { purchase_id: 'pur_00000000000000000000000000' });
      expect(r.statusCode).toBe(404);
      expect(r.json().field).toBe('purchase_id');
    });
  });
});
