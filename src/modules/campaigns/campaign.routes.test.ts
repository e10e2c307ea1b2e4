import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

// The campaigns API end to end (every answer is checked against the OpenAPI document by
// the harness): create, read, list, edit by status, activate / end / cancel, the award job
// and its progress, the report, birthday greetings, and bad input named by field.

const DAY = 86_400_000;

describe.each(testDbKinds())('campaign routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, headers: Record<string, string> = {}, key = p.adminKey) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const body = (over: object = {}) => ({
    name: '双倍积分周', name_en: 'Double points week', kind: 'rules',
    starts_at: new Date(Date.now() - DAY).toISOString(), ends_at: new Date(Date.now() + 7 * DAY).toISOString(), ...over,
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('creates a draft, reads and lists it, edits it, activates, ends it', async () => {
    const r = await call('POST', '/campaigns', body({ budget_points: 5_000, per_member_limit: 200, holdout_pct: 10 }));
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ id: expect.stringMatching(/^cmp_/), status: 'draft', budget_points: 5_000, budget_used: 0, budget_left: 5_000, holdout_pct: 10, members_reached: 0 });
    expect((await call('GET', `/campaigns/${c.id}`)).json()).toEqual(c);
    expect((await call('GET', '/campaigns?status=draft')).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await call('GET', '/campaigns?status=active')).json().items).toEqual([]);
    const edited = await call('PATCH', `/campaigns/${c.id}`, { holdout_pct: 20, budget_points: 8_000 });
    expect(edited.json()).toMatchObject({ holdout_pct: 20, budget_points: 8_000 });
    const act = await call('POST', `/campaigns/${c.id}/status`, { status: 'active' });
    expect(act.json().status).toBe('active');
    // once active, the holdout and the start are fixed; the budget may not drop below what is used
    const fixed = await call('PATCH', `/campaigns/${c.id}`, { holdout_pct: 30 });
    expect(fixed.statusCode).toBe(409);
    expect(fixed.json()).toMatchObject({ code: 'campaign_status', field: 'holdout_pct' });
    expect((await call('PATCH', `/campaigns/${c.id}`, { budget_points: 9_000 })).json().budget_points).toBe(9_000);
    const ended = await call('POST', `/campaigns/${c.id}/status`, { status: 'ended' });
    expect(ended.json().status).toBe('ended');
    expect(Date.parse(ended.json().ends_at)).toBeLessThanOrEqual(Date.now());
    const again = await call('POST', `/campaigns/${c.id}/status`, { status: 'active' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'campaign_status', field: 'status' });
    expect((await call('PATCH', `/campaigns/${c.id}`, { name: 'x' })).statusCode).toBe(409);
  });

  it('awards an award campaign as a job (202) whose progress can be read, and reports on it', async () => {
    for (let i = 0; i < 5; i++) {
      const m = await call('POST', '/members', { phone: `1371${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}` });
      expect(m.statusCode, m.body).toBe(201);
    }
    const c = (await call('POST', '/campaigns', body({ kind: 'award', award_points: 88 }))).json();
    const draft = await call('POST', `/campaigns/${c.id}/award`);
    expect(draft.statusCode).toBe(409);
    await call('POST', `/campaigns/${c.id}/status`, { status: 'active' });
    const r = await call('POST', `/campaigns/${c.id}/award`);
    expect(r.statusCode, r.body).toBe(202);
    const jobId = r.json().id;
    let job = r.json();
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((done) => setTimeout(done, 25));
      job = (await call('GET', `/campaigns/${c.id}/award-jobs/${jobId}`)).json();
    }
    expect(job).toMatchObject({ status: 'done', total: 5, awarded: 5, points: 440, stop_reason: null });
    expect((await call('GET', `/campaigns/${c.id}/award-jobs`)).json().items.map((j: { id: string }) => j.id)).toEqual([jobId]);
    expect((await call('GET', `/campaigns/${c.id}`)).json()).toMatchObject({ budget_used: 440, members_awarded: 5, members_reached: 5 });
    const report = await call('GET', `/campaigns/${c.id}/report`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ treated: { members: 5, points: 440, mean_points: 88 }, held_out: { members: 0 }, lift: { spend_fen: { absolute: null } } });
    expect((await call('GET', `/campaigns/${c.id}/award-jobs/cjb_01JAAAAAAAAAAAAAAAAAAAAAAA`)).statusCode).toBe(404);
  });

  it('runs birthday greetings for a day', async () => {
    const r = await call('POST', '/jobs/birthdays', { as_of: '2026-05-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ as_of: '2026-05-01', sent: 0 });
    expect((await call('POST', '/jobs/birthdays')).statusCode).toBe(200);
  });

  it('names the field at fault, in Chinese by default and in English when asked', async () => {
    const cases: [object, string][] = [
      [body({ ends_at: new Date(Date.now() - 2 * DAY).toISOString() }), 'ends_at'],
      [body({ holdout_pct: 60 }), 'holdout_pct'],
      [body({ kind: 'award' }), 'award_points'],
      [body({ award_points: 10 }), 'award_points'],
      [body({ segment_id: 'vip' }), 'segment_id'],
      [body({ budget_points: -1 }), 'budget_points'],
    ];
    for (const [payload, field] of cases) {
      const en = await call('POST', '/campaigns', payload);
      expect(en.statusCode, JSON.stringify(payload)).toBe(400);
      expect(en.json()).toMatchObject({ code: 'validation', field, title: 'The request is not valid' });
      const zh = await call('POST', '/campaigns', payload, { 'accept-language': 'zh-CN' });
      expect(zh.json()).toMatchObject({ code: 'validation', field, title: '请求参数不正确' });
      expect(zh.json().detail).not.toBe(en.json().detail);
    }
    const c = (await call('POST', '/campaigns', body({ budget_points: 100 }))).json();
    await call('POST', `/campaigns/${c.id}/status`, { status: 'active' });
    await t.services.campaigns.spend(p.programId, c.id, 'mem_01JAAAAAAAAAAAAAAAAAAAAAAA', 60);
    const below = await call('PATCH', `/campaigns/${c.id}`, { budget_points: 50 }, { 'accept-language': 'zh-CN' });
    expect(below.statusCode).toBe(400);
    expect(below.json()).toMatchObject({ field: 'budget_points', detail: '预算不能低于已使用的 60 积分' });
    expect((await call('GET', '/campaigns/cmp_01JAAAAAAAAAAAAAAAAAAAAAAA', undefined, { 'accept-language': 'zh-CN' })).json()).toMatchObject({ code: 'not_found', detail: '营销活动不存在' });
    expect((await call('GET', `/campaigns/${c.id}`, undefined, {}, p.posKey)).statusCode).toBe(403);
  });
});
