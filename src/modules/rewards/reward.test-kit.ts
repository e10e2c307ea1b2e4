import { expect } from 'vitest';
import type { TestContext, TestProgram } from '../../testing/harness.ts';

// Calls the rewards tests share: a member with points, a reward, a redemption.
let phone = 13900000000 + Math.floor(Math.random() * 90_000_000);

export function kit(t: () => TestContext, p: () => TestProgram) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, opts: { key?: string; idem?: string; body?: object; lang?: string } = {}) =>
    t().app.inject({
      method, url: `/v1/programs/${p().programId}${path}`,
      headers: { authorization: `Bearer ${opts.key ?? p().adminKey}`, 'accept-language': opts.lang ?? 'en', ...(opts.idem ? { 'idempotency-key': opts.idem } : {}) },
      ...(opts.body ? { payload: opts.body } : {}),
    });
  let n = 0;
  const k = {
    call,
    /** A member with `points` available (a purchase at 1 point per 100 fen). */
    async member(points: number, occurredAt?: string) {
      const m = await call('POST', '/members', { body: { phone: String(++phone) } });
      expect(m.statusCode, m.body).toBe(201);
      const id = m.json().id as string;
      if (points > 0) await k.earn(id, points, occurredAt);
      return id;
    },
    async earn(memberId: string, points: number, occurredAt?: string) {
      const r = await call('POST', '/purchases', { key: p().posKey, idem: `earn-${memberId}-${++n}`, body: { member_id: memberId, amount_fen: points * 100, ...(occurredAt ? { occurred_at: occurredAt } : {}) } });
      expect(r.statusCode, r.body).toBe(201);
    },
    async reward(over: object = {}) {
      const r = await call('POST', '/rewards', { body: { kind: 'goods', name: '保温杯', name_en: 'Thermos', points: 100, ...over } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; stock: number | null; redeemed: number };
    },
    redeem: (memberId: string, rewardId: string, opts: { idem?: string; key?: string; body?: object } = {}) =>
      call('POST', `/members/${memberId}/reward-redemptions`, { key: opts.key, idem: opts.idem ?? `rdm-${++n}-${Math.random()}`, body: { reward_id: rewardId, ...opts.body } }),
    async balance(memberId: string) {
      return (await call('GET', `/members/${memberId}/balance`)).json() as { available: number; spent: number };
    },
    async redeemDebits(memberId: string) {
      const items = (await call('GET', `/members/${memberId}/statement?limit=200`)).json().items as { kind: string; direction: string; points: number }[];
      return items.filter((e) => e.kind === 'redeem' && e.direction === 'debit');
    },
    async lots(memberId: string) {
      return (await call('GET', `/members/${memberId}/lots?open=false`)).json().items as { id: string; points: number; remaining: number; state: string; expires_on: string | null }[];
    },
  };
  return k;
}
