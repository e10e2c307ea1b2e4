import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import type { TConditions } from './index.ts';
import { rng } from '../../platform/rng.ts';

// Segment sizes and members against what this test computes itself, in JS, from the data it
// made: members with known attributes and purchases (some partly returned) on known days.

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;


interface Sale { at: Date; net: number }
interface Model {
  id: string;
  tier: string | null;
  store: string | null;
  status: 'active' | 'suspended' | 'terminated';
  consent: boolean;
  birthday: string | null;
  enrolledAt: Date;
  sales: Sale[];
}

/** ntile(n) as PostgreSQL deals it: the first (count mod n) buckets get one row more. */
function ntile<T>(sorted: T[], n: number): Map<T, number> {
  const out = new Map<T, number>();
  const size = Math.floor(sorted.length / n);
  const extra = sorted.length % n;
  let i = 0;
  for (let b = 1; b <= n; b++) {
    const take = size + (b <= extra ? 1 : 0);
    for (let k = 0; k < take; k++) out.set(sorted[i++]!, b);
  }
  return out;
}

describe.each(testDbKinds())('segments on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let tiers: { id: string; code: string }[];
  let now: Date;
  let today: string;
  const model: Model[] = [];

  const days = (m: Model) => new Set(m.sales.map((s) => localDate(s.at, TZ)));
  const within = (m: Model, d: number) => {
    const since = addDays(today, -d);
    const inside = m.sales.filter((s) => localDate(s.at, TZ) > since);
    return { spend: inside.reduce((a, s) => a + s.net, 0), visits: new Set(inside.map((s) => localDate(s.at, TZ))).size };
  };
  const lastAt = (m: Model) => (m.sales.length ? new Date(Math.max(...m.sales.map((s) => s.at.getTime()))) : null);
  const daysSince = (m: Model) => {
    const last = lastAt(m);
    return last ? Math.round((Date.parse(today) - Date.parse(localDate(last, TZ))) / DAY) : Infinity;
  };

  /** RFM quintiles as the test reads the definition: among members with a purchase in 365 days, ties by member id. */
  let scoresMemo: Map<string, { r: number | null; f: number | null; m: number | null }> | undefined;
  function rfm() {
    if (scoresMemo) return scoresMemo;
    const scored = model.filter((m) => within(m, 365).visits > 0);
    const by = (key: (m: Model) => number) => ntile([...scored].sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : 1)), 5);
    const r = by((m) => lastAt(m)!.getTime());
    const f = by((m) => within(m, 365).visits);
    const mo = by((m) => within(m, 365).spend);
    scoresMemo = new Map(model.map((m) => [m.id, { r: r.get(m) ?? null, f: f.get(m) ?? null, m: mo.get(m) ?? null }]));
    return scoresMemo;
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    const s = t.services;
    actor = { ...SYSTEM, keyId: 'test', role: 'admin', programId: p.programId };
    tiers = await s.tiers.create(p.programId, [
      { code: 'standard', name: '普卡', rank: 1, reach_threshold: 0 },
      { code: 'silver', name: '银卡', rank: 2, reach_threshold: 900_000_000_000 },
      { code: 'gold', name: '金卡', rank: 3, reach_threshold: 950_000_000_000 },
    ]);
    const rand = rng(8008);
    const start = Date.now();
    const inputs = Array.from({ length: 48 }, (_, i) => ({
      phone: `1370000${String(i).padStart(4, '0')}`,
      name: `会员${i}`,
      birthday: rand() < 0.15 ? null : `19${70 + Math.floor(rand() * 30)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      marketing_consent: rand() < 0.5,
      store_id: rand() < 0.2 ? null : rand() < 0.5 ? p.storeId : p.otherStoreId,
      tier_id: rand() < 0.2 ? null : tiers[Math.floor(rand() * 3)]!.id,
      enrolled_at: new Date(start - 400 * DAY - Math.floor(rand() * 400) * DAY),
    }));
    const { created } = await s.flows.enrolMembers(p.programId, inputs, actor);
    expect(created).toHaveLength(inputs.length);
    for (const [i, id] of created.entries()) {
      const input = inputs[i]!;
      const m: Model = {
        id, tier: input.tier_id, store: input.store_id, status: 'active', consent: input.marketing_consent,
        birthday: input.birthday, enrolledAt: input.enrolled_at, sales: [],
      };
      // some never buy, some only long ago, most now and then over the last 400 days
      const kindOf = rand();
      const count = kindOf < 0.1 ? 0 : Math.floor(rand() * 8) + 1;
      for (let k = 0; k < count; k++) {
        const ago = kindOf < 0.25 ? 200 + Math.floor(rand() * 200) : Math.floor(rand() * 400);
        const at = new Date(start - ago * DAY - Math.floor(rand() * DAY));
        const amount = 1_000 + Math.floor(rand() * 50) * 1_000;
        const pur = unwrap(await s.flows.recordPurchase(p.programId, { member_id: id, store_id: p.storeId, amount_fen: amount, occurred_at: at.toISOString() }, actor, `seg-${id}-${k}`));
        let net = amount;
        if (rand() < 0.15) {
          const back = Math.floor(amount / 2);
          unwrap(await s.flows.recordReturn(p.programId, { purchase_id: pur.body.id, amount_fen: back }, actor, `seg-ret-${pur.body.id}`));
          net -= back;
        }
        m.sales.push({ at, net });
      }
      model.push(m);
    }
    for (const [i, m] of model.entries()) {
      if (i % 9 === 4) {
        unwrap(await s.flows.changeMemberStatus(p.programId, m.id, 'suspend', 'test', actor));
        m.status = 'suspended';
      }
    }
    now = new Date();
    today = localDate(now, TZ);
    unwrap(await s.segments.run(p.programId, now));
  }, 240_000);
  afterAll(async () => { await t.close(); });

  /** The members a saved segment has now, read from its table. */
  const membersOf = async (segmentId: string) =>
    (await t.services.ctx.db.selectFrom('segment_members').select('member_id')
      .where('program_id', '=', p.programId).where('segment_id', '=', segmentId).where('left_at', 'is', null).execute()).map((r) => r.member_id).sort();

  const cases: [string, () => TConditions, (m: Model) => boolean][] = [
    ['every member (no condition)', () => ({}), () => true],
    ['tiers any of silver, gold', () => ({ tiers: { any_of: [tiers[1]!.id, tiers[2]!.id] } }), (m) => m.tier === tiers[1]!.id || m.tier === tiers[2]!.id],
    ['spend over 30 days ≥ 10,000 fen', () => ({ spend_fen: { window_days: 30, min: 10_000 } }), (m) => within(m, 30).spend >= 10_000],
    ['spend over 90 days between 5,000 and 60,000 fen', () => ({ spend_fen: { window_days: 90, min: 5_000, max: 60_000 } }), (m) => { const x = within(m, 90).spend; return x >= 5_000 && x <= 60_000; }],
    ['spend over 365 days ≤ 20,000 fen (none counts as 0)', () => ({ spend_fen: { window_days: 365, max: 20_000 } }), (m) => within(m, 365).spend <= 20_000],
    ['visits over 180 days ≥ 2', () => ({ visits: { window_days: 180, min: 2 } }), (m) => within(m, 180).visits >= 2],
    ['visits over 365 days exactly 1', () => ({ visits: { window_days: 365, min: 1, max: 1 } }), (m) => within(m, 365).visits === 1],
    ['no purchase in 90 days (never bought included)', () => ({ days_since_last_purchase: { min: 90 } }), (m) => daysSince(m) >= 90],
    ['last purchase 10–60 days ago', () => ({ days_since_last_purchase: { min: 10, max: 60 } }), (m) => daysSince(m) >= 10 && daysSince(m) <= 60],
    ['enrolled in a date range', () => ({ enrolled: { from: addDays(today, -600), to: addDays(today, -450) } }),
      (m) => localDate(m.enrolledAt, TZ) >= addDays(today, -600) && localDate(m.enrolledAt, TZ) <= addDays(today, -450)],
    ['birthday in March', () => ({ birthday_month: 3 }), (m) => m.birthday?.slice(5, 7) === '03'],
    ['birthday this month', () => ({ birthday_month: 'current' }), (m) => m.birthday?.slice(5, 7) === today.slice(5, 7)],
    ['enrolled at the first store', () => ({ stores: { any_of: [p.storeId] } }), (m) => m.store === p.storeId],
    ['status suspended', () => ({ status: { any_of: ['suspended'] } }), (m) => m.status === 'suspended'],
    ['consent to marketing', () => ({ marketing_consent: true }), (m) => m.consent],
    ['no consent to marketing', () => ({ marketing_consent: false }), (m) => !m.consent],
    ['RFM r ≥ 4 and m ≥ 3', () => ({ rfm: { r: { min: 4 }, m: { min: 3 } } }), (m) => { const x = rfm().get(m.id)!; return (x.r ?? 0) >= 4 && (x.m ?? 0) >= 3; }],
    ['RFM f ≤ 2', () => ({ rfm: { f: { max: 2 } } }), (m) => { const x = rfm().get(m.id)!.f; return x !== null && x <= 2; }],
    ['active, consenting, gold, spent in 365 days', () => ({ status: { any_of: ['active'] }, marketing_consent: true, tiers: { any_of: [tiers[2]!.id] }, spend_fen: { window_days: 365, min: 1 } }),
      (m) => m.status === 'active' && m.consent && m.tier === tiers[2]!.id && within(m, 365).spend >= 1],
  ];

  it('has data that makes the cases tell something', () => {
    expect(model.filter((m) => m.sales.length === 0).length).toBeGreaterThan(0);
    expect(model.filter((m) => daysSince(m) >= 90 && m.sales.length).length).toBeGreaterThan(0);
    expect(model.filter((m) => within(m, 30).visits > 0).length).toBeGreaterThan(0);
  });

  it.each(cases)('%s: preview and saved segment hold exactly the members the test counts', async (_name, conditions, expected) => {
    const s = t.services.segments;
    const want = model.filter(expected).map((m) => m.id).sort();
    const preview = unwrap(await s.preview(p.programId, conditions(), 100, now));
    expect(preview.size).toBe(want.length);
    expect(preview.sample.map((m) => m.id).sort()).toEqual(want);
    const created = unwrap(await s.create(p.programId, { name: _name, conditions: conditions() }, actor, undefined, now));
    expect(created.body.size).toBe(want.length);
    expect(await membersOf(created.body.id)).toEqual(want);
  });

  it('computes each member\'s figures and RFM quintiles as the test does', async () => {
    const rows = await t.services.ctx.db.selectFrom('segment_member_stats').selectAll().where('program_id', '=', p.programId).execute();
    expect(rows).toHaveLength(model.length);
    const scores = rfm();
    const byId = new Map(rows.map((r) => [r.member_id, r]));
    for (const m of model) {
      const row = byId.get(m.id)!;
      const want = scores.get(m.id)!;
      expect({ r: row.r_score, f: row.f_score, m: row.m_score }, m.id).toEqual(want);
      for (const d of [30, 90, 180, 365] as const) {
        expect(row[`spend_fen_${d}d`], `${m.id} spend ${d}`).toBe(within(m, d).spend);
        expect(row[`visits_${d}d`], `${m.id} visits ${d}`).toBe(within(m, d).visits);
      }
      expect(row.last_purchase_at?.getTime() ?? null).toBe(lastAt(m)?.getTime() ?? null);
    }
    // quintiles: as even as ntile makes them
    const scored = [...scores.values()].filter((x) => x.r !== null);
    const perBucket = [1, 2, 3, 4, 5].map((b) => scored.filter((x) => x.r === b).length);
    expect(Math.max(...perBucket) - Math.min(...perBucket)).toBeLessThanOrEqual(1);
    expect(days(model.find((m) => m.sales.length)!).size).toBeGreaterThan(0);
  });

  it('keeps history: a member who leaves keeps their past stay, and segmentsAt answers by time', async () => {
    const s = t.services;
    const seg = unwrap(await s.segments.create(p.programId, { name: '营销同意', conditions: { marketing_consent: true, status: { any_of: ['active'] } } }, actor, undefined, now));
    const other = unwrap(await s.segments.create(p.programId, { name: '全部', conditions: {} }, actor, undefined, now)).body.id;
    const member = model.find((m) => m.consent && m.status === 'active')!;
    const ids = [seg.body.id, other];
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(now.getTime() + 1), ids)).toEqual([...ids].sort());
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(now.getTime() - 1), ids)).toEqual([]);

    await s.members.setMarketingConsent(p.programId, member.id, false, now);
    const t2 = new Date(now.getTime() + 60_000);
    const after = unwrap(await s.segments.refresh(p.programId, seg.body.id, t2));
    expect(after.size).toBe(seg.body.size! - 1);
    expect(await membersOf(seg.body.id)).not.toContain(member.id);
    // judged at a time before it left, the member was in it; after, not
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(now.getTime() + 30_000), ids)).toEqual([...ids].sort());
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(t2.getTime() + 1), ids)).toEqual([other]);
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(t2.getTime() + 1), [])).toEqual([]);

    // back in: a second stay, the first one kept
    await s.members.setMarketingConsent(p.programId, member.id, true, now);
    const t3 = new Date(now.getTime() + 120_000);
    unwrap(await s.segments.refresh(p.programId, seg.body.id, t3));
    const stays = await s.ctx.db.selectFrom('segment_members').select(['joined_at', 'left_at'])
      .where('program_id', '=', p.programId).where('segment_id', '=', seg.body.id).where('member_id', '=', member.id).orderBy('joined_at').execute();
    expect(stays).toEqual([{ joined_at: now, left_at: t2 }, { joined_at: t3, left_at: null }]);
    expect(await s.segments.segmentsAt(p.programId, member.id, new Date(t2.getTime() + 30_000), [seg.body.id])).toEqual([]);
    expect(await s.segments.segmentsAt(p.programId, member.id, t3, [seg.body.id])).toEqual([seg.body.id]);
  });

  it('the job records joiners and leavers, and a purchase since the last run counts after the next', async () => {
    const s = t.services;
    const seg = unwrap(await s.segments.create(p.programId, { name: '30 天内消费', conditions: { visits: { window_days: 30, min: 1 } } }, actor, undefined, now));
    const idle = model.find((m) => m.status === 'active' && within(m, 30).visits === 0)!;
    unwrap(await s.flows.recordPurchase(p.programId, { member_id: idle.id, store_id: p.storeId, amount_fen: 500 }, actor, `seg-late-${idle.id}`));
    // not yet: the figures are as of the last run
    expect(unwrap(await s.segments.refresh(p.programId, seg.body.id, new Date(now.getTime() + 1_000))).size).toBe(seg.body.size);
    const later = new Date(Date.now() + 1_000);
    const run = unwrap(await s.segments.run(p.programId, later));
    expect(run.segments.find((x) => x.id === seg.body.id)).toEqual({ id: seg.body.id, size: seg.body.size! + 1, joined: 1, left: 0 });
    expect(await membersOf(seg.body.id)).toContain(idle.id);
    expect(unwrap(await s.segments.get(p.programId, seg.body.id))).toMatchObject({ size: seg.body.size! + 1, refreshed_at: later.toISOString(), stats_refreshed_at: later.toISOString() });
  });
});
