import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/context.ts';
import { isFailure, unwrap } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { campaignContextSql, heldOutSql, isHeldOut, spendCampaignSql, spendNames, type CampaignContext } from './campaign.repository.ts';
import { campaignService } from './campaign.service.ts';
import { studentQuantile } from './stats.ts';

// Campaigns on both databases: the holdout (sticky, the same in SQL and TypeScript, its
// share within tolerance), the budget and per-member guards under concurrency, the context
// the purchase path reads, the one-off award (twice, overlapping, within budget), the
// report against figures computed here, and birthday greetings.

const DAY = 86_400_000;

describe('statistics', () => {
  it('Student t quantiles match the published table', () => {
    for (const [df, t] of [[1, 12.7062], [2, 4.3027], [5, 2.5706], [10, 2.2281], [30, 2.0423], [120, 1.9799], [1e6, 1.96]] as const) {
      expect(studentQuantile(0.975, df)).toBeCloseTo(t, 3);
    }
    expect(studentQuantile(0.95, 10)).toBeCloseTo(1.8125, 3);
  });
});

describe.each(testDbKinds())('campaigns on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let admin: Principal;
  let seq = 0;
  const s = () => t.services;
  const enrol = async (prog: TestProgram, extra: object = {}) =>
    unwrap(await s().flows.enrolMember(prog.programId, { phone: `1380${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}`, ...extra }, admin)).id;
  const campaign = async (prog: TestProgram, over: object = {}) => {
    const c = await s().campaigns.create(prog.programId, {
      name: '测试活动', kind: 'rules', starts_at: new Date(Date.now() - DAY).toISOString(), ends_at: new Date(Date.now() + 30 * DAY).toISOString(), ...over,
    } as never, 'test');
    return c;
  };
  const activate = async (prog: TestProgram, id: string) => unwrap(await s().campaigns.setStatus(prog.programId, id, 'active'));
  const saltOf = async (prog: TestProgram, id: string) => unwrap(await s().campaigns.row(prog.programId, id));

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    admin = (await t.services.apiKeys.authenticate(p.adminKey))!;
  });
  afterAll(async () => { await t.close(); });

  it('the holdout is sticky, the same in SQL as in TypeScript, and holds its share within tolerance', async () => {
    const c = await saltOf(p, (await campaign(p, { holdout_pct: 20 })).id);
    const ids = Array.from({ length: 2000 }, () => newId('mem'));
    const ts = ids.map((m) => isHeldOut(c.holdout_salt, 20, m));
    const share = ts.filter(Boolean).length / ids.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.03);
    // the same answer again, from another instance of the service, and from SQL
    const other = campaignService(t.services.ctx);
    expect(ids.map((m) => other.heldOut(c, m))).toEqual(ts);
    const inSql = (await sql<{ id: string; held: boolean }>`
      SELECT t.id, ${heldOutSql('c', sql`t.id`)} AS held
      FROM unnest(${ids}::text[]) WITH ORDINALITY AS t(id, n), campaigns c WHERE c.program_id = ${p.programId} AND c.id = ${c.id} ORDER BY t.n`.execute(t.services.ctx.db)).rows;
    expect(inSql.map((r) => r.held)).toEqual(ts);
    // another campaign draws another group: the salt is its own
    const d = await saltOf(p, (await campaign(p, { holdout_pct: 20 })).id);
    const overlap = ids.filter((m, i) => ts[i] && isHeldOut(d.holdout_salt, 20, m)).length / ids.length;
    expect(Math.abs(overlap - 0.04)).toBeLessThan(0.02);
    // 0 % holds out nobody
    expect(ids.some((m) => isHeldOut(c.holdout_salt, 0, m))).toBe(false);
  });

  it('the budget is exact under 50 concurrent spends, and the per-member limit under concurrent spends of one member', async () => {
    const c = await campaign(p, { budget_points: 1_000 });
    await activate(p, c.id);
    const members = Array.from({ length: 50 }, () => newId('mem'));
    const results = await Promise.all(members.map((m) => s().campaigns.spend(p.programId, c.id, m, 30)));
    const ok = results.filter((r) => !isFailure(r)).length;
    expect(ok).toBe(33);
    expect(results.filter((r) => isFailure(r) && r.code === 'campaign_budget_spent')).toHaveLength(17);
    const after = unwrap(await s().campaigns.get(p.programId, c.id));
    expect(after).toMatchObject({ budget_used: 990, budget_left: 10, members_reached: 33 });

    // the fragments in a purchase-like statement that fails when a guard returns no row: nothing of it stays
    const statement = (points: number, member: string) => {
      const names = spendNames(c.id);
      const bodies = spendCampaignSql(p.programId, c.id, member, points, 'pur');
      return sql<{ ok: boolean }>`
        WITH pur AS (SELECT 1 AS one)${sql.join(Object.entries(bodies).map(([name, body]) => sql`, ${sql.id(name)} AS (${body})`), sql``)}
        SELECT patron_retry(EXISTS (SELECT 1 FROM ${sql.id(names.budget)}) AND EXISTS (SELECT 1 FROM ${sql.id(names.member)})) AS ok`.execute(t.services.ctx.db);
    };
    const late = newId('mem');
    await expect(statement(11, late)).rejects.toMatchObject({ code: '40001' });
    expect(unwrap(await s().campaigns.get(p.programId, c.id))).toMatchObject({ budget_used: 990, members_reached: 33 });
    expect((await statement(10, late)).rows[0]!.ok).toBe(true);
    expect(unwrap(await s().campaigns.get(p.programId, c.id))).toMatchObject({ budget_used: 1_000, budget_left: 0, members_reached: 34 });

    const limited = await campaign(p, { per_member_limit: 100 });
    await activate(p, limited.id);
    const m = newId('mem');
    const mine = await Promise.all(Array.from({ length: 10 }, () => s().campaigns.spend(p.programId, limited.id, m, 30)));
    expect(mine.filter((r) => !isFailure(r))).toHaveLength(3);
    expect(mine.filter((r) => isFailure(r) && r.code === 'campaign_member_limit')).toHaveLength(7);
    // a refused member limit took nothing from the budget either
    expect(unwrap(await s().campaigns.get(p.programId, limited.id)).budget_used).toBe(90);
  });

  it('the budget is held in slices: a spend draws on the next slices when its own runs short, and a new budget shares out what is left', async () => {
    const c = await campaign(p, { budget_points: 100 }); // 16 slices: 4 of 7 points, 12 of 6
    await activate(p, c.id);
    const slices = async () => (await sql<{ slice: number; used: number; room: number | null }>`
      SELECT slice, used, room FROM campaign_budget_slices WHERE program_id = ${p.programId} AND campaign_id = ${c.id} ORDER BY slice`.execute(t.services.ctx.db)).rows;
    expect((await slices()).map((r) => r.room)).toEqual([7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6]);
    const get = async () => unwrap(await s().campaigns.get(p.programId, c.id));
    unwrap(await s().campaigns.spend(p.programId, c.id, newId('mem'), 50)); // more than any one slice holds
    expect(await get()).toMatchObject({ budget_used: 50, budget_left: 50 });
    const after = await slices();
    expect(after.filter((r) => r.used > 0).length).toBeGreaterThanOrEqual(8);
    expect(after.every((r) => r.room !== null && r.room >= 0)).toBe(true);
    expect(after.reduce((a, r) => a + r.used + r.room!, 0)).toBe(100);

    // a new budget may not go below what is used; what is left is shared out again
    const below = await s().campaigns.update(p.programId, c.id, { budget_points: 40 });
    expect(isFailure(below) ? below.field : below).toBe('budget_points');
    expect(await get()).toMatchObject({ budget_points: 100, budget_used: 50 });
    unwrap(await s().campaigns.update(p.programId, c.id, { budget_points: 66 }));
    expect((await slices()).map((r) => r.room)).toEqual(Array(16).fill(1));
    const m = newId('mem');
    expect(await s().campaigns.spend(p.programId, c.id, m, 17)).toMatchObject({ code: 'campaign_budget_spent' });
    unwrap(await s().campaigns.spend(p.programId, c.id, m, 16));
    expect(await get()).toMatchObject({ budget_used: 66, budget_left: 0 });
    // no budget: nothing refused, every point still counted
    unwrap(await s().campaigns.update(p.programId, c.id, { budget_points: null }));
    unwrap(await s().campaigns.spend(p.programId, c.id, m, 500));
    expect(await get()).toMatchObject({ budget_points: null, budget_used: 566, budget_left: null });
    expect((await slices()).every((r) => r.room === null)).toBe(true);
  });

  it('campaignContextSql: the campaigns in force at the instant, their budget and member room, the holdout, the segment filter', async () => {
    const prog = await createTestProgram(t);
    const now = Date.now();
    const mk = async (over: object) => (await campaign(prog, over)).id;
    const inForce = await mk({ budget_points: 500, per_member_limit: 50, holdout_pct: 50 });
    const open = await mk({});
    const draft = await mk({});
    const later = await mk({ starts_at: new Date(now + DAY).toISOString() });
    const targeted = await mk({ segment_id: 'seg_01JAAAAAAAAAAAAAAAAAAAAAAA' });
    const cancelled = await mk({});
    for (const id of [inForce, open, later, targeted, cancelled]) await activate(prog, id);
    unwrap(await s().campaigns.setStatus(prog.programId, cancelled, 'cancelled'));
    const m = newId('mem');
    unwrap(await s().campaigns.spend(prog.programId, inForce, m, 20));
    const read = async (at: Date, segments?: string[]) =>
      (await sql<{ c: CampaignContext[] | null }>`SELECT ${campaignContextSql(prog.programId, m, at, segments)} AS c`.execute(t.services.ctx.db)).rows[0]!.c;
    const row = await saltOf(prog, inForce);
    const got = await read(new Date(now));
    expect(got).toEqual([
      { id: inForce, budget_left: 480, member_left: 30, held_out: isHeldOut(row.holdout_salt, 50, m) },
      { id: open, budget_left: null, member_left: null, held_out: false },
    ].sort((a, b) => a.id.localeCompare(b.id)));
    expect(got!.map((c) => c.id)).not.toContain(draft);
    expect((await read(new Date(now), ['seg_01JAAAAAAAAAAAAAAAAAAAAAAA']))!.map((c) => c.id)).toContain(targeted);
    expect((await read(new Date(now + 2 * DAY)))!.map((c) => c.id)).toContain(later);
    expect(await read(new Date(now - 2 * DAY))).toBeNull();
    // ending a campaign closes its window now; a purchase from before, reported late, still gets it
    const ended = unwrap(await s().campaigns.setStatus(prog.programId, open, 'ended'));
    expect(ended.status).toBe('ended');
    expect((await read(new Date(now)))!.map((c) => c.id)).toContain(open);
    expect((await read(new Date(Date.parse(ended.ends_at) + 1)))!.map((c) => c.id)).not.toContain(open);
  });

  it('the award: each member of the target once, held-out members none, run twice and twice at once, within budget', async () => {
    const prog = await createTestProgram(t);
    const members = [];
    for (let i = 0; i < 40; i++) members.push(await enrol(prog));
    const c = await campaign(prog, { kind: 'award', award_points: 25, holdout_pct: 25 });
    await activate(prog, c.id);
    const row = await saltOf(prog, c.id);
    const held = new Set(members.filter((m) => isHeldOut(row.holdout_salt, 25, m)));
    expect(held.size).toBeGreaterThan(0);
    const run = async () => {
      const started = unwrap(await s().flows.startCampaignAward(prog.programId, c.id, admin));
      return started.done;
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.status).toBe('done');
    expect(a.awarded + b.awarded).toBe(40 - held.size);
    expect(a.total).toBe(40 - held.size);
    const again = await run();
    expect(again).toMatchObject({ awarded: 0, skipped: 40 - held.size, done: 40 - held.size, status: 'done' });
    for (const m of members) {
      const bal = unwrap(await s().points.balance(prog.programId, m));
      expect(bal.available).toBe(held.has(m) ? 0 : 25);
    }
    const st = unwrap(await s().points.statement(prog.programId, members.find((m) => !held.has(m))!, 10));
    expect(st.items).toMatchObject([{ kind: 'adjust', direction: 'credit', points: 25, reason_code: 'campaign' }]);
    expect(unwrap(await s().campaigns.get(prog.programId, c.id))).toMatchObject({ members_awarded: 40 - held.size, budget_used: 25 * (40 - held.size) });

    // a budget of 10 awards (and a bit) stops after 10, whatever the order
    const small = await campaign(prog, { kind: 'award', award_points: 25, budget_points: 260 });
    await activate(prog, small.id);
    const [x, y] = await Promise.all([
      unwrap(await s().flows.startCampaignAward(prog.programId, small.id, admin)).done,
      unwrap(await s().flows.startCampaignAward(prog.programId, small.id, admin)).done,
    ]);
    expect(x.awarded + y.awarded).toBe(10);
    expect([x.stop_reason, y.stop_reason]).toContain('budget_spent');
    expect(unwrap(await s().campaigns.get(prog.programId, small.id))).toMatchObject({ budget_used: 250, budget_left: 10, members_awarded: 10 });

    // a rules campaign or a draft awards nothing
    const rules = await campaign(prog, {});
    expect((await s().flows.startCampaignAward(prog.programId, rules.id, admin) as { code?: string }).code).toBe('campaign_status');
  });

  it('the report: treated vs held out over the window, against figures computed here', async () => {
    const prog = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const start = new Date(Date.now() - 5 * DAY);
    const members: string[] = [];
    for (let i = 0; i < 30; i++) members.push(await enrol(prog));
    const c = await campaign(prog, { holdout_pct: 40, starts_at: start.toISOString(), ends_at: new Date(Date.now() + 5 * DAY).toISOString() });
    await activate(prog, c.id);
    const row = await saltOf(prog, c.id);
    const pos = (await t.services.apiKeys.authenticate(prog.posKey))!;
    // purchases: member i buys (i % 4) times on distinct days, amounts depend on i; one before the window
    const spend = new Map<string, number>();
    const visits = new Map<string, number>();
    const points = new Map<string, number>();
    for (const [i, m] of members.entries()) {
      spend.set(m, 0); visits.set(m, 0); points.set(m, 0);
      for (let k = 0; k < i % 4; k++) {
        const amount = 1_000 + i * 137 + k * 50;
        const at = new Date(start.getTime() + (k + 0.5) * DAY);
        const r = unwrap(await s().flows.recordPurchase(prog.programId, { member_id: m, store_id: prog.storeId, amount_fen: amount, occurred_at: at.toISOString() }, pos, randomUUID()));
        spend.set(m, spend.get(m)! + amount);
        visits.set(m, visits.get(m)! + 1);
        points.set(m, points.get(m)! + r.body.points_earned);
      }
      if (i % 5 === 0) unwrap(await s().flows.recordPurchase(prog.programId, { member_id: m, store_id: prog.storeId, amount_fen: 99_999, occurred_at: new Date(start.getTime() - DAY).toISOString() }, pos, randomUUID()));
    }
    const report = unwrap(await s().flows.campaignReport(prog.programId, c.id));
    const side = (held: boolean) => members.filter((m) => isHeldOut(row.holdout_salt, 40, m) === held);
    const stats = (ms: string[], of: Map<string, number>) => {
      const xs = ms.map((m) => of.get(m)!);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      return { n: xs.length, sum: xs.reduce((a, b) => a + b, 0), mean, v };
    };
    const [tr, ho] = [side(false), side(true)];
    expect(ho.length).toBeGreaterThan(1);
    const ts = stats(tr, spend);
    const hs = stats(ho, spend);
    expect(report.treated).toMatchObject({ members: tr.length, spend_fen: ts.sum, visits: stats(tr, visits).sum, points: stats(tr, points).sum });
    expect(report.held_out).toMatchObject({ members: ho.length, spend_fen: hs.sum, visits: stats(ho, visits).sum });
    expect(report.treated.mean_spend_fen).toBeCloseTo(ts.mean, 3);
    const se = Math.sqrt(ts.v / ts.n + hs.v / hs.n);
    const df = (ts.v / ts.n + hs.v / hs.n) ** 2 / ((ts.v / ts.n) ** 2 / (ts.n - 1) + (hs.v / hs.n) ** 2 / (hs.n - 1));
    const q = studentQuantile(0.975, df);
    expect(report.lift.spend_fen.absolute).toBeCloseTo(ts.mean - hs.mean, 3);
    expect(report.lift.spend_fen.df).toBeCloseTo(df, 1);
    expect(report.lift.spend_fen.ci_low).toBeCloseTo(ts.mean - hs.mean - q * se, 2);
    expect(report.lift.spend_fen.ci_high).toBeCloseTo(ts.mean - hs.mean + q * se, 2);
    expect(report.lift.spend_fen.pct).toBeCloseTo(((ts.mean - hs.mean) / hs.mean) * 100, 2);
    const tv = stats(tr, visits);
    const hv = stats(ho, visits);
    expect(report.lift.visits.absolute).toBeCloseTo(tv.mean - hv.mean, 3);
    // the daily series adds up to the totals, one entry per local day of the window so far
    expect(report.daily.reduce((a, d) => a + d.treated_spend_fen, 0)).toBe(ts.sum);
    expect(report.daily.reduce((a, d) => a + d.held_out_spend_fen, 0)).toBe(hs.sum);
    expect(report.daily.length).toBeGreaterThanOrEqual(5);
  });

  it('birthday greetings: active members born that day who consent, once a year; 29 February on the 28th', async () => {
    const prog = await createTestProgram(t);
    const yes = await enrol(prog, { birthday: '1990-03-15' });
    const no = await enrol(prog, { birthday: '1985-03-15' });
    const other = await enrol(prog, { birthday: '1990-03-16' });
    const leap = await enrol(prog, { birthday: '2000-02-29' });
    const gone = await enrol(prog, { birthday: '1970-03-15' });
    for (const m of [yes, other, leap, gone]) expect(unwrap(await s().flows.updateMember(prog.programId, m, { marketing_consent: true }, admin)).marketing_consent).toBe(true);
    unwrap(await s().flows.changeMemberStatus(prog.programId, gone, 'suspend', 'test', admin));
    const run = async (asOf: string) => unwrap(await s().flows.sendBirthdayGreetings({ programId: prog.programId, asOf }))[0]!;
    expect(await run('2026-03-15')).toMatchObject({ birthdays: 2, consenting: 1, sent: 1 });
    expect(await run('2026-03-15')).toMatchObject({ sent: 0 });
    expect((await run('2027-03-15')).sent).toBe(1);
    expect((await run('2027-02-28')).sent).toBe(1); // 2027 has no 29 February
    expect((await run('2028-02-28')).birthdays).toBe(0); // 2028 has: greeted on the day
    expect((await run('2028-02-29')).sent).toBe(1);
    const events = (await sql<{ aggregate_id: string; payload: Record<string, unknown> }>`
      SELECT aggregate_id, payload FROM outbox WHERE program_id = ${prog.programId} AND topic = 'member.birthday' ORDER BY id`.execute(t.services.ctx.db)).rows;
    expect(events.map((e) => e.aggregate_id)).toEqual([yes, yes, leap, leap]);
    expect(events[0]!.payload).toEqual({ member_id: yes, birthday: '1990-03-15', date: '2026-03-15', tier_id: null, gift: null });
    expect(events.map((e) => e.aggregate_id)).not.toContain(no);
  });

  it('every campaign method and workflow joins a caller\'s transaction, and the work commits together', async () => {
    const prog = await createTestProgram(t);
    const m = await enrol(prog, { birthday: '1991-07-07' });
    unwrap(await s().flows.updateMember(prog.programId, m, { marketing_consent: true }, admin));
    const seen = await inTransaction(t.services.ctx.db, async () => {
      const c = await campaign(prog, { kind: 'award', award_points: 7, budget_points: 100 });
      unwrap(await s().campaigns.update(prog.programId, c.id, { name: '事务中' }));
      unwrap(await s().campaigns.setStatus(prog.programId, c.id, 'active'));
      const job = await unwrap(await s().flows.startCampaignAward(prog.programId, c.id, admin)).done;
      const report = unwrap(await s().flows.campaignReport(prog.programId, c.id));
      const greeted = unwrap(await s().flows.sendBirthdayGreetings({ programId: prog.programId, asOf: '2026-07-07' }))[0]!.sent;
      return {
        job: job.awarded, listed: (await s().campaigns.list(prog.programId)).length, jobs: (await s().campaigns.jobs(prog.programId, c.id)).length,
        treated: report.treated.points, greeted, consent: (await s().members.marketingConsent(prog.programId, [m])).size, id: c.id,
      };
    });
    expect(seen).toMatchObject({ job: 1, listed: 1, jobs: 1, treated: 7, greeted: 1, consent: 1 });
    expect(unwrap(await s().campaigns.get(prog.programId, seen.id))).toMatchObject({ name: '事务中', budget_used: 7, members_awarded: 1 });
  });
});
