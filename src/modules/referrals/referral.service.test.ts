import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { isFailure, unwrap } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { newReferralCode, normalizeReferralCode, CODE_BITS } from './referral-code.ts';

// The referral service composes inside a caller's transaction (on PGlite a query on the outer
// handle inside one would hang), and a failure returned there rolls the link back; the codes'
// shape.

describe('referral codes', () => {
  it('carry at least 40 random bits, read back whatever the case or grouping', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(40);
    const codes = Array.from({ length: 2000 }, newReferralCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes.slice(0, 50)) expect(normalizeReferralCode(`${c.slice(0, 3)}-${c.slice(3, 6)} ${c.slice(6)}`.toLowerCase())).toBe(c);
    expect(normalizeReferralCode('O0I1LUVWX')).toBeNull();
  });
});

describe.each(testDbKinds())('referral service on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('works inside one transaction, and a failure rolls the link back', async () => {
    const s = t.services;
    const pid = p.programId;
    const enrol = async (phone: string) => (await s.flows.enrolMembers(pid, [{ phone }], SYSTEM)).created[0]!;
    const [a, b, c] = [await enrol(`1360${kind === 'pglite' ? 1 : 2}000001`), await enrol(`1360${kind === 'pglite' ? 1 : 2}000002`), await enrol(`1360${kind === 'pglite' ? 1 : 2}000003`)];
    const out = await inTransaction(s.ctx.db, async () => {
      await s.referrals.updateSettings(pid, { monthly_cap: 5 }, null);
      const code = unwrap(await s.referrals.codeOf(pid, a)).code;
      expect(unwrap(await s.referrals.resolveCode(pid, code))).toBe(a);
      await s.referrals.recordSignals(pid, b, { device: 'd1' });
      const r = unwrap(await s.referrals.link(pid, { referrerId: a, friendId: b, code, signals: { device: 'd2' }, actor: SYSTEM }));
      expect(r.status).toBe('pending');
      expect(unwrap(await s.referrals.forMember(pid, a)).referrals).toHaveLength(1);
      expect(await s.referrals.list(pid, 'pending', 10)).toHaveLength(1);
      expect((await s.referrals.open(pid)).map((x) => x.id)).toEqual([r.id]);
      expect(await s.referrals.claim(pid, r.id, 'pur_01JAAAAAAAAAAAAAAAAAAAAAAA', new Date())).toBe(true);
      expect(await s.referrals.claim(pid, r.id, 'pur_01JAAAAAAAAAAAAAAAAAAAAAAA', new Date())).toBe(false);
      return r.id;
    });
    expect(unwrap(await s.referrals.get(pid, out)).status).toBe('rewarded');
    // a failure value returned to the transaction leaves no link behind
    const code = unwrap(await s.referrals.codeOf(pid, a)).code;
    const failed = await inTransaction(s.ctx.db, async () => {
      unwrap(await s.referrals.link(pid, { referrerId: a, friendId: c, code, signals: {}, actor: SYSTEM }));
      return s.referrals.link(pid, { referrerId: a, friendId: c, code, signals: {}, actor: SYSTEM });
    });
    expect(isFailure(failed) && failed.code).toBe('referral_exists');
    expect(await s.referrals.byFriend(pid, c)).toBeUndefined();
  });
});
