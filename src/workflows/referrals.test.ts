import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../platform/time.ts';
import { unwrap } from '../platform/errors.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';

// The referral reward job: both sides are paid once, through the event rewards, only after
// the friend's first purchase has passed its return window (pending_days) unreturned.

const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';

describe.each(testDbKinds())('referral rewards on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const phone = () => `137${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(7, '0')}`;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(p.adminKey), ...headers }, ...(payload ? { payload } : {}) });
  const enrol = async (body: object = {}) => {
    const r = await call('POST', '/members', { phone: phone(), ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  /** A referrer and a friend who enrolled with their code. */
  const pair = async (friendBody: object = {}) => {
    const referrer = await enrol(friendBody);
    const code = (await call('GET', `/members/${referrer}/referral-code`)).json().code;
    const friend = await enrol({ ...friendBody, referral_code: code });
    return { referrer, friend };
  };
  const buy = async (memberId: string, amount: number, daysAgo: number) => {
    const r = await call('POST', '/purchases', { member_id: memberId, store_id: p.storeId, amount_fen: amount, occurred_at: new Date(Date.now() - daysAgo * DAY).toISOString() }, { 'idempotency-key': `p-${memberId}-${daysAgo}` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const awards = async (memberId: string) => ((await call('GET', `/members/${memberId}/event-awards`)).json().items as { event: string; points: number }[])
    .filter((a) => a.event === 'referral' || a.event === 'referred');
  const referral = async (friend: string) => (await call('GET', `/members/${friend}/referrals`)).json().referred_by;
  const run = (asOf: string) => t.services.flows.rewardReferrals({ programId: p.programId, asOf });
  const daysAgo = (n: number) => localDate(new Date(Date.now() - n * DAY), TZ);

  beforeAll(async () => {
    t = await createTestContext(kind);
    // a 7-day return window: purchases' points (and referral rewards) wait 7 days
    p = await createTestProgram(t, { pending_days: 7, time_zone: TZ });
    await call('PUT', '/event-rewards/referral', { points: 100, active: true });
    await call('PUT', '/event-rewards/referred', { points: 50, active: true });
    await call('PUT', '/referral-settings', { monthly_cap: null, burst_count: 100 });
  });
  afterAll(async () => { await t.close(); });

  it('pays both sides only after the return window, and once however often the job runs', async () => {
    const { referrer, friend } = await pair();
    // the first purchase 10 days ago: its window closed 3 days ago
    await buy(friend, 5_000, 10);
    const early = unwrap(await run(daysAgo(5)))[0]!;
    expect(early).toMatchObject({ rewarded: 0, waiting: early.judged });
    expect(await referral(friend)).toMatchObject({ status: 'pending', referrer_points: null });
    expect(await awards(referrer)).toEqual([]);

    const after = unwrap(await run(daysAgo(1)))[0]!;
    expect(after.rewarded).toBe(1);
    const r = await referral(friend);
    expect(r).toMatchObject({ status: 'rewarded', referrer_points: 100, friend_points: 50, purchase_id: expect.stringMatching(/^pur_/) });
    expect(await awards(referrer)).toMatchObject([{ event: 'referral', points: 100 }]);
    expect(await awards(friend)).toMatchObject([{ event: 'referred', points: 50 }]);

    // again, and twice at once: nobody is paid twice
    const again = await Promise.all([run(daysAgo(1)), run(daysAgo(0))]);
    expect(again.map((x) => unwrap(x)[0]!.rewarded)).toEqual([0, 0]);
    expect(await awards(referrer)).toHaveLength(1);
    expect(await awards(friend)).toHaveLength(1);
    const balance = (await call('GET', `/members/${referrer}/balance`)).json();
    expect(balance.available + balance.pending).toBe(100);
  });

  it('judges a window that ends after now on no day: a return could still come', async () => {
    const { friend } = await pair();
    await buy(friend, 5_000, 2);
    // as of a week ahead the window would have closed, but it has not yet
    expect(unwrap(await run(addDays(daysAgo(0), 7)))[0]!.rewarded).toBe(0);
    expect(await referral(friend)).toMatchObject({ status: 'pending' });
  });

  it('voids the referral when the first purchase was returned, and does not look at later purchases', async () => {
    const { referrer, friend } = await pair();
    const first = await buy(friend, 3_000, 12);
    await buy(friend, 9_000, 11);
    const ret = await call('POST', '/returns', { purchase_id: first }, { 'idempotency-key': `r-${first}` });
    expect(ret.statusCode, ret.body).toBe(201);
    await run(daysAgo(1));
    expect(await referral(friend)).toMatchObject({ status: 'void', void_reason: 'returned', purchase_id: first, referrer_points: null });
    expect(await awards(referrer)).toEqual([]);
    expect(await awards(friend)).toEqual([]);
  });

  it('counts a partial return against the minimum: enough left qualifies, too little voids', async () => {
    await call('PUT', '/referral-settings', { min_purchase_fen: 2_000 });
    try {
      const kept = await pair();
      const a = await buy(kept.friend, 5_000, 10);
      await call('POST', '/returns', { purchase_id: a, amount_fen: 2_000 }, { 'idempotency-key': `r-${a}` });
      const lost = await pair();
      const b = await buy(lost.friend, 5_000, 10);
      await call('POST', '/returns', { purchase_id: b, amount_fen: 3_500 }, { 'idempotency-key': `r-${b}` });
      await run(daysAgo(1));
      expect(await referral(kept.friend)).toMatchObject({ status: 'rewarded', referrer_points: 100 });
      expect(await referral(lost.friend)).toMatchObject({ status: 'void', void_reason: 'returned' });
    } finally {
      await call('PUT', '/referral-settings', { min_purchase_fen: 1 });
    }
  });

  it('pays a blocked referral only after staff release it', async () => {
    const { referrer, friend } = await pair({ device_fingerprint: `family-ipad-${kind}` });
    const blocked = await referral(friend);
    expect(blocked).toMatchObject({ status: 'blocked', block_reason: 'same_device' });
    await buy(friend, 8_000, 9);
    await run(daysAgo(1));
    expect(await referral(friend)).toMatchObject({ status: 'blocked' });
    expect(await awards(referrer)).toEqual([]);
    const released = await call('POST', `/referrals/${blocked.id}/release`, { reason: '夫妻二人共用平板，核实为两位顾客' });
    expect(released.statusCode, released.body).toBe(200);
    // the job through the API
    const r = await call('POST', '/jobs/referrals', { as_of: daysAgo(1) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ as_of: daysAgo(1), rewarded: 1 });
    expect(await referral(friend)).toMatchObject({ status: 'rewarded', block_reason: 'same_device', referrer_points: 100, friend_points: 50 });
    const topics = await t.services.ctx.db.selectFrom('outbox').select('topic').where('program_id', '=', p.programId).where('aggregate_id', '=', friend).execute();
    expect(topics.map((x) => x.topic)).toEqual(expect.arrayContaining(['referral.linked', 'referral.blocked', 'referral.released', 'referral.rewarded']));
  });
});
