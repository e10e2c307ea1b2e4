import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

describe.each(testDbKinds())('segment routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const members: { id: string; consent: boolean }[] = [];
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}/segments`;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    for (let i = 0; i < 6; i++) {
      const consent = i % 2 === 0;
      const r = await call('POST', `/v1/programs/${p.programId}/members`, p.adminKey, { phone: `1360000${String(i).padStart(4, '0')}`, name: `成员${i}`, ...(consent ? { marketing_consent: true } : {}) });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ marketing_consent: consent });
      members.push({ id: r.json().id, consent });
    }
  });
  afterAll(async () => { await t.close(); });

  it('a member\'s consent to marketing is read and changed through the member API, with its time', async () => {
    const m = members[1]!;
    const before = Date.now();
    const r = await call('PATCH', `/v1/programs/${p.programId}/members/${m.id}`, p.adminKey, { marketing_consent: true });
    expect(r.statusCode).toBe(200);
    expect(r.json().marketing_consent).toBe(true);
    const at = Date.parse(r.json().marketing_consent_at);
    expect(at).toBeGreaterThanOrEqual(before - 5_000);
    // given again: the first time is kept
    const again = await call('PATCH', `/v1/programs/${p.programId}/members/${m.id}`, p.adminKey, { marketing_consent: true });
    expect(Date.parse(again.json().marketing_consent_at)).toBe(at);
    const off = await call('PATCH', `/v1/programs/${p.programId}/members/${m.id}`, p.adminKey, { marketing_consent: false });
    expect(off.json()).toMatchObject({ marketing_consent: false, marketing_consent_at: null });
  });

  it('creates a segment with its size at once, replays it for the same Idempotency-Key, lists and reads it', async () => {
    const body = { name: '同意营销', name_en: 'Marketing consent', conditions: { marketing_consent: true } };
    const r = await call('POST', base(), p.adminKey, body, { 'idempotency-key': 'seg-create-1' });
    expect(r.statusCode).toBe(201);
    const seg = r.json();
    expect(seg).toMatchObject({ id: expect.stringMatching(/^seg_/), status: 'active', size: 3, conditions: { marketing_consent: true } });
    expect(Date.parse(seg.refreshed_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(seg.stats_refreshed_at).not.toBeNull();
    const replay = await call('POST', base(), p.adminKey, body, { 'idempotency-key': 'seg-create-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(seg.id);
    const other = await call('POST', base(), p.adminKey, { ...body, name: 'x' }, { 'idempotency-key': 'seg-create-1' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');

    const list = await call('GET', base(), p.adminKey);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([seg.id]);
    expect((await call('GET', `${base()}/${seg.id}`, p.adminKey)).json()).toEqual(seg);

    const sample = await call('GET', `${base()}/${seg.id}/members?limit=2`, p.adminKey);
    expect(sample.statusCode).toBe(200);
    expect(sample.json()).toMatchObject({ size: 3, refreshed_at: seg.refreshed_at });
    expect(sample.json().items).toHaveLength(2);
    for (const m of sample.json().items) {
      expect(members.find((x) => x.id === m.id)?.consent).toBe(true);
      expect(m.phone).toMatch(/^136\*{4}\d{4}$/);
      expect(m).toMatchObject({ member_no: expect.any(String), name: expect.any(String), status: 'active', tier: null });
    }
  });

  it('previews an unsaved definition: size and a masked sample, and writes nothing', async () => {
    const r = await call('POST', `${base()}/preview`, p.adminKey, { conditions: { marketing_consent: false }, limit: 10 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ size: 3, as_of: expect.any(String), stats_refreshed_at: expect.any(String) });
    expect(r.json().sample.map((m: { id: string }) => m.id).sort()).toEqual(members.filter((m) => !m.consent).map((m) => m.id).sort());
    expect((await call('GET', base(), p.adminKey)).json().items).toHaveLength(1);
  });

  it('a new definition refreshes the segment at once; a rename does not need one', async () => {
    const seg = (await call('POST', base(), p.adminKey, { name: '全部会员', conditions: {} })).json();
    expect(seg.size).toBe(6);
    const r = await call('PATCH', `${base()}/${seg.id}`, p.adminKey, { conditions: { status: { any_of: ['suspended'] } } }, { 'idempotency-key': 'seg-patch-1' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ size: 0, conditions: { status: { any_of: ['suspended'] } } });
    const renamed = await call('PATCH', `${base()}/${seg.id}`, p.adminKey, { name: '已冻结', description: null });
    expect(renamed.json()).toMatchObject({ name: '已冻结', size: 0, refreshed_at: r.json().refreshed_at });

    await call('POST', `/v1/programs/${p.programId}/members/${members[0]!.id}/suspend`, p.adminKey, { reason: 'test' });
    const refreshed = await call('POST', `${base()}/${seg.id}/refresh`, p.adminKey);
    expect(refreshed.json().size).toBe(1);
  });

  it('the segments job runs for the program over the API', async () => {
    const r = await call('POST', `/v1/programs/${p.programId}/jobs/segments`, p.adminKey);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ members: 6, stats_refreshed_at: expect.any(String) });
    expect(r.json().segments).toHaveLength(2);
  });

  it('archives a segment: its members leave, it is refreshed no more', async () => {
    const seg = (await call('POST', base(), p.adminKey, { name: '临时', conditions: {} })).json();
    const r = await call('POST', `${base()}/${seg.id}/archive`, p.adminKey, undefined, { 'idempotency-key': 'seg-archive-1' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'archived', size: 0 });
    expect((await call('GET', `${base()}/${seg.id}/members`, p.adminKey)).json().items).toEqual([]);
    for (const [method, url, body] of [['POST', `${base()}/${seg.id}/refresh`], ['PATCH', `${base()}/${seg.id}`, { name: 'y' }], ['POST', `${base()}/${seg.id}/archive`]] as const) {
      const again = await call(method, url, p.adminKey, body);
      expect(again.statusCode, url).toBe(409);
      expect(again.json()).toMatchObject({ code: 'segment_archived', title: 'The segment is archived' });
    }
    expect((await call('GET', `${base()}?status=archived`, p.adminKey)).json().items.map((s: { id: string }) => s.id)).toEqual([seg.id]);
    expect((await call('GET', base(), p.adminKey)).json().items.map((s: { id: string }) => s.id)).not.toContain(seg.id);
  });

  it('answers 404 for an unknown segment and 403 to a pos key', async () => {
    const missing = await call('GET', `${base()}/seg_01JAAAAAAAAAAAAAAAAAAAAAAA`, p.adminKey);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', resource: 'segment', field: 'segment_id' });
    expect((await call('GET', base(), p.posKey)).statusCode).toBe(403);
    expect((await call('POST', `${base()}/preview`, p.posKey, { conditions: {} })).statusCode).toBe(403);
  });

  const bad: [string, object, string, { en: RegExp; zh: RegExp }][] = [
    ['min above max', { spend_fen: { window_days: 30, min: 500, max: 100 } }, 'conditions.spend_fen.max', { en: /min must not be greater than max/, zh: /最小值不能大于最大值/ }],
    ['a range with no bound', { visits: { window_days: 90 } }, 'conditions.visits.min', { en: /Give min, max or both/, zh: /请至少填写最小值或最大值/ }],
    ['a window not kept', { spend_fen: { window_days: 60, min: 1 } }, 'conditions.spend_fen.window_days', { en: /.+/, zh: /取值不在允许范围内/ }],
    ['an RFM score out of 1–5', { rfm: { r: { min: 0 } } }, 'conditions.rfm.r.min', { en: /.+/, zh: /不能小于 1/ }],
    ['an unknown tier', { tiers: { any_of: ['tier_01JAAAAAAAAAAAAAAAAAAAAAAA'] } }, 'conditions.tiers.any_of[0]', { en: /No tier tier_01JAAAAAAAAAAAAAAAAAAAAAAA in this program/, zh: /本计划没有等级/ }],
    ['a store of no program', { stores: { any_of: ['sto_01JAAAAAAAAAAAAAAAAAAAAAAA'] } }, 'conditions.stores.any_of[0]', { en: /No store/, zh: /本计划没有门店/ }],
    ['a birthday month 13', { birthday_month: 13 }, 'conditions.birthday_month', { en: /.+/, zh: /.+/ }],
    ['dates in the wrong order', { enrolled: { from: '2026-02-01', to: '2026-01-01' } }, 'conditions.enrolled.to', { en: /from must not be after to/, zh: /开始日期不能晚于结束日期/ }],
    ['an unknown condition', { gender: 'female' }, 'conditions.gender', { en: /.+/, zh: /不允许的字段/ }],
  ];
  it.each(bad)('refuses %s with problem+json naming the field, in zh and en', async (_name, conditions, field, text) => {
    for (const lang of ['en', 'zh'] as const) {
      for (const [url, body] of [[base(), { name: '坏', conditions }], [`${base()}/preview`, { conditions }]] as const) {
        const r = await call('POST', url, p.adminKey, body, { 'accept-language': lang });
        expect(r.statusCode, url).toBe(400);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = r.json();
        expect(problem).toMatchObject({ code: 'validation', field });
        expect(problem.detail).toMatch(text[lang]);
        expect(problem.title).toBe(lang === 'en' ? 'The request is not valid' : '请求参数不正确');
      }
    }
  });

  it('refuses a segment without a name', async () => {
    const r = await call('POST', base(), p.adminKey, { conditions: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'validation', field: 'name' });
  });
});
