import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Retention on an as-of date (定期清理过时信息): for each kind of data, a row just past its
// period goes and a row just inside it stays; the counts are reported per kind and the run
// is recorded; a dry run counts the same and changes nothing; a rerun finds nothing more.
// As of 2026-06-15 in Shanghai, with the default periods, the last local day kept is:
const AS_OF = '2026-06-15';
const KEPT_FROM = {
  terminated_members: '2023-06-15', // 3 years after termination
  purchase_lines: '2021-06-15', // 5 years
  expired_coupons: '2024-06-15', // 2 years after expiry
  idempotency_records: '2026-05-16', // 30 days
  referral_signals: '2025-06-15', // 1 year
  rights_exports: '2026-05-16', // 30 days after completion
  outbox_events: '2026-03-17', // 90 days: 06-15 back 30 to 05-16, 30 more to 04-16, 30 more to 03-17
};
const inside = (day: string) => new Date(`${day}T00:00:00+08:00`);
const past = (day: string) => new Date(inside(day).getTime() - 1000);

describe.each(testDbKinds())('retention on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let seq = 0;
  const db = () => t.services.ctx.db;
  const pid = () => p.programId;
  const enrol = async (name: string) => unwrap(await t.services.flows.enrolMember(pid(), { phone: `1381${kind === 'pglite' ? 5 : 6}${String(++seq).padStart(6, '0')}`, name }, actor)).id;
  const ids: Record<string, string> = {};
  let signalsPast = 0;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    actor = { ...SYSTEM, role: 'admin', programId: p.programId };
    const s = t.services;
    // terminated members: one just past three years, one just inside
    for (const [k, at] of [['oldTerm', past(KEPT_FROM.terminated_members)], ['newTerm', inside(KEPT_FROM.terminated_members)]] as const) {
      ids[k] = await enrol(k);
      unwrap(await s.flows.changeMemberStatus(pid(), ids[k], 'terminate', '会员申请注销', actor));
      await sql`UPDATE member_status_changes SET created_at = ${at} WHERE program_id = ${pid()} AND member_id = ${ids[k]}`.execute(db());
    }
    // purchases with line details, coupons, copies downloadable, retry records, signals
    ids.buyer = await enrol('buyer');
    const type = unwrap(await s.coupons.createType(pid(), { name: '券', kind: 'amount', amount_off_fen: 100, valid_days: 30 }, null));
    for (const [k, purchaseAt, couponUntil, doneAt, keyAt] of [
      ['old', past(KEPT_FROM.purchase_lines), past(KEPT_FROM.expired_coupons), past(KEPT_FROM.rights_exports), past(KEPT_FROM.idempotency_records)],
      ['new', inside(KEPT_FROM.purchase_lines), inside(KEPT_FROM.expired_coupons), inside(KEPT_FROM.rights_exports), inside(KEPT_FROM.idempotency_records)],
    ] as const) {
      const buy = unwrap(await s.flows.recordPurchase(pid(), { member_id: ids.buyer!, store_id: p.storeId, amount_fen: 1000, lines: [{ sku: `SKU-${k}`, quantity: 1, amount_fen: 1000 }] }, actor, `buy-${k}`)).body;
      await sql`UPDATE purchases SET occurred_at = ${purchaseAt} WHERE program_id = ${pid()} AND id = ${buy.id}`.execute(db());
      ids[`${k}Purchase`] = buy.id;
      const coupon = unwrap(await s.coupons.issue(pid(), { typeId: type.id, memberId: ids.buyer!, source: 'goodwill', reason: 'x', actor }));
      await sql`UPDATE coupons SET valid_from = ${new Date(couponUntil.getTime() - 86_400_000)}, valid_until = ${couponUntil} WHERE program_id = ${pid()} AND id = ${coupon.id}`.execute(db());
      ids[`${k}Coupon`] = coupon.id;
      const req = unwrap(await s.rights.create(pid(), { member_id: ids.buyer!, kind: 'copy', channel: 'counter' }, actor));
      unwrap(await s.flows.completeRightsRequest(pid(), req.id, {}, actor, doneAt));
      ids[`${k}Copy`] = req.id;
      await sql`INSERT INTO idempotency_keys (program_id, key, scope, request_hash, response_status, response_body, created_at)
        VALUES (${pid()}, ${`retry-${k}`}, 'test', 'h', 200, '{}', ${keyAt})`.execute(db());
      // an event of that age (the ones the set-up wrote are of today, after the as-of date: kept)
      await sql`INSERT INTO outbox (program_id, topic, aggregate_id, payload, created_at, published_at)
        VALUES (${pid()}, 'test.retention', ${`event-${k}`}, '{}', ${k === 'old' ? past(KEPT_FROM.outbox_events) : inside(KEPT_FROM.outbox_events)}, now())`.execute(db());
    }
    await sql`UPDATE referral_signals SET created_at = ${past(KEPT_FROM.referral_signals)} WHERE program_id = ${pid()} AND member_id = ${ids.buyer!}`.execute(db());
    await sql`UPDATE referral_signals SET created_at = ${inside(KEPT_FROM.referral_signals)} WHERE program_id = ${pid()} AND member_id = ${ids.newTerm!}`.execute(db());
    signalsPast = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM referral_signals WHERE program_id = ${pid()} AND member_id = ${ids.buyer!}`.execute(db())).rows[0]!.n;
  }, 120_000);
  afterAll(async () => { await t.close(); });

  const state = async () => ({
    erased: (await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${pid()} AND erased_at IS NOT NULL ORDER BY id`.execute(db())).rows.map((r) => r.id),
    lines: Object.fromEntries((await sql<{ id: string; lines: unknown }>`SELECT id, lines FROM purchases WHERE program_id = ${pid()}`.execute(db())).rows.map((r) => [r.id, r.lines !== null])),
    coupons: (await sql<{ id: string }>`SELECT id FROM coupons WHERE program_id = ${pid()} ORDER BY id`.execute(db())).rows.map((r) => r.id),
    keys: (await sql<{ key: string }>`SELECT key FROM idempotency_keys WHERE program_id = ${pid()} AND scope = 'test' ORDER BY key`.execute(db())).rows.map((r) => r.key),
    signals: (await sql<{ member_id: string }>`SELECT DISTINCT member_id FROM referral_signals WHERE program_id = ${pid()} ORDER BY 1`.execute(db())).rows.map((r) => r.member_id),
    exports: (await sql<{ id: string }>`SELECT id FROM rights_requests WHERE program_id = ${pid()} AND export_until IS NOT NULL ORDER BY id`.execute(db())).rows.map((r) => r.id),
    events: (await sql<{ aggregate_id: string }>`SELECT aggregate_id FROM outbox WHERE program_id = ${pid()} AND topic = 'test.retention' ORDER BY 1`.execute(db())).rows.map((r) => r.aggregate_id),
    allEvents: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE program_id = ${pid()}`.execute(db())).rows[0]!.n,
  });
  const expected = () => ({ terminated_members: 1, purchase_lines: 1, expired_coupons: 1, idempotency_records: 1, referral_signals: signalsPast, rights_exports: 1, outbox_events: 1 });

  it('counts on a dry run (from the API) and changes nothing', async () => {
    const before = await state();
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${pid()}/retention/runs`, headers: auth(p.adminKey), payload: { as_of: AS_OF, dry_run: true } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ as_of: AS_OF, dry_run: true, counts: expected() });
    expect(await state()).toEqual(before);
  });

  it('deletes or anonymises what is just past its period, keeps what is just inside, and reports it', async () => {
    const [run] = unwrap(await t.services.flows.runRetention({ programId: pid(), asOf: AS_OF }));
    expect(run).toMatchObject({ dry_run: false, counts: expected() });
    const after = await state();
    expect(after.erased).toEqual([ids.oldTerm]);
    expect(after.lines).toEqual({ [ids.oldPurchase!]: false, [ids.newPurchase!]: true });
    expect(after.coupons).not.toContain(ids.oldCoupon);
    expect(after.coupons).toContain(ids.newCoupon);
    expect(after.keys).toEqual(['retry-new']);
    expect(after.signals).not.toContain(ids.buyer);
    expect(after.signals).toContain(ids.newTerm);
    expect(after.exports).toEqual([ids.newCopy]);
    // the one event past 90 days went; today's (the set-up's purchases, terminations…) stay
    expect(after.events).toEqual(['event-new']);
    expect(after.allEvents).toBeGreaterThan(10);
    const gone = await t.app.inject({ method: 'GET', url: `/v1/programs/${pid()}/rights-requests/${ids.oldCopy}/export.json`, headers: auth(p.adminKey) });
    expect(gone.json()).toMatchObject({ code: 'rights_export_gone' });
    // the purchase amounts stay: only the line details went
    const [buy] = (await sql<{ amount_fen: number }>`SELECT amount_fen FROM purchases WHERE program_id = ${pid()} AND id = ${ids.oldPurchase!}`.execute(db())).rows;
    expect(buy!.amount_fen).toBe(1000);
  });

  it('finds nothing more on a rerun, and lists every run with its counts', async () => {
    const [again] = unwrap(await t.services.flows.runRetention({ programId: pid(), asOf: AS_OF }));
    expect(Object.values(again!.counts).every((n) => n === 0)).toBe(true);
    const runs = await t.app.inject({ method: 'GET', url: `/v1/programs/${pid()}/retention/runs`, headers: auth(p.adminKey) });
    expect(runs.json().items.map((r: { dry_run: boolean }) => r.dry_run)).toEqual([false, false, true]);
  });
});
