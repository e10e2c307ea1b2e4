import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, apiHeaders as auth } from '../../testing/harness.ts';

// Paid VIP membership over time (VIP客户服务费用, seed 002 §1.3, §8): the job expires and
// notifies on its as-of date, renewal extends from the end or from the payment day, the
// benefits (tier floor, earn multiplier) hold while paid and go at the end, and purchases
// are judged as they were when they happened. Dates are local days in Asia/Shanghai.

const TZ = 'Asia/Shanghai';
/** Noon of a local day in Shanghai (04:00 UTC). */
const noon = (day: string) => new Date(`${day}T04:00:00Z`);

describe.each(testDbKinds())('VIP memberships over time on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  let receipt = 0;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  async function program() {
    const p = await createTestProgram(t, { time_zone: TZ });
    const tiers = await t.services.tiers.create(p.programId, [
      { code: 'base', name: '普卡', rank: 1, reach_threshold: 0 },
      { code: 'gold', name: '金卡', rank: 2, reach_threshold: 10_000_000, keep_threshold: 10_000_000 },
    ]);
    const gold = tiers.find((x) => x.code === 'gold')!.id;
    const plan = await t.services.memberships.createPlan(p.programId, {
      kind: 'individual', name: '个人 VIP', annual_fee_fen: 365_000, refund_policy: 'pro_rata', tier_id: gold, earn_multiplier_pct: 200,
    }, null);
    const corp = await t.services.memberships.createPlan(p.programId, {
      kind: 'corporate', name: '企业 VIP', max_seats: 2, refund_policy: 'none', tier_id: gold, earn_multiplier_pct: 150,
    }, null);
    return { ...p, gold, plan, corp };
  }
  type P = Awaited<ReturnType<typeof program>>;
  const enrol = async (p: P) => {
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers: auth(p.adminKey), payload: { phone: `1386${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}` } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const pay = (amount: number, paidOn: string) => ({ method: 'bank_transfer' as const, amount_fen: amount, paid_on: paidOn, receipt_no: `R-${kind}-${++receipt}` });
  const start = async (p: P, memberId: string, startsOn: string, now = noon(startsOn)) =>
    unwrap(await t.services.flows.startMembership(p.programId, { plan_id: p.plan.id, member_id: memberId, starts_on: startsOn, payment: pay(365_000, startsOn) }, SYSTEM, now));
  const job = async (p: P, asOf: string) => unwrap(await t.services.flows.runMembershipsJob({ programId: p.programId, asOf }, noon(asOf)))[0]!;
  const events = async (p: P, topic: string) => (await t.services.ctx.db.selectFrom('outbox').select('payload').where('program_id', '=', p.programId)
    .where('topic', '=', topic).orderBy('id').execute()).map((e) => e.payload as Record<string, unknown>);
  const floorOf = async (p: P, memberId: string) => (await t.services.tiers.states(p.programId, [memberId])).floors.get(memberId) as { tierId: string; endsOn: string | null } | undefined;
  const tierOf = async (p: P, memberId: string) => (await t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}/members/${memberId}`, headers: auth(p.adminKey) })).json().tier?.code ?? null;

  it('a 12-month term ends the day before its anniversary; the job expires it on the as-of date after its last day, once', async () => {
    const p = await program();
    const m = await start(p, await enrol(p), '2026-01-15', noon('2026-01-15'));
    expect([m.starts_on, m.ends_on, m.status]).toEqual(['2026-01-15', '2027-01-14', 'active']);
    expect(await job(p, '2027-01-14')).toMatchObject({ expired: 0 });
    expect(unwrap(await t.services.memberships.detail(p.programId, m.id, '2027-01-14')).status).toBe('active');
    expect(await job(p, '2027-01-15')).toMatchObject({ expired: 1 });
    expect(await job(p, '2027-01-16')).toMatchObject({ expired: 0 });
    const d = unwrap(await t.services.memberships.detail(p.programId, m.id, '2027-01-15'));
    expect(d.status).toBe('expired');
    expect(await events(p, 'membership.expired')).toEqual([expect.objectContaining({ membership_id: m.id, ends_on: '2027-01-14' })]);
  });

  it('renewal on or before the last day extends from the end; after expiry it runs from the payment day and the member is back', async () => {
    const p = await program();
    const member = await enrol(p);
    const early = await start(p, member, '2026-01-15');
    const renewed = unwrap(await t.services.flows.renewMembership(p.programId, early.id, { payment: pay(365_000, '2026-12-20') }, SYSTEM, noon('2026-12-20')));
    expect([renewed.ends_on, renewed.payments.map((x) => [x.covers_from, x.covers_to])]).toEqual(['2028-01-14', [['2026-01-15', '2027-01-14'], ['2027-01-15', '2028-01-14']]]);

    const p2 = await program();
    const member2 = await enrol(p2);
    const late = await start(p2, member2, '2026-01-15');
    await job(p2, '2027-01-15');
    expect(await floorOf(p2, member2)).toBeUndefined();
    const back = unwrap(await t.services.flows.renewMembership(p2.programId, late.id, { payment: pay(365_000, '2027-02-03') }, SYSTEM, noon('2027-02-03')));
    expect([back.status, back.ends_on, back.payments[1]!.covers_from]).toEqual(['active', '2028-02-02', '2027-02-03']);
    expect(back.members.map((x) => x.member.id)).toEqual([member2]);
    expect(await floorOf(p2, member2)).toMatchObject({ tierId: p2.gold, endsOn: '2028-02-02' });
    expect((await events(p2, 'membership.renewed'))[0]).toMatchObject({ membership_id: late.id, covers_from: '2027-02-03' });
  });

  it('membership.expiring goes out 30 and 7 days before the end, once each', async () => {
    const p = await program();
    const m = await start(p, await enrol(p), '2026-01-15'); // last day 2027-01-14
    expect(await job(p, addDays('2027-01-14', -31))).toMatchObject({ notices_30: 0, notices_7: 0 });
    expect(await job(p, addDays('2027-01-14', -30))).toMatchObject({ notices_30: 1, notices_7: 0 });
    expect(await job(p, addDays('2027-01-14', -30))).toMatchObject({ notices_30: 0 });
    expect(await job(p, addDays('2027-01-14', -8))).toMatchObject({ notices_30: 0, notices_7: 0 });
    expect(await job(p, addDays('2027-01-14', -7))).toMatchObject({ notices_30: 0, notices_7: 1 });
    expect(await job(p, addDays('2027-01-14', -1))).toMatchObject({ notices_30: 0, notices_7: 0 });
    expect((await events(p, 'membership.expiring')).map((e) => [e.membership_id, e.lead_days, e.days_left])).toEqual([[m.id, 30, 30], [m.id, 7, 7]]);
  });

  it('benefits hold while paid and go at expiry: the floor ends, a purchase after the end earns no VIP bonus, one dated before still does', async () => {
    const p = await program();
    const member = await enrol(p);
    const today = localDate(new Date(), TZ);
    const startsOn = addDays(today, -400);
    const m = await start(p, member, startsOn, noon(startsOn));
    expect(await tierOf(p, member)).toBe('gold');
    expect(await floorOf(p, member)).toMatchObject({ tierId: p.gold, endsOn: m.ends_on });
    await job(p, today);
    expect(await floorOf(p, member)).toBeUndefined();
    const buy = async (occurredAt: Date) => {
      const r = await t.app.inject({
        method: 'POST', url: `/v1/programs/${p.programId}/purchases`, headers: { ...auth(p.posKey), 'idempotency-key': randomUUID() },
        payload: { member_id: member, amount_fen: 10_000, occurred_at: occurredAt.toISOString() },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const before = await buy(noon(addDays(m.ends_on, -3)));
    expect(before.breakdown).toEqual([
      expect.objectContaining({ source: 'base', granted: 100 }),
      expect.objectContaining({ source: 'vip', vip_plan_id: p.plan.id, granted: 100 }),
    ]);
    const after = await buy(noon(addDays(m.ends_on, 1)));
    expect([after.points_earned, after.breakdown.map((i: { source: string }) => i.source)]).toEqual([100, ['base']]);
  });

  it('a program whose only earning feature is a VIP plan earns through the rules path: the member earns the plan\'s multiplier, others do not', async () => {
    const p = await createTestProgram(t, { time_zone: TZ });
    const q = { ...p, gold: '', plan: null as never, corp: null as never };
    const plan = await t.services.memberships.createPlan(p.programId, { kind: 'individual', name: '银 VIP', annual_fee_fen: 10_000, refund_policy: 'none', earn_multiplier_pct: 130 }, null);
    const [vip, plain] = [await enrol(q), await enrol(q)];
    const today = localDate(new Date(), TZ);
    unwrap(await t.services.flows.startMembership(p.programId, { plan_id: plan.id, member_id: vip, payment: pay(10_000, today) }, SYSTEM));
    const buy = async (memberId: string) => (await t.app.inject({
      method: 'POST', url: `/v1/programs/${p.programId}/purchases`, headers: { ...auth(p.posKey), 'idempotency-key': randomUUID() }, payload: { member_id: memberId, amount_fen: 10_000 },
    })).json();
    const a = await buy(vip);
    expect([a.points_earned, a.breakdown.map((i: { source: string; granted: number }) => [i.source, i.granted])]).toEqual([130, [['base', 100], ['vip', 30]]]);
    expect((await buy(plain)).points_earned).toBe(100);
  });

  it('a corporate membership seats its named members up to the plan\'s seats; each has the benefits, a removed one loses them', async () => {
    const p = await program();
    const [a, b, c] = [await enrol(p), await enrol(p), await enrol(p)];
    const today = localDate(new Date(), TZ);
    const corp = unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: p.corp.id, company_name: '星河贸易有限公司', contact_name: '王经理', contact_phone: '13900000000', member_ids: [a, b], fee_fen: 1_000_000,
      payment: pay(1_000_000, today),
    }, SYSTEM));
    expect(corp.members.map((x) => x.member.id).sort()).toEqual([a, b].sort());
    expect(corp.contact_phone).toBe('13900000000');
    const full = await t.services.flows.addVipMember(p.programId, corp.id, c, SYSTEM);
    expect(full).toMatchObject({ code: 'vip_seats_full' });
    for (const x of [a, b]) expect(await floorOf(p, x)).toMatchObject({ tierId: p.gold });
    const removed = unwrap(await t.services.flows.removeVipMember(p.programId, corp.id, b, SYSTEM));
    expect(removed.members.map((x) => x.member.id)).toEqual([a]);
    expect(await floorOf(p, b)).toBeUndefined();
    const added = unwrap(await t.services.flows.addVipMember(p.programId, corp.id, c, SYSTEM));
    expect(added.members.map((x) => x.member.id).sort()).toEqual([a, c].sort());
    // a member holds one seat at a time
    const twice = await t.services.flows.startMembership(p.programId, { plan_id: p.plan.id, member_id: a, payment: pay(365_000, today) }, SYSTEM);
    expect(twice).toMatchObject({ code: 'vip_member_taken', field: 'member_id' });
  });

  it('a lapsed company membership renewed takes back its members but not one terminated meanwhile; a terminated holder renews no personal term', async () => {
    const p = await program();
    const [a, b] = [await enrol(p), await enrol(p)];
    const corp = unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: p.corp.id, company_name: '远航科技', contact_name: '赵经理', contact_phone: '13900000001', member_ids: [a, b], fee_fen: 1_000_000,
      starts_on: '2026-01-15', payment: pay(1_000_000, '2026-01-15'),
    }, SYSTEM, noon('2026-01-15')));
    const solo = await enrol(p);
    const personal = await start(p, solo, '2026-01-15');
    expect(await job(p, '2027-01-15')).toMatchObject({ expired: 2 });
    // b and the personal member leave while the memberships are lapsed (no seat open: nothing to release)
    for (const id of [b, solo]) unwrap(await t.services.flows.changeMemberStatus(p.programId, id, 'terminate', '会员申请注销', SYSTEM));
    const renewed = unwrap(await t.services.flows.renewMembership(p.programId, corp.id, { payment: pay(1_000_000, '2027-02-01') }, SYSTEM, noon('2027-02-01')));
    expect(renewed.members.map((x) => x.member.id)).toEqual([a]);
    expect(await floorOf(p, a)).toMatchObject({ tierId: p.gold });
    expect(await floorOf(p, b)).toBeUndefined();
    const refused = await t.services.flows.renewMembership(p.programId, personal.id, { payment: pay(365_000, '2027-02-01') }, SYSTEM, noon('2027-02-01'));
    expect(refused).toMatchObject({ code: 'member_not_active' });
    expect(unwrap(await t.services.memberships.detail(p.programId, personal.id, '2027-02-01')).status).toBe('expired');
  });

  it('concurrent writes: the last seat goes to one of six simultaneous additions; one receipt number starts one membership', async () => {
    const p = await program();
    // ids[1..6] race for the last seat; ids[7] and ids[8], not among them, race for one receipt number
    const ids = await Promise.all(Array.from({ length: 9 }, () => enrol(p)));
    const today = localDate(new Date(), TZ);
    const corp = unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: p.corp.id, company_name: '并发测试公司', contact_name: '赵', member_ids: [ids[0]!], fee_fen: 500_000, payment: pay(500_000, today),
    }, SYSTEM));
    const adds = await Promise.all(ids.slice(1, 7).map((m) => t.services.flows.addVipMember(p.programId, corp.id, m, SYSTEM)));
    expect(adds.filter((r) => 'code' in r && r.code === 'vip_seats_full')).toHaveLength(5);
    expect(unwrap(await t.services.memberships.detail(p.programId, corp.id, today)).members).toHaveLength(2);
    const receipt = `R-${kind}-same`;
    const starts = await Promise.all(ids.slice(7, 9).map((m) => t.services.flows.startMembership(p.programId, {
      plan_id: p.plan.id, member_id: m, payment: { ...pay(365_000, today), receipt_no: receipt },
    }, SYSTEM)));
    expect(starts.map((r) => ('code' in r ? r.code : 'started')).sort()).toEqual(['started', 'vip_receipt_taken']);
    expect(await events(p, 'membership.started')).toHaveLength(2); // the company's and the one that paid
  });

  it('ending early refunds floor(fee × remaining days / term days), computed by hand', async () => {
    const p = await program();
    const m = await start(p, await enrol(p), '2026-01-01'); // 365 days: 2026-01-01 .. 2026-12-31
    const now = noon('2026-04-10');
    // days after 10 April to 31 December: 20 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 265
    const preview = unwrap(await t.services.flows.previewEnd(p.programId, m.id, now));
    expect(preview).toEqual({ refund_policy: 'pro_rata', ends_on: '2026-04-10', refund_fen: 265_000, remaining_days: 265, term_days: 365, fee_fen: 365_000 });
    const stale = await t.services.flows.endMembership(p.programId, m.id, { refund_fen: 265_001, method: 'bank_transfer' }, SYSTEM, now);
    expect(stale).toMatchObject({ code: 'vip_refund_changed', field: 'refund_fen' });
    const ended = unwrap(await t.services.flows.endMembership(p.programId, m.id, { refund_fen: 265_000, method: 'bank_transfer', reference: 'TR-1' }, SYSTEM, now));
    expect([ended.status, ended.ends_on, ended.refunds.map((r) => [r.amount_fen, r.reference, r.actor])]).toEqual(['ended', '2026-04-10', [[265_000, 'TR-1', 'system']]]);
    // an odd fee: 199 900 × 265 = 52 973 500; / 365 = 145 132.87… → 145 132 (rounded down)
    const q = await program();
    await t.services.memberships.updatePlan(q.programId, q.plan.id, { annual_fee_fen: 199_900 });
    const m2 = unwrap(await t.services.flows.startMembership(q.programId, { plan_id: q.plan.id, member_id: await enrol(q), starts_on: '2026-01-01', payment: pay(199_900, '2026-01-01') }, SYSTEM, noon('2026-01-01')));
    expect(unwrap(await t.services.flows.previewEnd(q.programId, m2.id, now)).refund_fen).toBe(145_132);
    // renewed ahead: the prepaid term is refunded whole
    const r = unwrap(await t.services.flows.renewMembership(q.programId, m2.id, { payment: pay(199_900, '2026-04-01') }, SYSTEM, noon('2026-04-01')));
    expect(r.ends_on).toBe('2027-12-31');
    expect(unwrap(await t.services.flows.previewEnd(q.programId, m2.id, now))).toMatchObject({ refund_fen: 145_132 + 199_900, remaining_days: 265 + 365 });
  });
});
