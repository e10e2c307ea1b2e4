import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../platform/time.ts';
import { availableLots } from './points.repository.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();
const today = () => localDate(new Date(), 'Asia/Shanghai');

interface Lot { id: string; source: string; points: number; remaining: number; state: string; expires_on: string | null; purchase_id: string | null; earned_at: string; created_at: string }
interface Entry { id: string; kind: string; direction: string; points: number; reason_code: string | null; note: string | null; actor: string | null; created_at: string }

describe.each(testDbKinds())('points routes on %s', (kind) => {
  let t: TestContext;
  let seq = 0;

  const post = (p: TestProgram, path: string, payload: object | undefined, key = p.adminKey, idem: string | null = randomUUID()) =>
    t.app.inject({
      method: 'POST', url: `/v1/programs/${p.programId}${path}`,
      headers: { ...auth(key), ...(idem ? { 'idempotency-key': idem } : {}) }, ...(payload ? { payload } : {}),
    });
  const get = (p: TestProgram, path: string, key = p.adminKey) => t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}${path}`, headers: auth(key) });
  const enrol = async (p: TestProgram) => {
    const r = await post(p, '/members', { phone: `1350000${String(++seq).padStart(4, '0')}` });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const buy = async (p: TestProgram, memberId: string, amount_fen: number, occurred_at?: string) => {
    const r = await post(p, '/purchases', { member_id: memberId, amount_fen, occurred_at }, p.posKey);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; points_earned: number; expires_on: string };
  };
  const adjust = async (p: TestProgram, memberId: string, body: object) => {
    const r = await post(p, `/members/${memberId}/adjustments`, { reason_code: 'goodwill', note: 'test', ...body }, p.adminKey, null);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const redeem = (p: TestProgram, memberId: string, points: number, key = p.posKey) => post(p, `/members/${memberId}/redemptions`, { points }, key);
  const balance = async (p: TestProgram, memberId: string) => {
    const r = await get(p, `/members/${memberId}/balance`);
    expect(r.statusCode).toBe(200);
    const { as_of: _asOf, ...rest } = r.json();
    return rest;
  };
  const lots = async (p: TestProgram, memberId: string) => (await get(p, `/members/${memberId}/lots?open=false`)).json().items as Lot[];
  const statement = async (p: TestProgram, memberId: string, query = 'limit=200') => (await get(p, `/members/${memberId}/statement?${query}`)).json() as { items: Entry[]; next_cursor: string | null };
  const outbox = (p: TestProgram) => t.services.ctx.db.selectFrom('outbox').select(['topic', 'aggregate_id', 'payload']).where('program_id', '=', p.programId).orderBy('id').execute();
  const runExpiry = (p: TestProgram, body?: object) => post(p, '/jobs/expiry', body, p.adminKey, null);

  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  it('forfeits open points, pending ones too, when a member is terminated', async () => {
    const p = await createTestProgram(t, { pending_days: 7 });
    const m = await enrol(p);
    await buy(p, m, 10_000, daysAgo(10)); // 100 available
    await buy(p, m, 5_000); // 50 pending
    expect((await redeem(p, m, 30)).statusCode).toBe(201);
    const r = await post(p, `/members/${m}/terminate`, { reason: 'Member asked to leave' }, p.adminKey, null);
    expect(r.statusCode, r.body).toBe(200);
    expect(await balance(p, m)).toMatchObject({ available: 0, pending: 0, lifetime_earned: 150, spent: 30, expired: 120 });
    expect((await lots(p, m)).every((l) => l.remaining === 0)).toBe(true);
    const [entry] = (await statement(p, m)).items;
    expect(entry).toMatchObject({ kind: 'expire', direction: 'debit', points: 120, reason_code: 'terminated', note: 'Member asked to leave' });
    const events = (await outbox(p)).filter((e) => e.aggregate_id === m).map((e) => e.topic);
    expect(events.slice(-2)).toEqual(['member.terminated', 'points.forfeited']);
  });

  it('says when each lot was earned, a purchase reported late at its own time, newest earned first', async () => {
    const p = await createTestProgram(t, { pending_days: 0 });
    const m = await enrol(p);
    const late = daysAgo(20);
    const old = await buy(p, m, 10_000, late); // reported now, bought 20 days ago
    const before = Date.now();
    await adjust(p, m, { direction: 'credit', points: 5 });
    const recent = await buy(p, m, 2_000, daysAgo(3));
    const items = await lots(p, m);
    expect(items.map((l) => l.purchase_id)).toEqual([null, recent.id, old.id]);
    expect(items[2]!.earned_at).toBe(new Date(late).toISOString());
    expect(Date.parse(items[0]!.earned_at)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(items[2]!.created_at)).toBeGreaterThan(Date.parse(items[2]!.earned_at)); // written after it was earned
  });

  it('reports every balance field', async () => {
    const p = await createTestProgram(t, { pending_days: 7, expiry: { policy: 'rolling_months', months: 12 }, expiry_notice_days: 30 });
    const m = await enrol(p);
    const old = await buy(p, m, 10_000, daysAgo(340)); // 100 available, expiring in about 25 days
    const fresh = await buy(p, m, 5_000); // 50 pending
    await adjust(p, m, { direction: 'credit', points: 30 });
    expect((await redeem(p, m, 20)).statusCode).toBe(201);
    expect((await post(p, '/returns', { purchase_id: fresh.id, amount_fen: 1_000 }, p.posKey)).json().points_reversed).toBe(10);
    expect(old.expires_on > today() && old.expires_on <= addDays(today(), 30)).toBe(true);
    expect(await balance(p, m)).toEqual({
      member_id: m, available: 110, pending: 40,
      expiring_soon: { within_days: 30, points: 80, by_date: [{ date: old.expires_on, points: 80 }] },
      lifetime_earned: 180, spent: 20, expired: 0, reversed: 10,
    });
  });

  it('answers simultaneous balance reads, read together, each with its own member', async () => {
    const p = await createTestProgram(t, { pending_days: 0, expiry: { policy: 'rolling_months', months: 12 } });
    const members = await Promise.all(Array.from({ length: 12 }, () => enrol(p)));
    // member i holds 10·(i+1) points; every third also has points expiring within 30 days
    for (const [i, m] of members.entries()) await buy(p, m, 1_000 * (i + 1), i % 3 === 0 ? daysAgo(350) : undefined);
    const unknown = 'mem_01JAAAAAAAAAAAAAAAAAAAAAAA';
    const reads = await Promise.all([...members, unknown, ...members].map((m) => get(p, `/members/${m}/balance`)));
    expect(reads[members.length]!.statusCode).toBe(404);
    for (const [j, r] of reads.entries()) {
      if (j === members.length) continue;
      const i = j % (members.length + 1);
      expect(r.statusCode, r.body).toBe(200);
      const points = 10 * (i + 1);
      expect(r.json(), `read ${j}`).toMatchObject({
        member_id: members[i], available: points, pending: 0,
        expiring_soon: { points: i % 3 === 0 ? points : 0 },
      });
    }
  });

  it('walks a member\'s available lots in spending order, page by page, never-expiring last', async () => {
    const p = await createTestProgram(t, { pending_days: 0, expiry: { policy: 'rolling_months', months: 12 } });
    const m = await enrol(p);
    for (const days of [30, 200, 30, 100, 200, 5]) await buy(p, m, 1_000, daysAgo(days));
    const patch = await t.app.inject({ method: 'PATCH', url: `/v1/programs/${p.programId}`, headers: auth(p.adminKey), payload: { expiry: { policy: 'never' } } });
    expect(patch.statusCode, patch.body).toBe(200);
    await buy(p, m, 1_000);
    await buy(p, m, 2_000);
    const all = (await lots(p, m)).filter((l) => l.remaining > 0);
    expect(all).toHaveLength(8);
    const expected = [...all].sort((a, b) => (a.expires_on ?? '9999') .localeCompare(b.expires_on ?? '9999') || a.id.localeCompare(b.id)).map((l) => l.id);
    // every page size: boundaries fall inside the dated lots, between them and the
    // never-expiring ones, and among those
    for (let size = 1; size <= 9; size++) {
      const walked: string[] = [];
      await t.services.ctx.db.transaction().execute(async (trx) => {
        let after;
        for (;;) {
          const page = await availableLots(trx, p.programId, m, size, after);
          walked.push(...page.map((l) => l.id));
          if (page.length < size) break;
          after = page.at(-1);
        }
      });
      expect(walked, `page size ${size}`).toEqual(expected);
    }
    // and a redemption spends in that order: the two soonest-expiring lots (10 points each)
    const r = await redeem(p, m, 15);
    expect(r.statusCode, r.body).toBe(201);
    const left = new Map((await lots(p, m)).map((l) => [l.id, l.remaining]));
    expect(expected.slice(0, 3).map((id) => left.get(id))).toEqual([0, 5, 10]);
  });

  describe('redemptions', () => {
    let p: TestProgram;
    beforeAll(async () => { p = await createTestProgram(t, { pending_days: 0, expiry: { policy: 'rolling_months', months: 12 } }); });

    it('spends the soonest-expiring lots first', async () => {
      const m = await enrol(p);
      await adjust(p, m, { direction: 'credit', points: 100 });
      const later = await buy(p, m, 10_000, daysAgo(200));
      const soonest = await buy(p, m, 10_000, daysAgo(300));
      const r = await redeem(p, m, 150);
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ id: expect.stringMatching(/^rdm_/), member_id: m, points: 150, balance_after: 150 });
      const byPurchase = new Map((await lots(p, m)).map((l) => [l.purchase_id ?? l.source, l]));
      expect(byPurchase.get(soonest.id)).toMatchObject({ remaining: 0, state: 'spent' });
      expect(byPurchase.get(later.id)).toMatchObject({ remaining: 50, state: 'available' });
      expect(byPurchase.get('adjustment')).toMatchObject({ remaining: 100, state: 'available' });
      expect((await get(p, `/members/${m}/lots`)).json().items).toHaveLength(2);
      expect(await balance(p, m)).toMatchObject({ available: 150, spent: 150 });
    });

    it('answers too few points with 422 insufficient_points and changes nothing', async () => {
      const q = await createTestProgram(t, { pending_days: 7 });
      const m = await enrol(q);
      await buy(q, m, 12_000, daysAgo(10)); // 120 available
      await buy(q, m, 50_000); // 500 pending, not spendable
      const before = { bal: await balance(q, m), entries: (await statement(q, m)).items.length, events: (await outbox(q)).length };
      const r = await redeem(q, m, 300);
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({
        type: 'https://patron.dev/problems/insufficient_points', code: 'insufficient_points', field: 'points',
        available: 120, requested: 300, shortfall: 180,
      });
      expect(await balance(q, m)).toEqual(before.bal);
      expect((await statement(q, m)).items).toHaveLength(before.entries);
      expect(await outbox(q)).toHaveLength(before.events);
      const redemptions = await t.services.ctx.db.selectFrom('redemptions').select('id').where('program_id', '=', q.programId).execute();
      expect(redemptions).toEqual([]);
    });

    it('answers a retried redemption once', async () => {
      const m = await enrol(p);
      await adjust(p, m, { direction: 'credit', points: 100 });
      const key = randomUUID();
      const first = await post(p, `/members/${m}/redemptions`, { points: 40, description: 'Mug' }, p.posKey, key);
      const again = await post(p, `/members/${m}/redemptions`, { points: 40, description: 'Mug' }, p.posKey, key);
      expect(again.json()).toEqual(first.json());
      expect(await balance(p, m)).toMatchObject({ available: 60, spent: 40 });
    });

    it('refuses a suspended member', async () => {
      const m = await enrol(p);
      await adjust(p, m, { direction: 'credit', points: 100 });
      await post(p, `/members/${m}/suspend`, { reason: 'check' }, p.adminKey, null);
      const r = await redeem(p, m, 10);
      expect(r.statusCode).toBe(422);
      expect(r.json().code).toBe('member_not_active');
      expect(await balance(p, m)).toMatchObject({ available: 100, spent: 0 });
    });
  });

  describe('adjustments', () => {
    let p: TestProgram;
    let adminKeyId: string;
    beforeAll(async () => {
      p = await createTestProgram(t, { pending_days: 0 });
      adminKeyId = (await t.app.inject({ method: 'GET', url: '/v1/me', headers: auth(p.adminKey) })).json().key_id;
    });

    it('credits and debits with a reason, recording the actor in the statement', async () => {
      const m = await enrol(p);
      const credit = await adjust(p, m, { direction: 'credit', points: 500, reason_code: 'service_recovery', note: 'Late delivery' });
      expect(credit).toMatchObject({ member_id: m, direction: 'credit', points: 500, reason_code: 'service_recovery', note: 'Late delivery', balance_after: 500 });
      const debit = await adjust(p, m, { direction: 'debit', points: 120, reason_code: 'correction', note: 'Double credit' });
      expect(debit).toMatchObject({ direction: 'debit', points: 120, balance_after: 380 });
      const { items } = await statement(p, m);
      expect(items.map((e) => [e.id, e.kind, e.direction, e.points, e.reason_code, e.note, e.actor])).toEqual([
        [debit.id, 'adjust', 'debit', 120, 'correction', 'Double credit', adminKeyId],
        [credit.id, 'adjust', 'credit', 500, 'service_recovery', 'Late delivery', adminKeyId],
      ]);
      expect(await balance(p, m)).toMatchObject({ available: 380, lifetime_earned: 500, spent: 120 });
    });

    it('refuses a debit beyond the balance, a missing note, a bad reason code and a pos key', async () => {
      const m = await enrol(p);
      await adjust(p, m, { direction: 'credit', points: 50 });
      const over = await post(p, `/members/${m}/adjustments`, { direction: 'debit', points: 51, reason_code: 'correction', note: 'x' });
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ code: 'insufficient_points', available: 50, requested: 51, shortfall: 1 });
      for (const [body, field] of [
        [{ direction: 'credit', points: 5, reason_code: 'goodwill' }, 'note'],
        [{ direction: 'credit', points: 5, reason_code: 'because', note: 'x' }, 'reason_code'],
        [{ direction: 'sideways', points: 5, reason_code: 'goodwill', note: 'x' }, 'direction'],
      ] as const) {
        const r = await post(p, `/members/${m}/adjustments`, body);
        expect(r.statusCode).toBe(400);
        expect(r.json().field).toBe(field);
      }
      expect((await post(p, `/members/${m}/adjustments`, { direction: 'credit', points: 5, reason_code: 'goodwill', note: 'x' }, p.posKey)).statusCode).toBe(403);
      expect(await balance(p, m)).toMatchObject({ available: 50, lifetime_earned: 50, spent: 0 });
    });
  });

  describe('statement', () => {
    it('lists newest first and pages every entry exactly once', async () => {
      const p = await createTestProgram(t, { pending_days: 0 });
      const m = await enrol(p);
      const made: string[] = [];
      for (let i = 1; i <= 7; i++) made.push((await adjust(p, m, { direction: 'credit', points: i, note: `n${i}` })).id);
      const all = (await statement(p, m)).items;
      expect(all.map((e) => e.id)).toEqual([...made].reverse());
      expect(all.map((e) => e.points)).toEqual([7, 6, 5, 4, 3, 2, 1]);
      const times = all.map((e) => Date.parse(e.created_at));
      expect([...times].sort((x, y) => y - x)).toEqual(times);

      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Entry[]; next_cursor: string | null } = await statement(p, m, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((e) => e.id));
        sizes.push(page.items.length);
        cursor = page.next_cursor;
      } while (cursor);
      expect(sizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('rejects a cursor that is not one', async () => {
      const p = await createTestProgram(t);
      const m = await enrol(p);
      const r = await get(p, `/members/${m}/statement?cursor=garbage`);
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe('cursor');
    });
  });

  describe('expiry job', () => {
    it('expires due lots and sends one points.expiring event per lot, once', async () => {
      const p = await createTestProgram(t, { pending_days: 0, expiry: { policy: 'rolling_months', months: 1 }, expiry_notice_days: 15 });
      const m1 = await enrol(p);
      const m2 = await enrol(p);
      const due = await buy(p, m1, 10_000, daysAgo(40));
      const soon1 = await buy(p, m1, 5_000, daysAgo(20));
      const fresh = await buy(p, m1, 3_000);
      const soon2 = await buy(p, m2, 7_000, daysAgo(20));
      const asOf = today();
      expect(due.expires_on <= asOf).toBe(true);
      for (const s of [soon1, soon2]) expect(s.expires_on > asOf && s.expires_on <= addDays(asOf, 15)).toBe(true);
      expect(fresh.expires_on > addDays(asOf, 15)).toBe(true);

      const r = await runExpiry(p, { as_of: asOf });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ as_of: asOf, expired_lots: 1, expired_points: 100, notices_sent: 2 });
      expect(await balance(p, m1)).toMatchObject({ available: 80, expired: 100, lifetime_earned: 180 });
      expect(await balance(p, m2)).toMatchObject({ available: 70, expired: 0 });
      expect((await lots(p, m1)).find((l) => l.purchase_id === due.id)).toMatchObject({ remaining: 0, state: 'expired' });
      const expireEntry = (await statement(p, m1)).items[0];
      expect(expireEntry).toMatchObject({ kind: 'expire', direction: 'debit', points: 100 });

      const events = await outbox(p);
      const expiring = events.filter((e) => e.topic === 'points.expiring');
      const lotOf = async (memberId: string, purchaseId: string) => (await lots(p, memberId)).find((l) => l.purchase_id === purchaseId)!.id;
      expect(expiring.map((e) => (e.payload as { lot_id: string }).lot_id).sort()).toEqual([await lotOf(m1, soon1.id), await lotOf(m2, soon2.id)].sort());
      expect(events.filter((e) => e.topic === 'points.expired')).toHaveLength(1);

      const again = await runExpiry(p, { as_of: asOf });
      expect(again.json()).toEqual({ as_of: asOf, expired_lots: 0, expired_points: 0, notices_sent: 0 });
      expect(await outbox(p)).toHaveLength(events.length);
      expect(await balance(p, m1)).toMatchObject({ available: 80, expired: 100 });
    });

    it('defaults as_of to yesterday in the program time zone', async () => {
      const p = await createTestProgram(t);
      const r = await runExpiry(p, {});
      expect(r.statusCode).toBe(200);
      expect(r.json().as_of).toBe(addDays(today(), -1));
      const bare = await runExpiry(p);
      expect(bare.statusCode, bare.body).toBe(200);
      expect(bare.json().as_of).toBe(addDays(today(), -1));
    });

    it('is for admin keys only', async () => {
      const p = await createTestProgram(t);
      expect((await post(p, '/jobs/expiry', {}, p.posKey, null)).statusCode).toBe(403);
    });
  });

  it('writes an outbox event for every ledger change', async () => {
    const p = await createTestProgram(t, { pending_days: 0, expiry: { policy: 'rolling_months', months: 1 } });
    const m = await enrol(p);
    const old = await buy(p, m, 5_000, daysAgo(40));
    const pur = await buy(p, m, 10_000);
    expect((await redeem(p, m, 30)).statusCode).toBe(201);
    await adjust(p, m, { direction: 'credit', points: 10 });
    await adjust(p, m, { direction: 'debit', points: 5 });
    expect((await post(p, '/returns', { purchase_id: pur.id, amount_fen: 1_000 }, p.posKey)).statusCode).toBe(201);
    // the redemption and the debit drew 35 of the old lot's 50 first: 15 are left to expire
    expect((await runExpiry(p, { as_of: today() })).json().expired_points).toBe(old.points_earned - 35);

    const entries = (await statement(p, m)).items;
    expect(entries.map((e) => e.kind).sort()).toEqual(['adjust', 'adjust', 'earn', 'earn', 'expire', 'redeem', 'return']);
    const topicOf: Record<string, string> = { earn: 'purchase.recorded', redeem: 'points.redeemed', adjust: 'points.adjusted', return: 'purchase.returned', expire: 'points.expired' };
    const ledgerTopics = (await outbox(p)).filter((e) => e.aggregate_id === m && !e.topic.startsWith('member.') && e.topic !== 'points.expiring').map((e) => e.topic);
    expect(ledgerTopics.sort()).toEqual(entries.map((e) => topicOf[e.kind]!).sort());
  });

  describe('access', () => {
    it('lets a pos key read balance, statement and lots (points.read); 404 for an unknown member', async () => {
      const p = await createTestProgram(t);
      const m = await enrol(p);
      expect((await get(p, `/members/${m}/balance`, p.posKey)).statusCode).toBe(200);
      expect((await get(p, `/members/${m}/statement`, p.posKey)).statusCode).toBe(200);
      expect((await get(p, `/members/${m}/lots`, p.posKey)).statusCode).toBe(200);
      for (const path of ['balance', 'lots', 'statement']) {
        const r = await get(p, `/members/mem_00000000000000000000000000/${path}`);
        expect(r.statusCode).toBe(404);
        expect(r.json().field).toBe('member_id');
      }
    });
  });
});
