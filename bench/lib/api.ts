import { randomUUID } from 'node:crypto';
/** The few HTTP calls the bench makes to set a program up, through the public API. */

async function call<T>(base: string, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface BenchProgram {
  programId: string;
  storeId: string;
  posKey: string;
  adminKey: string;
}

/** A program with the default earn rate (1 point per 100 fen), 7 pending days and year-end expiry, one store, a pos and an admin key. */
export async function setUpProgram(base: string, bootstrapKey: string): Promise<BenchProgram> {
  const program = await call<{ id: string }>(base, bootstrapKey, 'POST', '/v1/programs', { name: 'Bench program', time_zone: 'Asia/Shanghai' });
  const store = await call<{ id: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/stores`, { code: 'BENCH-1', name: 'Bench store 1' });
  const pos = await call<{ key: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/api-keys`, { name: 'bench till', role: 'pos', store_id: store.id });
  const admin = await call<{ key: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/api-keys`, { name: 'bench admin', role: 'admin' });
  return { programId: program.id, storeId: store.id, posKey: pos.key, adminKey: admin.key };
}

/** One purchase through the API: a smoke test of the earn path before any load. */
export async function purchaseViaApi(base: string, posKey: string, programId: string, memberId: string, key: string): Promise<{ points_earned: number }> {
  const res = await fetch(`${base}/v1/programs/${programId}/purchases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${posKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ member_id: memberId, amount_fen: 12_345 }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`smoke purchase → ${res.status}: ${text}`);
  return JSON.parse(text) as { points_earned: number };
}

export async function balanceViaApi(base: string, posKey: string, programId: string, memberId: string): Promise<{ available: number; pending: number }> {
  return call(base, posKey, 'GET', `/v1/programs/${programId}/members/${memberId}/balance`);
}

/**
 * The rules run's program set-up, through the API: 20 active earning rules (multipliers by
 * weekday and by store, category bonuses per line, a first-purchase and a min-spend bonus,
 * an exclusive rule that rarely applies, rules with their own caps, a campaign's category
 * bonus under a budget), a per-member daily cap, and a tier a few purchases away (members
 * who cross it are lifted in the purchase's statement). Every rule is in force at once;
 * which apply depends on the basket and the time.
 */
export async function setUpRules(base: string, p: BenchProgram, without: string[] = []): Promise<number> {
  const key = () => ({ 'idempotency-key': randomUUID() });
  const rule = (name: string, priority: number, conditions: object, effect: object, extra: object = {}) =>
    call(base, p.adminKey, 'POST', `/v1/programs/${p.programId}/rules`, { name, priority, mode: 'stackable', conditions, effect, caps: {}, ...extra });
  // one tier, reached at ¥1,500 of spend in a rolling year: no member has it yet, and the
  // baskets (¥1,000 on average) lift members across it during the run
  if (!without.includes('tiers')) {
    const job = await call<{ id: string; status: string }>(base, p.adminKey, 'PUT', `/v1/programs/${p.programId}/tiers`,
      { tiers: [{ code: 'silver', name: '银卡', reach_threshold: 150_000, keep_threshold: 100_000, benefits: { earn_multiplier_pct: 120 } }] }, key());
    for (let done = job; done.status !== 'done'; await new Promise((r) => setTimeout(r, 200))) {
      done = await call(base, p.adminKey, 'GET', `/v1/programs/${p.programId}/tier-jobs/${job.id}`);
      if (done.status === 'failed') throw new Error(`tier table job failed: ${JSON.stringify(done)}`);
    }
  }
  const campaign = await call<{ id: string }>(base, p.adminKey, 'POST', `/v1/programs/${p.programId}/campaigns`, {
    name: '玩具节', kind: 'rules', budget_points: 1_000_000_000, starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  }, key());
  await call(base, p.adminKey, 'POST', `/v1/programs/${p.programId}/campaigns/${campaign.id}/status`, { status: 'active' }, key());
  const rules = [
    rule('全场双倍', 100, {}, { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, { caps: { per_purchase: 2_000 } }),
    rule('本店加倍', 90, { stores: [p.storeId] }, { kind: 'multiplier', factor_pct: 150, scope: 'purchase' }),
    rule('周末三倍', 80, { weekdays: [6, 7] }, { kind: 'multiplier', factor_pct: 300, scope: 'purchase' }),
    rule('工作日晚间', 70, { weekdays: [1, 2, 3, 4, 5], hours: { from: '18:00', to: '22:00' } }, { kind: 'fixed_bonus', points: 20, scope: 'purchase' }),
    ...['food', 'clothing', 'beauty', 'electronics', 'home'].map((c, i) =>
      rule(`${c} 品类加赠`, 60 - i, { categories: [c] }, { kind: 'points_per_spend', points: 1, per_fen: 200, scope: 'line' }, { caps: { per_member_day: 500 } })),
    rule('图书每件加赠', 50, { categories: ['books'] }, { kind: 'fixed_bonus', points: 5, scope: 'line' }),
    rule('SKU-7 加赠', 45, { skus: ['SKU-7', 'SKU-57'] }, { kind: 'fixed_bonus', points: 30, scope: 'line' }),
    rule('满 500 元加赠', 40, { min_spend_fen: 50_000 }, { kind: 'fixed_bonus', points: 50, scope: 'purchase' }),
    rule('满 1500 元加赠', 39, { min_spend_fen: 150_000 }, { kind: 'fixed_bonus', points: 200, scope: 'purchase' }, { caps: { per_member_month: 1_000 } }),
    rule('首单加赠', 30, { first_purchase: true }, { kind: 'fixed_bonus', points: 100, scope: 'purchase' }),
    rule('生日月双倍', 20, { birthday_month: true }, { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }),
    rule('双十一', 10, { dates: ['2026-11-11'] }, { kind: 'multiplier', factor_pct: 500, scope: 'purchase' }),
    rule('夜间', 5, { hours: { from: '23:00', to: '06:00' } }, { kind: 'fixed_bonus', points: 10, scope: 'purchase' }),
    rule('高端电子', 3, { categories: ['electronics'], min_spend_fen: 100_000 }, { kind: 'multiplier', factor_pct: 120, scope: 'line' }),
    rule('会员日（独占）', 1, { dates: ['2026-01-01'] }, { kind: 'points_per_spend', points: 5, per_fen: 100, scope: 'purchase' }, { mode: 'exclusive' }),
    // the campaign's category bonus: toys, under its budget
    rule('玩具节加赠', 55, { categories: ['toys'] }, { kind: 'fixed_bonus', points: 20, scope: 'purchase' }, without.includes('campaign') ? {} : { campaign_id: campaign.id }),
  ];
  await Promise.all(rules);
  await call(base, p.adminKey, 'PATCH', `/v1/programs/${p.programId}`, { earn_exclusions: { categories: ['giftcard'], skus: [] }, earn_caps: { per_member_day: 20_000 } });
  return rules.length;
}
