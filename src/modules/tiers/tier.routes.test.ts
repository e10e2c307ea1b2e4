import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../platform/errors.ts';
import { addDays, addMonths, localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

const TZ = 'Asia/Shanghai';

describe.each(testDbKinds())('tiers on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  const today = () => localDate(new Date(), TZ);

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, key: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  /** A program with base/silver/gold tiers and a rolling 12-month spend policy. */
  async function program(policy: Record<string, unknown> = {}) {
    const p = await createTestProgram(t);
    const put = await call('PUT', `/v1/programs/${p.programId}/tier-policy`, p.adminKey, {
      basis: 'spend', window: 'rolling_months', window_months: 12, downgrade: 'one_down', grace_days: 30, warn_days: 30, ...policy,
    });
    expect(put.statusCode).toBe(200);
    const tiers = await t.services.tiers.create(p.programId, [
      { code: 'base', name: '普卡', name_en: 'Classic', rank: 1, reach_threshold: 0 },
      { code: 'silver', name: '银卡', name_en: 'Silver', rank: 2, reach_threshold: 100_000, keep_threshold: 80_000, benefits: { parking_hours: 2 } },
      { code: 'gold', name: '金卡', name_en: 'Gold', rank: 3, reach_threshold: 500_000, keep_threshold: 400_000, benefits: { earn_multiplier_pct: 150, account_manager: true } },
    ]);
    const id = (code: string) => tiers.find((x) => x.code === code)!.id;
    return { ...p, base: id('base'), silver: id('silver'), gold: id('gold') };
  }
  type P = Awaited<ReturnType<typeof program>>;

  const enrol = async (p: TestProgram) => {
    const r = await call('POST', `/v1/programs/${p.programId}/members`, p.adminKey, { phone: `1371${String(++seq).padStart(7, '0')}` });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  /** Spend on a local day, as the purchase path books it into the qualifying figure. */
  const spend = (p: TestProgram, memberId: string, day: string, fen: number) => t.services.tiers.qualify(p.programId, memberId, day, fen, Math.floor(fen / 100));
  const evaluate = async (p: TestProgram, asOf: string) => {
    const r = await call('POST', `/v1/programs/${p.programId}/tier-jobs/evaluate`, p.adminKey, { as_of: asOf });
    expect(r.statusCode).toBe(200);
    return r.json() as { up: number; down: number; warnings: number; floors_ended: number; members: number };
  };
  const tierOf = async (p: TestProgram, memberId: string) => (await call('GET', `/v1/programs/${p.programId}/members/${memberId}`, p.adminKey)).json().tier?.code ?? null;
  const progress = async (p: TestProgram, memberId: string) => {
    const r = await call('GET', `/v1/programs/${p.programId}/members/${memberId}/tier`, p.adminKey);
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  const events = async (p: TestProgram, memberId: string, topic: string) =>
    (await t.services.ctx.db.selectFrom('outbox').select('payload').where('program_id', '=', p.programId).where('aggregate_id', '=', memberId)
      .where('topic', '=', topic).orderBy('id').execute()).map((e) => e.payload as Record<string, unknown>);

  /** The job once it has finished, read through the API. */
  const settled = async (p: TestProgram, job: { id: string; status: string }) => {
    for (let i = 0; i < 400 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await call('GET', `/v1/programs/${p.programId}/tier-jobs/${job.id}`, p.adminKey)).json();
    }
    return job;
  };

  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  describe('re-evaluation', () => {
    let p: P;
    let m: string;
    let review: string;
    beforeAll(async () => {
      p = await program();
      m = await enrol(p);
      await spend(p, m, addDays(today(), -5), 600_000);
      expect(await evaluate(p, today())).toMatchObject({ up: 1 });
      expect(await tierOf(p, m)).toBe('gold');
      // 12 months after reaching gold, the window holds only this
      review = addMonths(today(), 12);
      await spend(p, m, addMonths(today(), 3), 100_000);
    });

    it('warns warn_days before the review, once, with what is still missing', async () => {
      expect((await evaluate(p, addDays(review, -31))).warnings).toBe(0);
      expect((await evaluate(p, addDays(review, -30))).warnings).toBe(1);
      expect((await evaluate(p, addDays(review, -29))).warnings).toBe(0);
      expect(await events(p, m, 'member.tier_will_drop')).toEqual([{
        member_id: m, tier_id: p.gold, to_tier_id: p.silver, drops_on: addDays(review, 31), review_on: review, missing: 300_000, basis: 'spend',
      }]);
      expect(await tierOf(p, m)).toBe('gold');
    });

    it('keeps the tier through the grace days and moves one tier down on the as-of date after them', async () => {
      expect(await evaluate(p, addDays(review, 30))).toMatchObject({ down: 0 });
      expect(await tierOf(p, m)).toBe('gold');
      expect(await evaluate(p, addDays(review, 31))).toMatchObject({ down: 1 });
      expect(await tierOf(p, m)).toBe('silver');
      const [changed] = (await events(p, m, 'member.tier_changed')).slice(-1);
      expect(changed).toMatchObject({ member_id: m, from_tier_id: p.gold, to_tier_id: p.silver, source: 'evaluation' });
      // a second run of the same day changes nothing
      expect(await evaluate(p, addDays(review, 31))).toMatchObject({ down: 0, up: 0 });
      const h = (await progress(p, m)).history;
      expect(h.map((x: { tier: { code: string }; source: string }) => [x.tier.code, x.source])).toEqual([['silver', 'evaluation'], ['gold', 'evaluation'], ['base', 'enrol']]);
      expect(h[1].ended_at).toBe(h[0].started_at);
    });

    it('a member who met the keep threshold at the review stays', async () => {
      const q = await program();
      const kept = await enrol(q);
      await spend(q, kept, today(), 500_000);
      await evaluate(q, today());
      await spend(q, kept, addMonths(today(), 6), 400_000);
      const r = addMonths(today(), 12);
      expect((await evaluate(q, addDays(r, -30))).warnings).toBe(0);
      expect(await evaluate(q, addDays(r, 31))).toMatchObject({ down: 0 });
      expect(await tierOf(q, kept)).toBe('gold');
    });
  });

  describe('manual floors', () => {
    it('assigns a tier with a reason as a floor until ends_on, warns before its end, then the figure decides', async () => {
      const p = await program();
      const m = await enrol(p);
      await spend(p, m, today(), 90_000); // keeps silver (80 000), reaches only base
      await evaluate(p, today());
      expect(await tierOf(p, m)).toBe('base');
      const endsOn = addDays(today(), 10);
      const r = await call('POST', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey, { tier_id: p.gold, reason: '重要客户', ends_on: endsOn });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ tier: { code: 'gold' }, floor: { tier: { code: 'gold' }, reason: '重要客户', ends_on: endsOn, actor: expect.stringMatching(/^key_/) } });
      expect(r.json().history[0]).toMatchObject({ tier: { code: 'gold' }, from_tier: { code: 'base' }, source: 'manual', reason: '重要客户', actor: expect.stringMatching(/^key_/) });
      expect(await tierOf(p, m)).toBe('gold');

      // a floor is not a verdict: held through its last day, with a warning ahead of its end
      expect(await evaluate(p, addDays(endsOn, -31))).toMatchObject({ down: 0, warnings: 0 });
      expect(await evaluate(p, endsOn)).toMatchObject({ down: 0, warnings: 1, floors_ended: 0 });
      expect((await events(p, m, 'member.tier_will_drop'))[0]).toMatchObject({ tier_id: p.gold, drops_on: addDays(endsOn, 1), missing: 400_000 - 90_000 });
      expect(await tierOf(p, m)).toBe('gold');
      // after it: down to what the figure keeps
      expect(await evaluate(p, addDays(endsOn, 1))).toMatchObject({ down: 1, floors_ended: 1 });
      expect(await tierOf(p, m)).toBe('silver');
      const after = await progress(p, m);
      expect(after.floor).toBeNull();
      expect(after.floors[0]).toMatchObject({ ends_on: endsOn, end_reason: 'ended', ended_at: expect.any(String) });
      expect(after.history[0]).toMatchObject({ tier: { code: 'silver' }, from_tier: { code: 'gold' }, source: 'floor_end' });
    });

    it('a floor does not stop the figure lifting the member above it; ending it by hand keeps a tier the figure keeps', async () => {
      const p = await program();
      const m = await enrol(p);
      await evaluate(p, today());
      const set = await call('POST', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey, { tier_id: p.silver, reason: '投诉补偿' }, { 'idempotency-key': `floor-${m}` });
      expect(set.statusCode).toBe(201);
      const again = await call('POST', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey, { tier_id: p.silver, reason: '投诉补偿' }, { 'idempotency-key': `floor-${m}` });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((await progress(p, m)).floors).toHaveLength(1);
      await spend(p, m, today(), 600_000);
      expect(await evaluate(p, today())).toMatchObject({ up: 1 });
      expect(await tierOf(p, m)).toBe('gold');
      const end = await call('DELETE', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey);
      expect(end.statusCode).toBe(200);
      expect(end.json()).toMatchObject({ floor: null, tier: { code: 'gold' } });
      const none = await call('DELETE', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey);
      expect(none.statusCode).toBe(404);
    });

    it('ending a floor by hand drops the member to the tier the figure keeps, at once', async () => {
      const p = await program();
      const m = await enrol(p);
      await evaluate(p, today());
      await call('POST', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey, { tier_id: p.gold, reason: 'VIP' });
      const end = await call('DELETE', `/v1/programs/${p.programId}/members/${m}/tier-floor`, p.adminKey);
      expect(end.json()).toMatchObject({ floor: null, tier: { code: 'base' } });
      expect(end.json().history[0]).toMatchObject({ source: 'floor_end', from_tier: { code: 'gold' } });
    });
  });

  describe('returns and spending', () => {
    it('a return lowers the figure of the purchase\'s day but keeps the tier; redeeming points changes nothing', async () => {
      const p = await program();
      const m = await enrol(p);
      const bought = await call('POST', `/v1/programs/${p.programId}/purchases`, p.posKey, { member_id: m, amount_fen: 600_000 }, { 'idempotency-key': `buy-${m}` });
      expect(bought.statusCode).toBe(201);
      // the purchase statement books its qualifying day (record-purchase); until that is wired, book it as it would
      if ((await progress(p, m)).figure === 0) await spend(p, m, today(), 600_000);
      await evaluate(p, today());
      expect(await tierOf(p, m)).toBe('gold');
      const before = await progress(p, m);
      const ret = await call('POST', `/v1/programs/${p.programId}/returns`, p.posKey, { purchase_id: bought.json().id, amount_fen: 300_000 }, { 'idempotency-key': `ret-${m}` });
      expect(ret.statusCode).toBe(201);
      const after = await progress(p, m);
      expect(after.figure).toBe(before.figure - 300_000);
      expect(after.tier.code).toBe('gold');
      expect(await tierOf(p, m)).toBe('gold');
      // the review 12 months on counts what comes after the day gold was reached
      expect(after.keep).toMatchObject({ threshold: 400_000, figure: 0, missing: 400_000, review_on: addMonths(today(), 12), drops_on: addDays(addMonths(today(), 12), 31) });
      const redeem = await call('POST', `/v1/programs/${p.programId}/members/${m}/redemptions`, p.adminKey, { points: 1_000 }, { 'idempotency-key': `rdm-${m}` });
      expect(redeem.statusCode).toBe(201);
      expect((await progress(p, m)).figure).toBe(after.figure);
    });
  });

  describe('progress', () => {
    it('a new member starts in the entry tier, from when they joined', async () => {
      const p = await program();
      const m = await enrol(p);
      const r = await progress(p, m);
      expect(r).toMatchObject({ tier: { code: 'base' }, figure: 0, next: { tier: { code: 'silver' }, missing: 100_000 }, keep: { threshold: 0, missing: 0, drops_on: null } });
      expect(r.history).toEqual([expect.objectContaining({ tier: expect.objectContaining({ code: 'base' }), from_tier: null, source: 'enrol', ended_at: null })]);
    });

    it('shows the figure in the window, the next tier and what is missing, and what keeps the tier', async () => {
      const p = await program();
      const m = await enrol(p);
      await spend(p, m, addMonths(today(), -13), 900_000); // outside the window
      await spend(p, m, addDays(today(), -40), 150_000);
      await spend(p, m, addDays(today(), -2), 50_000);
      await evaluate(p, today());
      const r = await progress(p, m);
      expect(r).toMatchObject({
        member_id: m, basis: 'spend', tier: { code: 'silver', keep_threshold: 80_000, benefits: { parking_hours: 2, earn_multiplier_pct: 100 } },
        window: { from: addDays(addMonths(today(), -12), 1), to: today() }, figure: 200_000,
        next: { tier: { code: 'gold', name: '金卡', name_en: 'Gold' }, reach_threshold: 500_000, missing: 300_000 },
        keep: { threshold: 80_000, review_on: addMonths(today(), 12), figure: 0, missing: 80_000 },
        floor: null, since: expect.any(String),
      });
      // at the top there is no next tier
      await spend(p, m, today(), 400_000);
      await evaluate(p, today());
      expect(await progress(p, m)).toMatchObject({ tier: { code: 'gold' }, next: null, figure: 600_000 });
    });
  });

  describe('tier table: preview and apply', () => {
    it('counts moves like a count made here, then applies them as a job with progress', async () => {
      const p = await program();
      const figures = [0, 50_000, 90_000, 120_000, 300_000, 450_000, 520_000, 800_000, 1_200_000, 2_000_000];
      const members: { id: string; fig: number; floor: string | null }[] = [];
      for (const fig of figures) {
        const id = await enrol(p);
        if (fig) await spend(p, id, today(), fig);
        members.push({ id, fig, floor: null });
      }
      await evaluate(p, today());
      // a member kept in gold by a floor
      await call('POST', `/v1/programs/${p.programId}/members/${members[1]!.id}/tier-floor`, p.adminKey, { tier_id: p.gold, reason: 'floor' });
      members[1]!.floor = 'gold';
      const table = {
        tiers: [
          { id: p.base, code: 'base', name: '普卡', reach_threshold: 0 },
          { id: p.silver, code: 'silver', name: '银卡', reach_threshold: 200_000, keep_threshold: 150_000 },
          { id: p.gold, code: 'gold', name: '金卡', reach_threshold: 600_000, keep_threshold: 460_000 },
          { code: 'diamond', name: '钻石卡', name_en: 'Diamond', reach_threshold: 1_500_000, benefits: { account_manager: true } },
        ],
      };
      // independently: tier now by the old table, target by the new one
      const oldTier = (fig: number) => (fig >= 500_000 ? 'gold' : fig >= 100_000 ? 'silver' : 'base');
      const rank: Record<string, number> = { base: 1, silver: 2, gold: 3, diamond: 4 };
      const expected = { up: 0, down: 0, unchanged: 0 };
      const after: Record<string, string> = {};
      for (const x of members) {
        const now = x.floor ?? oldTier(x.fig);
        const reached = x.fig >= 1_500_000 ? 'diamond' : x.fig >= 600_000 ? 'gold' : x.fig >= 200_000 ? 'silver' : 'base';
        const keep: Record<string, number> = { base: 0, silver: 150_000, gold: 460_000 };
        let target = reached;
        if (x.fig >= keep[now]! && rank[now]! > rank[target]!) target = now;
        if (x.floor && rank[x.floor]! > rank[target]!) target = x.floor;
        after[x.id] = target;
        expected[rank[target]! > rank[now]! ? 'up' : rank[target]! < rank[now]! ? 'down' : 'unchanged']++;
      }
      expect(expected.up).toBeGreaterThan(0);
      expect(expected.down).toBeGreaterThan(0);

      const preview = await call('POST', `/v1/programs/${p.programId}/tiers/preview`, p.adminKey, table);
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ members: members.length, ...expected, no_tier_before: 0, no_tier_after: 0 });
      const byCode = Object.fromEntries(preview.json().by_tier.map((r: { code: string }) => [r.code, r]));
      for (const code of ['base', 'silver', 'gold', 'diamond']) {
        expect(byCode[code].after, code).toBe(Object.values(after).filter((x) => x === code).length);
      }
      expect(byCode.diamond.tier_id).toBeNull();
      // nothing written
      expect((await call('GET', `/v1/programs/${p.programId}/tiers`, p.adminKey)).json().items).toHaveLength(3);

      const applied = await call('PUT', `/v1/programs/${p.programId}/tiers`, p.adminKey, table, { 'idempotency-key': `table-${p.programId}` });
      expect(applied.statusCode).toBe(202);
      expect(applied.json()).toMatchObject({ id: expect.stringMatching(/^tjb_/), kind: 'apply_table' });
      const job = await settled(p, applied.json());
      expect(job).toMatchObject({ status: 'done', total: members.length, done: members.length, summary: expected });
      for (const x of members) expect(await tierOf(p, x.id)).toBe(after[x.id]);
      const items = (await call('GET', `/v1/programs/${p.programId}/tiers`, p.posKey)).json().items;
      expect(items.map((i: { code: string; rank: number }) => [i.code, i.rank])).toEqual([['base', 1], ['silver', 2], ['gold', 3], ['diamond', 4]]);
      expect(items[3]).toMatchObject({ name_en: 'Diamond', reach_threshold: 1_500_000, keep_threshold: 1_500_000, benefits: { account_manager: true, earn_multiplier_pct: 100 } });
      // the job again: nobody moves
      const rerun = unwrap(await t.services.flows.runTierTableJob(p.programId, job.id));
      expect(rerun).toEqual({ up: 0, down: 0, unchanged: members.length });
      // the same key replays the first answer
      const replay = await call('PUT', `/v1/programs/${p.programId}/tiers`, p.adminKey, table, { 'idempotency-key': `table-${p.programId}` });
      expect(replay.statusCode).toBe(202);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });

    it('a tier left out of the table is retired and its members moved', async () => {
      const p = await program();
      const m = await enrol(p);
      await spend(p, m, today(), 150_000);
      await evaluate(p, today());
      expect(await tierOf(p, m)).toBe('silver');
      const r = await call('PUT', `/v1/programs/${p.programId}/tiers`, p.adminKey, {
        tiers: [{ id: p.base, code: 'base', name: '普卡', reach_threshold: 0 }, { id: p.gold, code: 'gold', name: '金卡', reach_threshold: 100_000 }],
      }, { 'idempotency-key': 'retire' });
      expect(r.statusCode).toBe(202);
      expect(await settled(p, r.json())).toMatchObject({ status: 'done', summary: { up: 1 } });
      expect(await tierOf(p, m)).toBe('gold');
      expect((await progress(p, m)).history[1]).toMatchObject({ tier: { code: 'silver' } });
    });
  });

  describe('bad input', () => {
    let p: P;
    beforeAll(async () => { p = await program(); });
    const zh = { 'accept-language': 'zh-CN' };

    it.each([
      [{ tiers: [{ code: 'a', name: 'A', reach_threshold: 0 }, { code: 'b', name: 'B', reach_threshold: 0 }] }, 'tiers[1].reach_threshold', /previous tier/, /晋升门槛/],
      [{ tiers: [{ code: 'a', name: 'A', reach_threshold: 10, keep_threshold: 20 }] }, 'tiers[0].keep_threshold', /keep threshold/, /保级门槛/],
      [{ tiers: [{ code: 'a', name: 'A', reach_threshold: 0 }, { code: 'a', name: 'B', reach_threshold: 5 }] }, 'tiers[1].code', /another tier/, /重复/],
      [{ tiers: [{ code: 'a', name: 'A', reach_threshold: -1 }] }, 'tiers[0].reach_threshold', /./, /不能小于 0/],
      [{ tiers: [] }, 'tiers', /./, /至少/],
      [{ tiers: [{ id: 'tier_00000000000000000000000000', code: 'a', name: 'A', reach_threshold: 0 }] }, 'tiers[0].id', /not a tier/, /不是本计划的等级/],
    ])('a tier table %j is refused naming %s, in English and Chinese', async (body, field, en, zhText) => {
      for (const url of [`/v1/programs/${p.programId}/tiers/preview`]) {
        const r = await call('POST', url, p.adminKey, body);
        expect(r.statusCode).toBe(400);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'validation', field, title: 'The request is not valid' });
        expect(r.json().detail).toMatch(en);
        const z = await call('POST', url, p.adminKey, body, zh);
        expect(z.json()).toMatchObject({ code: 'validation', field, title: '请求参数不正确' });
        expect(z.json().detail).toMatch(zhText);
      }
      const put = await call('PUT', `/v1/programs/${p.programId}/tiers`, p.adminKey, body, { 'idempotency-key': `bad-${field}` });
      expect(put.statusCode).toBe(400);
      expect(put.json().field).toBe(field);
    });

    it.each([
      [{ basis: 'spend', window: 'calendar_year', window_months: 6, downgrade: 'one_down', grace_days: 0, warn_days: 0 }, 'window_months', /仅适用于/],
      [{ basis: 'spend', window: 'rolling_months', downgrade: 'one_down', grace_days: -1, warn_days: 0 }, 'grace_days', /不能小于 0/],
      [{ basis: 'balance', window: 'rolling_months', downgrade: 'one_down', grace_days: 0, warn_days: 0 }, 'basis', /取值/],
      [{ basis: 'spend', window: 'rolling_months', downgrade: 'one_down', grace_days: 0 }, 'warn_days', /必填/],
    ])('a policy %j is refused naming %s', async (body, field, zhText) => {
      const r = await call('PUT', `/v1/programs/${p.programId}/tier-policy`, p.adminKey, body);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field });
      const z = await call('PUT', `/v1/programs/${p.programId}/tier-policy`, p.adminKey, body, zh);
      expect(z.json().detail).toMatch(zhText);
    });

    it('a floor needs a tier of the program, a reason and an end date not in the past', async () => {
      const m = await enrol(p);
      const url = `/v1/programs/${p.programId}/members/${m}/tier-floor`;
      const unknown = await call('POST', url, p.adminKey, { tier_id: 'tier_00000000000000000000000000', reason: 'x' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'not_found', field: 'tier_id' });
      const noReason = await call('POST', url, p.adminKey, { tier_id: p.gold });
      expect(noReason.json()).toMatchObject({ code: 'validation', field: 'reason' });
      const past = await call('POST', url, p.adminKey, { tier_id: p.gold, reason: 'x', ends_on: addDays(today(), -1) }, zh);
      expect(past.statusCode).toBe(400);
      expect(past.json()).toMatchObject({ code: 'validation', field: 'ends_on', detail: '结束日期不能早于今天' });
      expect((await call('POST', url, p.posKey, { tier_id: p.gold, reason: 'x' })).statusCode).toBe(403);
      expect(await tierOf(p, m)).toBe('base');
    });

    it('writes are for admin keys; reads for the program\'s keys', async () => {
      const other = await program();
      expect((await call('PUT', `/v1/programs/${p.programId}/tiers`, p.posKey, { tiers: [{ code: 'a', name: 'A', reach_threshold: 0 }] }, { 'idempotency-key': 'pos' })).statusCode).toBe(403);
      expect((await call('PUT', `/v1/programs/${p.programId}/tier-policy`, other.adminKey, { basis: 'spend', window: 'calendar_year', downgrade: 'one_down', grace_days: 0, warn_days: 0 })).statusCode).toBe(403);
      expect((await call('GET', `/v1/programs/${p.programId}/tier-policy`, p.posKey)).json()).toMatchObject({ basis: 'spend', window: 'rolling_months', window_months: 12 });
      const policy = { basis: 'visits', window: 'calendar_year', downgrade: 'to_supported', grace_days: 7, warn_days: 14 };
      const set = await call('PUT', `/v1/programs/${other.programId}/tier-policy`, other.adminKey, policy, { 'idempotency-key': 'policy-1' });
      expect(set.json()).toMatchObject({ ...policy, window_months: 12 });
      const conflict = await call('PUT', `/v1/programs/${other.programId}/tier-policy`, other.adminKey, { ...policy, grace_days: 8 }, { 'idempotency-key': 'policy-1' });
      expect(conflict.json()).toMatchObject({ code: 'idempotency_conflict', field: 'Idempotency-Key' });
      expect((await call('GET', `/v1/programs/${other.programId}/tier-policy`, other.adminKey)).json().grace_days).toBe(7);
      const missingKey = await call('PUT', `/v1/programs/${p.programId}/tiers`, p.adminKey, { tiers: [{ code: 'a', name: 'A', reach_threshold: 0 }] });
      expect(missingKey.json()).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    });
  });
});
