import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Simultaneous requests over HTTP. On PostgreSQL they run on separate pool connections at
// once; on PGlite they are serialised, and the answers must be the same.

describe.each(testDbKinds())('points under concurrent requests on %s', (kind) => {
  let t: TestContext;
  let tp: TestProgram;
  let phone = 13700000000;
  beforeAll(async () => {
    t = await createTestContext(kind);
    tp = await createTestProgram(t); // pending_days 0, 1 point per 100 fen
  });
  afterAll(async () => { await t.close(); });

  const call = (method: 'GET' | 'POST', url: string, opts: { key?: string; idem?: string; body?: object } = {}) =>
    t.app.inject({
      method, url: `/v1/programs/${tp.programId}${url}`,
      headers: { authorization: `Bearer ${opts.key ?? tp.adminKey}`, 'accept-language': 'en', ...(opts.idem ? { 'idempotency-key': opts.idem } : {}) },
      ...(opts.body ? { payload: opts.body } : {}),
    });
  const enrol = async () => {
    const r = await call('POST', '/members', { body: { phone: String(++phone) } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const purchase = async (memberId: string, amountFen: number, idem: string) => {
    const r = await call('POST', '/purchases', { key: tp.posKey, idem, body: { member_id: memberId, amount_fen: amountFen } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; points_earned: number };
  };
  const balance = async (memberId: string) => {
    const r = await call('GET', `/members/${memberId}/balance`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { available: number; pending: number; lifetime_earned: number; spent: number; reversed: number };
  };
  const statement = async (memberId: string) => {
    const r = await call('GET', `/members/${memberId}/statement?limit=200`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items as { kind: string; direction: string; points: number; purchase_id: string | null; return_id: string | null }[];
  };
  const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode).sort();
  const replayed = (rs: LightMyRequestResponse[]) => rs.filter((r) => r.headers['idempotent-replayed'] === 'true').length;
  const db = () => t.services.ctx.db;

  it('50 simultaneous redemptions of 100 from exactly 1,000 points: 10 succeed, 40 are refused', async () => {
    const memberId = await enrol();
    expect((await purchase(memberId, 100_000, 'a-earn')).points_earned).toBe(1000);
    expect((await balance(memberId)).available).toBe(1000);

    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      call('POST', `/members/${memberId}/redemptions`, { key: tp.posKey, idem: `a-rdm-${i}`, body: { points: 100 } })));

    const ok = rs.filter((r) => r.statusCode === 201);
    const refused = rs.filter((r) => r.statusCode === 422);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'insufficient_points', requested: 100, available: 0, shortfall: 100 });
    // each success saw the one before it: no two spent the same points
    expect(ok.map((r) => r.json().balance_after).sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);

    const bal = await balance(memberId);
    expect(bal).toMatchObject({ available: 0, pending: 0, lifetime_earned: 1000, spent: 1000 });
    const entries = await statement(memberId);
    expect(entries.filter((e) => e.kind === 'redeem')).toHaveLength(10);
    expect(entries.filter((e) => e.kind === 'redeem').every((e) => e.direction === 'debit' && e.points === 100)).toBe(true);
    const rows = await db().selectFrom('redemptions').select('id').where('program_id', '=', tp.programId).where('member_id', '=', memberId).execute();
    expect(rows).toHaveLength(10);
    const lots = await db().selectFrom('point_lots').select(['remaining', 'closed_reason']).where('program_id', '=', tp.programId).where('member_id', '=', memberId).execute();
    expect(lots).toEqual([{ remaining: 0, closed_reason: 'spent' }]);
  });

  it('20 identical purchases with one Idempotency-Key record one purchase and credit it once', async () => {
    const memberId = await enrol();
    const body = { member_id: memberId, amount_fen: 12_345, receipt_no: 'R-b' };
    const rs = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/purchases', { key: tp.posKey, idem: 'b-same', body })));

    expect(statuses(rs)).toEqual(Array(20).fill(201));
    const ids = new Set(rs.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(rs.every((r) => r.json().points_earned === 123)).toBe(true);
    expect(replayed(rs)).toBe(19);

    const rows = await db().selectFrom('purchases').select('id').where('program_id', '=', tp.programId).where('idempotency_key', '=', 'b-same').execute();
    expect(rows.map((r) => r.id)).toEqual([...ids]);
    const earns = (await statement(memberId)).filter((e) => e.kind === 'earn');
    expect(earns).toHaveLength(1);
    expect(earns[0]).toMatchObject({ direction: 'credit', points: 123, purchase_id: [...ids][0] });
    expect(await balance(memberId)).toMatchObject({ available: 123, lifetime_earned: 123 });
  });

  it('the same Idempotency-Key with another body is a 409, whichever request came first', async () => {
    const memberId = await enrol();
    const first = await call('POST', '/purchases', { key: tp.posKey, idem: 'c-key', body: { member_id: memberId, amount_fen: 5_000 } });
    expect(first.statusCode).toBe(201);
    const other = await call('POST', '/purchases', { key: tp.posKey, idem: 'c-key', body: { member_id: memberId, amount_fen: 5_001 } });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_conflict' });

    // two bodies racing for one key: one wins, every request with the other body gets 409
    const a = { member_id: memberId, amount_fen: 7_000 };
    const b = { member_id: memberId, amount_fen: 8_000 };
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', '/purchases', { key: tp.posKey, idem: 'c-race', body: i % 2 ? a : b })));
    const won = rs.filter((r) => r.statusCode === 201);
    const lost = rs.filter((r) => r.statusCode === 409);
    expect(won.length + lost.length).toBe(20);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((r) => r.json().amount_fen)).size).toBe(1);
    expect(new Set(won.map((r) => r.json().id)).size).toBe(1);
    for (const r of lost) expect(r.json()).toMatchObject({ code: 'idempotency_conflict' });
    const rows = await db().selectFrom('purchases').select('amount_fen').where('program_id', '=', tp.programId).where('idempotency_key', '=', 'c-race').execute();
    expect(rows).toEqual([{ amount_fen: won[0]!.json().amount_fen }]);
    expect((await balance(memberId)).available).toBe(50 + won[0]!.json().amount_fen / 100);

    // redemptions keep their keys the same way
    const r1 = await call('POST', `/members/${memberId}/redemptions`, { idem: 'c-rdm', body: { points: 10 } });
    const r2 = await call('POST', `/members/${memberId}/redemptions`, { idem: 'c-rdm', body: { points: 11 } });
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 409]);
    expect(r2.json()).toMatchObject({ code: 'idempotency_conflict' });
  });

  it('30 simultaneous purchases for one member with distinct keys lose no update', async () => {
    const memberId = await enrol();
    const amounts = Array.from({ length: 30 }, (_, i) => 1_000 + i * 137);
    const rs = await Promise.all(amounts.map((amount_fen, i) => call('POST', '/purchases', { key: tp.posKey, idem: `d-${i}`, body: { member_id: memberId, amount_fen } })));

    expect(statuses(rs)).toEqual(Array(30).fill(201));
    const earned = rs.reduce((s, r) => s + (r.json().points_earned as number), 0);
    expect(earned).toBe(amounts.reduce((s, a) => s + Math.floor(a / 100), 0));
    expect(await balance(memberId)).toMatchObject({ available: earned, pending: 0, lifetime_earned: earned });
    expect((await statement(memberId)).filter((e) => e.kind === 'earn')).toHaveLength(30);
  });

  it('purchases and redemptions racing on one member keep the balance equal to its lots', async () => {
    const memberId = await enrol();
    await purchase(memberId, 50_000, 'f-seed'); // 500 points
    const rs = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => call('POST', '/purchases', { key: tp.posKey, idem: `f-pur-${i}`, body: { member_id: memberId, amount_fen: 2_000 } })),
      ...Array.from({ length: 20 }, (_, i) => call('POST', `/members/${memberId}/redemptions`, { key: tp.posKey, idem: `f-rdm-${i}`, body: { points: 45 } })),
    ]);
    const redeemed = rs.slice(20).filter((r) => r.statusCode === 201).length;
    expect(statuses(rs.slice(0, 20))).toEqual(Array(20).fill(201));
    expect(rs.slice(20).every((r) => r.statusCode === 201 || (r.statusCode === 422 && r.json().code === 'insufficient_points'))).toBe(true);
    expect(redeemed).toBeGreaterThanOrEqual(500 / 45 | 0); // the seed alone covers 11

    const bal = await balance(memberId);
    expect(bal).toMatchObject({ available: 500 + 20 * 20 - redeemed * 45, lifetime_earned: 900, spent: redeemed * 45 });
    const lots = await db().selectFrom('point_lots').select('remaining').where('program_id', '=', tp.programId).where('member_id', '=', memberId).execute();
    expect(lots.reduce((s, l) => s + l.remaining, 0)).toBe(bal.available);
  });

  it('retries of one return with the same key record one return', async () => {
    const memberId = await enrol();
    const p = await purchase(memberId, 10_000, 'e-earn'); // 100 points
    const rs = await Promise.all(Array.from({ length: 10 }, () =>
      call('POST', '/returns', { key: tp.posKey, idem: 'e-ret', body: { purchase_id: p.id, amount_fen: 4_000 } })));

    expect(statuses(rs)).toEqual(Array(10).fill(201));
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    expect(rs[0]!.json()).toMatchObject({ amount_fen: 4_000, points_reversed: 40, points_unrecovered: 0 });
    expect(replayed(rs)).toBe(9);

    const rows = await db().selectFrom('returns').select('id').where('program_id', '=', tp.programId).where('purchase_id', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    const pur = await call('GET', `/purchases/${p.id}`);
    expect(pur.json()).toMatchObject({ returned_fen: 4_000, points_reversed: 40 });
    expect((await statement(memberId)).filter((e) => e.kind === 'return')).toHaveLength(1);
    expect(await balance(memberId)).toMatchObject({ available: 60, reversed: 40 });
  });

  it('simultaneous distinct partial returns never return more than was bought', async () => {
    const memberId = await enrol();
    const p = await purchase(memberId, 10_000, 'g-earn');
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      call('POST', '/returns', { key: tp.posKey, idem: `g-ret-${i}`, body: { purchase_id: p.id, amount_fen: 3_000 } })));

    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = rs.filter((r) => r.statusCode === 422);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'return_exceeds_purchase' });
    expect((await call('GET', `/purchases/${p.id}`)).json()).toMatchObject({ returned_fen: 9_000, points_reversed: 90 });
    expect(await balance(memberId)).toMatchObject({ available: 10, reversed: 90 });
  });
});
