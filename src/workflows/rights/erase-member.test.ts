import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Deletion (PIPL 第四十七条): the member's personal data is gone from every table, while the
// program's books do not move: ledger totals (earned, spent, expired, reversed), liability
// and purchase sums are the same before and after. A member with an active paid VIP
// membership or an unsettled redemption is refused, with the reason.

describe.each(testDbKinds())('erasing a member on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let seq = 0;
  const db = () => t.services.ctx.db;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.inject({ method, url: url(path), headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const phone = () => `1391${kind === 'pglite' ? 3 : 4}${String(++seq).padStart(6, '0')}`;

  /** What an accountant reconciles: the ledger's sums by kind and direction, liability, balances, purchases. */
  const books = async () => {
    const pid = p.programId;
    const ledger = await sql<{ kind: string; direction: string; points: number }>`SELECT kind, direction, sum(points)::bigint AS points FROM ledger_entries WHERE program_id = ${pid} GROUP BY 1, 2 ORDER BY 1, 2`.execute(db());
    const [lots] = (await sql<{ liability: number; points: number }>`SELECT coalesce(sum(remaining), 0)::bigint AS liability, coalesce(sum(points), 0)::bigint AS points FROM point_lots WHERE program_id = ${pid}`.execute(db())).rows;
    const [bal] = (await sql<Record<string, number>>`SELECT sum(available)::bigint AS available, sum(pending)::bigint AS pending, sum(lifetime_earned)::bigint AS earned, sum(spent)::bigint AS spent, sum(expired)::bigint AS expired FROM point_balances WHERE program_id = ${pid}`.execute(db())).rows;
    const [buy] = (await sql<{ amount: number; returned: number; n: number }>`SELECT sum(amount_fen)::bigint AS amount, sum(returned_fen)::bigint AS returned, count(*)::int AS n FROM purchases WHERE program_id = ${pid}`.execute(db())).rows;
    const [ret] = (await sql<{ amount: number }>`SELECT coalesce(sum(amount_fen), 0)::bigint AS amount FROM returns WHERE program_id = ${pid}`.execute(db())).rows;
    return { ledger: ledger.rows, lots, bal, buy, ret };
  };

  /** Every text and JSON column of every table, searched for a value: where it still is. */
  const whereIs = async (value: string) => {
    const cols = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables x USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND x.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')`.execute(db());
    const found: string[] = [];
    for (const c of cols.rows) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table_name)} WHERE ${sql.ref(c.column_name)}::text LIKE ${`%${value}%`}`.execute(db());
      if (r.rows[0]!.n) found.push(`${c.table_name}.${c.column_name}`);
    }
    return found;
  };

  const enrol = async (over: object = {}) => unwrap(await t.services.flows.enrolMember(p.programId, { phone: phone(), ...over }, actor)).id;
  const buy = async (memberId: string, fen: number) => unwrap(await t.services.flows.recordPurchase(p.programId, {
    member_id: memberId, store_id: p.storeId, amount_fen: fen, occurred_at: new Date().toISOString(), lines: [{ sku: 'SKU-1', quantity: 2, amount_fen: fen }],
  }, actor, `k-${memberId}-${fen}`)).body;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    actor = { ...SYSTEM, role: 'admin', programId: p.programId };
  });
  afterAll(async () => { await t.close(); });

  it('removes every personal value and keeps the books as they were', async () => {
    const pii = { phone: phone(), name: '欧阳淑芬', email: 'shufen.ouyang@example.com', id_number: '11010519491231002X', birthday: '1949-12-31', gender: 'female' as const };
    const id = unwrap(await t.services.flows.enrolMember(p.programId, { ...pii, marketing_consent: true, sensitive_consent: true }, actor)).id;
    const other = await enrol({ name: '王小二' });
    const purchase = await buy(id, 12_345);
    await buy(other, 5_000);
    unwrap(await t.services.flows.recordReturn(p.programId, { purchase_id: purchase.id, amount_fen: 2_000 }, actor, `r-${purchase.id}`));
    unwrap(await t.services.points.redeem(p.programId, id, { points: 10, description: 'parking' }, actor, undefined));
    const type = unwrap(await t.services.coupons.createType(p.programId, { name: '满100减20', kind: 'amount', amount_off_fen: 2000, valid_days: 30 }, null));
    const coupon = unwrap(await t.services.coupons.issue(p.programId, { typeId: type.id, memberId: id, source: 'goodwill', reason: 'late delivery', actor }));
    unwrap(await t.services.referrals.codeOf(p.programId, id));
    expect(await whereIs(pii.name)).not.toEqual([]);
    const before = await books();

    const filed = await call('POST', '/rights-requests', { member_id: id, kind: 'deletion', channel: 'letter', note: '会员来信要求注销并删除' });
    expect(filed.statusCode, filed.body).toBe(201);
    const rid = filed.json().id as string;
    const unconfirmed = await call('POST', `/rights-requests/${rid}/complete`, {});
    expect(unconfirmed.json()).toMatchObject({ code: 'validation', field: 'confirm_erasure' });
    const done = await call('POST', `/rights-requests/${rid}/complete`, { confirm_erasure: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', member: { id, erased: true, name: null, phone: null } });
    expect(done.json().result).toMatchObject({ erased: true, coupons_voided: 1, referral_codes_removed: 1, kept: expect.arrayContaining(['points_ledger', 'purchase_amounts']) });

    expect(await books()).toEqual(before);
    for (const value of [pii.phone, pii.name, pii.email, pii.id_number]) expect(await whereIs(value), value).toEqual([]);
    const member = unwrap(await t.services.members.get(p.programId, id, actor));
    expect(member).toMatchObject({ status: 'terminated', status_reason: 'erased', name: null, email: null, birthday: null, gender: null, id_number: null, marketing_consent: false });
    expect((await t.services.coupons.list(p.programId, { memberId: id })).map((c) => [c.id, c.status])).toEqual([[coupon.id, 'void']]);
    // the other member is untouched, and the erased phone may enrol again as a new member
    expect(unwrap(await t.services.members.get(p.programId, other, actor)).name).toBe('王小二');
    const again = unwrap(await t.services.flows.enrolMember(p.programId, { phone: pii.phone }, actor));
    expect(again.id).not.toBe(id);
    // the member's copy after erasure names nobody
    const copy = JSON.stringify(await t.services.flows.memberDataExport(p.programId, id));
    for (const value of [pii.phone, pii.name, pii.email, pii.id_number]) expect(copy).not.toContain(value);
  });

  it('refuses while a paid VIP membership is active or a redemption is unsettled, changing nothing', async () => {
    const vip = await enrol({ name: '贵宾甲' });
    const plan = await t.services.memberships.createPlan(p.programId, { kind: 'individual', name: 'VIP', annual_fee_fen: 100_000, refund_policy: 'pro_rata' }, null);
    const today = new Date().toISOString().slice(0, 10);
    unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: plan.id, member_id: vip, starts_on: today, payment: { method: 'cash', amount_fen: 100_000, paid_on: today, receipt_no: `VIP-${kind}-${seq}` },
    }, actor));
    const rid = (await call('POST', '/rights-requests', { member_id: vip, kind: 'deletion', channel: 'counter' })).json().id as string;
    const refused = await call('POST', `/rights-requests/${rid}/complete`, { confirm_erasure: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'rights_blocked', blocker: 'vip_membership', field: 'member_id' });
    expect(unwrap(await t.services.members.get(p.programId, vip, actor))).toMatchObject({ name: '贵宾甲', status: 'active' });
    expect((await call('GET', `/rights-requests/${rid}`)).json().status).toBe('received');
    // the handler may refuse it with the reason instead
    const r = await call('POST', `/rights-requests/${rid}/refuse`, { reason: 'legal_retention', text: '付费会员合同有效期内，须保存交易记录' });
    expect(r.json()).toMatchObject({ status: 'refused', refusal_reason: 'legal_retention' });

    // a redemption waiting to be picked up: settle it first
    const fan = await enrol({ name: '兑换乙' });
    const earned = await t.app.inject({ method: 'POST', url: url('/purchases'), headers: { ...auth(p.posKey), 'idempotency-key': `buy-${fan}` }, payload: { member_id: fan, amount_fen: 50_000 } });
    expect(earned.statusCode, earned.body).toBe(201);
    const reward = await call('POST', '/rewards', { kind: 'goods', name: '保温杯', points: 100 });
    const redeemed = await t.app.inject({ method: 'POST', url: url(`/members/${fan}/reward-redemptions`), headers: { ...auth(p.adminKey), 'idempotency-key': `rdm-${fan}` }, payload: { reward_id: reward.json().id } });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const rid2 = (await call('POST', '/rights-requests', { member_id: fan, kind: 'deletion', channel: 'phone' })).json().id as string;
    const blocked = await call('POST', `/rights-requests/${rid2}/complete`, { confirm_erasure: true });
    expect(blocked.json()).toMatchObject({ code: 'rights_blocked', blocker: 'redemption' });
    expect(unwrap(await t.services.members.get(p.programId, fan, actor)).name).toBe('兑换乙');
  });
});
