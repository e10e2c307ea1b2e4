import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';

// restoreDraws: a debit undone gives its points back to the lots it drew, or (for lots
// that lapsed) to a fresh lot or nowhere; the ledger still balances, with lot_restores
// the mirror of lot_draws.

const DAY = 86_400_000;

describe.each(testDbKinds())('points.restoreDraws on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { expiry: { policy: 'rolling_months', months: 1 } });
  });
  afterAll(async () => { await t.close(); });

  const enrol = async (phone: string) => unwrap(await t.services.flows.enrolMember(p.programId, { phone }, SYSTEM)).id;
  const db = () => t.services.ctx.db;
  const ledger = async (memberId: string) => {
    const mine = { program_id: p.programId, member_id: memberId };
    const [lots, draws, restores, entries, bal] = await Promise.all([
      db().selectFrom('point_lots').selectAll().where('program_id', '=', mine.program_id).where('member_id', '=', mine.member_id).execute(),
      db().selectFrom('lot_draws').selectAll().where('program_id', '=', mine.program_id).where('member_id', '=', mine.member_id).execute(),
      db().selectFrom('lot_restores').selectAll().where('program_id', '=', mine.program_id).where('member_id', '=', mine.member_id).execute(),
      db().selectFrom('ledger_entries').selectAll().where('program_id', '=', mine.program_id).where('member_id', '=', mine.member_id).execute(),
      db().selectFrom('point_balances').selectAll().where('program_id', '=', p.programId).where('member_id', '=', memberId).executeTakeFirstOrThrow()]);
    const sum = (xs: { points: number | string }[]) => xs.reduce((s, x) => s + Number(x.points), 0);
    for (const lot of lots) {
      expect(lot.points - lot.remaining).toBe(sum(draws.filter((d) => d.lot_id === lot.id)) - sum(restores.filter((d) => d.lot_id === lot.id)));
    }
    const open = lots.reduce((s, l) => s + Number(l.remaining), 0);
    expect(bal.available + bal.pending).toBe(open);
    expect(sum(entries.filter((e) => e.direction === 'credit'))).toBe(sum(entries.filter((e) => e.direction === 'debit')) + open);
    expect(bal.spent).toBe(sum(entries.filter((e) => e.kind === 'redeem' && e.direction === 'debit')) - sum(entries.filter((e) => e.kind === 'redeem' && e.direction === 'credit')));
    return { lots, bal };
  };

  it('gives back to the lots drawn (they reopen), then a lapsed part to a fresh lot, or forfeits it', async () => {
    const m = await enrol('13600000001');
    const now = new Date();
    const a = unwrap(await inTransaction(db(), (trx) => t.services.points.credit(trx, p.programId, m, 50, 'adjust', { reasonCode: 'goodwill' }, new Date(now.getTime() - 25 * DAY))));
    const b = unwrap(await inTransaction(db(), (trx) => t.services.points.credit(trx, p.programId, m, 80, 'adjust', { reasonCode: 'goodwill' }, now)));
    const debit = unwrap(await inTransaction(db(), (trx) => t.services.points.debit(trx, p.programId, m, 100, 'redeem', {}, now)));
    // lot a (soonest expiry) was drawn whole, b for 50
    let l = await ledger(m);
    expect(l.lots.find((x) => x.id === a.lotId)).toMatchObject({ remaining: 0, closed_reason: 'spent' });
    const back = unwrap(await inTransaction(db(), (trx) => t.services.points.restoreDraws(trx, p.programId, m, debit.entryId, 'fresh_lot', { reasonCode: 'redemption_cancelled' }, now)));
    expect(back).toMatchObject({ restored: 100, fresh: 0, forfeited: 0, balanceAfter: 130 });
    l = await ledger(m);
    expect(l.lots.map((x) => [x.id, x.remaining, x.closed_reason]).sort()).toEqual([[a.lotId, 50, null], [b.lotId, 80, null]].sort());

    // spend again, let lot a lapse (its last day is before the cancellation day), restore
    const again = unwrap(await inTransaction(db(), (trx) => t.services.points.debit(trx, p.programId, m, 100, 'redeem', {}, now)));
    const later = new Date(now.getTime() + 10 * DAY);
    const fresh = unwrap(await inTransaction(db(), (trx) => t.services.points.restoreDraws(trx, p.programId, m, again.entryId, 'fresh_lot', {}, later)));
    expect(fresh).toMatchObject({ restored: 50, fresh: 50, forfeited: 0, freshLotId: expect.stringMatching(/^lot_/) });
    l = await ledger(m);
    expect(l.lots.find((x) => x.id === a.lotId)).toMatchObject({ remaining: 0 });
    expect(l.lots.find((x) => x.id === fresh.freshLotId)).toMatchObject({ points: 50, remaining: 50, source: 'adjustment' });
    expect(l.bal.available).toBe(130);

    const third = unwrap(await inTransaction(db(), (trx) => t.services.points.debit(trx, p.programId, m, 130, 'redeem', {}, later)));
    const gone = unwrap(await inTransaction(db(), (trx) => t.services.points.restoreDraws(trx, p.programId, m, third.entryId, 'forfeit', {}, new Date(now.getTime() + 60 * DAY))));
    // every lot has lapsed by then: nothing comes back
    expect(gone).toMatchObject({ restored: 0, fresh: 0, forfeited: 130 });
    expect((await ledger(m)).bal.available).toBe(0);
  });
});
