import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { addDays, addMonths, localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { kit } from './reward.test-kit.ts';

// Stock and limits under simultaneous requests (on PostgreSQL they run on separate pool
// connections at once; on PGlite they are serialised and the answers must be the same),
// and cancellation giving points back to the very lots they came from, or to a fresh lot
// (or nowhere) when those lots expired in between.

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

describe.each(testDbKinds())('redemptions under concurrency and cancellation on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const k = kit(() => t, () => p);
  beforeAll(async () => {
    t = await createTestContext(kind);
    // lots expire one month after they are earned: the cancellation tests need lots that lapse
    p = await createTestProgram(t, { expiry: { policy: 'rolling_months', months: 1 } });
  });
  afterAll(async () => { await t.close(); });

  it('50 simultaneous redemptions of an item with 10 in stock: exactly 10, stock 0, 10 debits', async () => {
    const members = await Promise.all(Array.from({ length: 25 }, () => k.member(1000)));
    const r = await k.reward({ stock: 10, points: 100 });
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => k.redeem(members[i % 25]!, r.id, { key: p.posKey })));
    const ok = rs.filter((x) => x.statusCode === 201);
    expect(ok).toHaveLength(10);
    for (const x of rs.filter((y) => y.statusCode !== 201)) expect(x.json()).toMatchObject({ code: 'reward_out_of_stock' });
    expect((await k.call('GET', `/rewards/${r.id}`)).json()).toMatchObject({ stock: 0, redeemed: 10 });
    const debits = (await Promise.all(members.map((m) => k.redeemDebits(m)))).flat();
    expect(debits).toHaveLength(10);
    const spent = (await Promise.all(members.map((m) => k.balance(m)))).reduce((s, b) => s + b.spent, 0);
    expect(spent).toBe(1000);
    expect((await k.call('GET', `/reward-redemptions?reward_id=${r.id}`)).json().total).toBe(10);
  });

  it('a per-member limit of 3 and a per-day limit of 2 hold under 10 simultaneous redemptions', async () => {
    const m = await k.member(10_000);
    const life = await k.reward({ per_member_limit: 3, points: 10 });
    const rs = await Promise.all(Array.from({ length: 10 }, () => k.redeem(m, life.id)));
    expect(rs.filter((x) => x.statusCode === 201)).toHaveLength(3);
    for (const x of rs.filter((y) => y.statusCode !== 201)) expect(x.json()).toMatchObject({ code: 'reward_limit_reached', limit: 3, scope: 'member' });
    const daily = await k.reward({ period_limit: 2, limit_period: 'day', points: 10 });
    const ds = await Promise.all(Array.from({ length: 10 }, () => k.redeem(m, daily.id)));
    expect(ds.filter((x) => x.statusCode === 201)).toHaveLength(2);
    for (const x of ds.filter((y) => y.statusCode !== 201)) expect(x.json()).toMatchObject({ code: 'reward_limit_reached', limit: 2, scope: 'day' });
    expect((await k.balance(m)).available).toBe(10_000 - 50);
    expect(await k.redeemDebits(m)).toHaveLength(5);
  });

  it('cancel gives the points back to the same lots, restores the stock and the limit; twice is refused', async () => {
    const m = await k.member(0);
    await k.earn(m, 60);
    await k.earn(m, 70);
    const before = await k.lots(m);
    const r = await k.reward({ stock: 1, per_member_limit: 1, points: 100 });
    const red = (await k.redeem(m, r.id)).json();
    const drawn = await k.lots(m);
    expect(drawn.reduce((s, l) => s + l.remaining, 0)).toBe(30);
    const c = await k.call('POST', `/reward-redemptions/${red.id}/cancel`, { body: { reason: '会员改变主意' } });
    expect(c.json()).toMatchObject({ status: 'cancelled', cancel_reason: '会员改变主意', points_restored: 100, points_fresh: 0, points_forfeited: 0, balance_after: 130 });
    const after = await k.lots(m);
    expect(after.map((l) => [l.id, l.remaining, l.state]).sort()).toEqual(before.map((l) => [l.id, l.remaining, l.state]).sort());
    expect((await k.balance(m))).toMatchObject({ available: 130, spent: 0 });
    expect((await k.call('GET', `/rewards/${r.id}`)).json()).toMatchObject({ stock: 1, redeemed: 0 });
    expect((await k.call('POST', `/reward-redemptions/${red.id}/cancel`, { body: { reason: 'again' } })).json()).toMatchObject({ code: 'redemption_status' });
    // the limit place came back with the stock: the member may redeem it again
    expect((await k.redeem(m, r.id)).statusCode).toBe(201);
    const statement = (await k.call('GET', `/members/${m}/statement?limit=50`)).json().items as { kind: string; direction: string; points: number; redemption_id: string | null }[];
    expect(statement.filter((e) => e.redemption_id === red.id).map((e) => [e.kind, e.direction, e.points]).sort()).toEqual([['redeem', 'credit', 100], ['redeem', 'debit', 100]]);
  });

  it('points of lots that expired in between come back in a fresh lot (fresh_lot) or not at all (forfeit)', async () => {
    const today = localDate(new Date(), TZ);
    for (const setting of ['fresh_lot', 'forfeit'] as const) {
      expect((await k.call('PUT', '/reward-settings', { body: { expired_points: setting } })).json()).toEqual({ expired_points: setting });
      // earned 20 days ago: the lot's last valid day is about 10 days from now
      const m = await k.member(300, new Date(Date.now() - 20 * DAY).toISOString());
      const [lot] = await k.lots(m);
      const r = await k.reward({ points: 100 });
      const red = (await k.redeem(m, r.id)).json();
      // the expiry job on the lot's last day expires the 200 left; the member cancels the day after
      const asOf = lot!.expires_on!;
      expect(asOf > today).toBe(true);
      unwrap(await t.services.jobs.runExpiry({ programId: p.programId, asOf }));
      const dayAfter = new Date(Date.parse(`${addDays(asOf, 1)}T12:00:00+08:00`));
      const c = unwrap(await t.services.flows.cancelRedemption(p.programId, red.id, 'late cancel', SYSTEM, dayAfter));
      const lots = await k.lots(m);
      expect(lots.find((l) => l.id === lot!.id)).toMatchObject({ remaining: 0, state: 'expired' });
      if (setting === 'fresh_lot') {
        expect(c).toMatchObject({ points_restored: 0, points_fresh: 100, points_forfeited: 0 });
        const fresh = lots.find((l) => l.id !== lot!.id)!;
        // a fresh lot with the program's expiry counted from the cancellation day
        expect(fresh).toMatchObject({ points: 100, remaining: 100, expires_on: addDays(addMonths(addDays(asOf, 1), 1), -1) });
        expect((await k.balance(m)).available).toBe(100);
      } else {
        expect(c).toMatchObject({ points_restored: 0, points_fresh: 0, points_forfeited: 100 });
        expect(lots).toHaveLength(1);
        expect((await k.balance(m)).available).toBe(0);
      }
    }
    await k.call('PUT', '/reward-settings', { body: { expired_points: 'fresh_lot' } });
  });
});
