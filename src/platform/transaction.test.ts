import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './context.ts';
import { isFailure, unwrap } from './errors.ts';
import { assertTransaction, inTransaction } from './transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../testing/harness.ts';

// Services compose inside a caller's transaction: every method joins it (on PGlite a query
// on the outer handle while a transaction is open would wait forever), and a failure value
// returned to inTransaction rolls the whole of it back.

/** Fails instead of hanging. */
async function within<T>(p: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} hung inside a transaction`)), ms); });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(testDbKinds())('transactions on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let admin: Principal;
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { pending_days: 0 });
    admin = (await t.services.apiKeys.authenticate(p.adminKey))!;
  });
  afterAll(async () => { await t.close(); });

  it('every service method can be called from inside a transaction, and the work commits together', async () => {
    const s = t.services;
    const id = p.programId;
    const seen = await within(inTransaction(s.ctx.db, async () => {
      const out: Record<string, unknown> = {};
      out.program = unwrap(await s.programs.get(id)).id;
      const other = await s.programs.create({ name: 'Made in a transaction' });
      out.createdTiers = (await s.tiers.create(other.id, [{ code: 'T1', name: 'Tier', rank: 1, reach_threshold: 0 }])).length;
      out.principal = (await s.apiKeys.authenticate(p.posKey))?.role;
      out.settings = unwrap(await s.programs.settings(id)).timeZone;
      out.programs = (await s.programs.list([id])).length;
      const [base] = await s.tiers.create(id, [{ code: 'TX1', name: '普卡', rank: 1, reach_threshold: 0 }, { code: 'TX2', name: '银卡', rank: 2, reach_threshold: 1_000_000 }]);
      out.tiers = (await s.tiers.list(id)).length;
      out.tierNames = (await s.tiers.tierNames(id)).size;
      out.table = (await s.tiers.table(id)).tiers.length;
      out.policy = unwrap(await s.tiers.setPolicy(id, { basis: 'spend', window: 'calendar_year', downgrade: 'one_down', grace_days: 10, warn_days: 10 })).window;
      out.policyRead = (await s.tiers.policy(id)).grace_days;
      unwrap(await s.programs.update(id, { name: 'In a transaction' }));
      const store = unwrap(await s.stores.create(id, { code: 'TX', name: 'Transaction store' }));
      out.store = unwrap(await s.stores.get(id, store.id)).code;
      out.storeExists = await s.stores.exists(id, store.id);
      out.stores = (await s.stores.list(id)).length;
      unwrap(await s.stores.update(id, store.id, { name: 'Renamed' }));
      const key = unwrap(await s.apiKeys.create(id, { name: 'tx pos', role: 'pos', store_id: store.id }));
      out.keys = (await s.apiKeys.list(id)).length;
      const member = unwrap(await s.flows.enrolMember(id, { phone: '13700001111', name: '事务' }, admin));
      const leaving = (await s.flows.enrolMembers(id, [{ phone: '13700002222', external_id: 'EXT-1' }], admin)).created[0]!;
      out.byExternal = (await s.members.idsByExternalIds(id, ['EXT-1'])).get('EXT-1') === leaving;
      await s.members.setTier(id, leaving, null);
      out.member = unwrap(await s.members.get(id, member.id, admin)).name;
      out.found = (await s.members.find(id, { phone: '13700001111', limit: 5 }, admin)).length;
      out.byPhone = await s.members.idByPhone(id, '13700002222');
      out.byNo = await s.members.idByMemberNo(id, member.member_no);
      out.status = unwrap(await s.members.requireStatus(id, member.id));
      unwrap(await s.members.update(id, member.id, { email: 'tx@example.com' }, admin));
      const bought = unwrap(await s.flows.recordPurchase(id, { member_id: member.id, store_id: store.id, amount_fen: 10_000, lines: [{ sku: 'A', quantity: 2, amount_fen: 10_000 }] }, admin, 'tx-purchase'));
      out.purchase = unwrap(await s.purchases.get(id, bought.body.id)).points_earned;
      out.replayed = unwrap(await s.flows.recordPurchase(id, { member_id: member.id, store_id: store.id, amount_fen: 10_000, lines: [{ sku: 'A', quantity: 2, amount_fen: 10_000 }] }, admin, 'tx-purchase')).replayed;
      out.returned = unwrap(await s.flows.recordReturn(id, { purchase_id: bought.body.id, lines: [{ sku: 'A', quantity: 1 }] }, admin, 'tx-return')).body.points_reversed;
      out.redeemed = unwrap(await s.points.redeem(id, member.id, { points: 10 }, admin, 'tx-redeem')).body.balance_after;
      out.adjusted = unwrap(await s.points.adjust(id, member.id, { direction: 'credit', points: 5, reason_code: 'goodwill', note: 'tx' }, admin, undefined)).body.balance_after;
      out.balance = unwrap(await s.points.balance(id, member.id)).available;
      out.lots = unwrap(await s.points.lots(id, member.id, true)).length;
      out.statement = unwrap(await s.points.statement(id, member.id, 10)).items.length;
      out.released = await s.points.releaseDue(id);
      out.release = (await s.jobs.runRelease()).members;
      out.expiry = unwrap(await s.jobs.runExpiry({ programId: id })).length;
      await s.tiers.qualify(id, member.id, '2026-01-05', 10_000, 100);
      await s.tiers.lowerQualifying(id, member.id, '2026-01-05', 5_000, 50);
      // the purchase today (10,000) less its return (5,000), and 10,000 less 5,000 booked by hand in 2026
      out.figure = await s.tiers.figure(id, member.id, { from: '2026-01-01', to: '2199-12-31' }, 'spend');
      out.evaluated = unwrap(await s.flows.evaluateTiers({ programId: id, asOf: '2026-01-06' }))[0]!.members;
      out.floor = unwrap(await s.flows.assignTierFloor(id, member.id, { tier_id: base!.id, reason: 'tx' }, admin, 'tx-floor')).body.floor?.reason;
      out.ended = unwrap(await s.flows.endTierFloor(id, member.id, admin, undefined)).body.floor;
      out.progress = unwrap(await s.flows.memberTier(id, member.id)).tier?.code;
      out.preview = unwrap(await s.flows.previewTierTable(id, { tiers: [{ code: 'ONE', name: '唯一', reach_threshold: 0 }] })).members;
      out.history = (await s.tiers.history(id, member.id)).periods.length;
      out.states = (await s.tiers.states(id, [member.id])).periods.size;
      out.masked = (await s.members.masked(id, [member.id]))[0]?.phone;
      out.revealed = unwrap(await s.flows.revealMember(id, member.id, { fields: ['phone'], purpose: 'service_callback' }, admin)).phone;
      out.keyStatus = (await s.flows.keyStatus()).current;
      out.stats = unwrap(await s.segments.refreshStats(id)).members;
      const seg = unwrap(await s.segments.create(id, { name: '事务分群', conditions: { marketing_consent: false } }, admin, 'tx-segment')).body;
      out.segmentSize = seg.size;
      out.segmentPreview = unwrap(await s.segments.preview(id, { status: { any_of: ['active'] } }, 5)).size;
      unwrap(await s.segments.update(id, seg.id, { conditions: { status: { any_of: ['active'] } } }, admin, undefined));
      out.refreshed = unwrap(await s.segments.refresh(id, seg.id)).size;
      out.segments = (await s.segments.list(id)).length;
      out.segment = unwrap(await s.segments.get(id, seg.id)).name;
      out.sample = unwrap(await s.segments.sample(id, seg.id, 5)).items.length;
      out.segmentsAt = await s.segments.segmentsAt(id, member.id, new Date(), [seg.id]);
      out.archived = unwrap(await s.segments.archive(id, seg.id, admin, undefined)).body.status;
      out.terminationPreview = unwrap(await s.flows.terminationPreview(id, leaving)).points_forfeited;
      out.terminated = unwrap(await s.flows.changeMemberStatus(id, leaving, 'terminate', 'left', admin)).settled?.points_forfeited;
      await s.apiKeys.revoke(id, key.id);
      return out;
    }), 'the service calls');
    expect(seen).toMatchObject({
      program: p.programId, settings: 'Asia/Shanghai', programs: 1, store: 'TX', storeExists: true, stores: 3, keys: 3,
      createdTiers: 1, principal: 'pos', byExternal: true, replayed: true, release: expect.any(Number),
      member: '事务', found: 1, tiers: 2, tierNames: 2, table: 2, policy: 'calendar_year', policyRead: 10, figure: 10_000, evaluated: 2,
      floor: 'tx', ended: null, progress: 'TX1', preview: 2, history: 1, states: 1, status: 'active', purchase: 100, returned: 50, redeemed: 40, adjusted: 45, balance: 45, lots: 2, statement: 4, expiry: 1,
      masked: expect.stringMatching(/^137\*{4}1111$/), revealed: '13700001111', keyStatus: 'v1', stats: 2, segmentSize: 2, segmentPreview: 2, refreshed: 2, segments: 1, segment: '事务分群', sample: 2,
      segmentsAt: [expect.stringMatching(/^seg_/)], archived: 'archived', terminationPreview: 0, terminated: 0,
    });
    // committed: visible outside the transaction
    const m = (await t.services.members.find(p.programId, { phone: '13700001111', limit: 1 }, admin))[0]!;
    expect(unwrap(await t.services.points.balance(p.programId, m.id)).available).toBe(45);
  });

  it('a failure returned to inTransaction rolls back everything done inside it, workflows included', async () => {
    const s = t.services;
    const r = await within(inTransaction(s.ctx.db, async () => {
      unwrap(await s.flows.enrolMember(p.programId, { phone: '13700003333' }, admin));
      return s.stores.create(p.programId, { code: 'S1', name: 'taken code' }); // S1 exists: a conflict
    }), 'the rolled-back work');
    expect(isFailure(r) && r.code).toBe('conflict');
    expect(await s.members.idByPhone(p.programId, '13700003333')).toBeUndefined();
  });

  it('a failed step inside a caller\'s transaction undoes only its own writes: its idempotency key stays free', async () => {
    const s = t.services;
    const member = unwrap(await s.flows.enrolMember(p.programId, { phone: '13700005555' }, admin));
    const result = await within(inTransaction(s.ctx.db, async () => {
      const refused = await s.points.redeem(p.programId, member.id, { points: 500 }, admin, 'tx-redeem-2');
      unwrap(await s.points.adjust(p.programId, member.id, { direction: 'credit', points: 500, reason_code: 'goodwill', note: 'top up' }, admin, undefined));
      const again = unwrap(await s.points.redeem(p.programId, member.id, { points: 500 }, admin, 'tx-redeem-2'));
      return { refused: isFailure(refused) && refused.code, replayed: again.replayed, status: again.status, after: again.body.balance_after };
    }), 'the retried redemption');
    expect(result).toEqual({ refused: 'insufficient_points', replayed: false, status: 201, after: 0 });
  });

  it('nothing read inside a transaction that is then rolled back is remembered by a cache', async () => {
    const s = t.services;
    let id = '';
    const r = await inTransaction(s.ctx.db, async () => {
      id = (await s.programs.create({ name: 'Never committed' })).id;
      unwrap(await s.programs.settings(id));
      return s.stores.create(p.programId, { code: 'S1', name: 'taken code' }); // a conflict: roll back
    });
    expect(isFailure(r)).toBe(true);
    const after = await s.programs.settings(id);
    expect(isFailure(after) && after.code).toBe('not_found');
  });

  it('work that opens its own transactions refuses to run inside one', async () => {
    const s = t.services;
    await inTransaction(s.ctx.db, async () => {
      await expect(s.jobs.exclusive('release', async () => 1)).rejects.toThrow(/must not run inside a transaction/);
      await expect(s.segments.run(p.programId)).rejects.toThrow(/must not run inside a transaction/);
    });
  });

  it('a transaction handle passed in is joined, not nested', async () => {
    await inTransaction(t.services.ctx.db, async (outer) => {
      await inTransaction(outer, async (inner) => {
        expect(inner).toBe(outer);
        expect(t.services.ctx.db).toBe(outer);
      });
    });
    expect(t.services.ctx.db.isTransaction).toBe(false);
  });

  it('work that needs a transaction says so when called outside one', async () => {
    expect(() => assertTransaction(t.services.ctx.db)).toThrow(/inside a transaction/);
    await expect(t.services.members.insertMany(p.programId, [{ phone: '13700004444' }], admin)).rejects.toThrow(/inside a transaction/);
  });
});
