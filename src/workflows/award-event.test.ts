import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';

// Event rewards (积分获取方式): a sign-up, a completed profile, a birthday once a year, and
// the hooks later modules call, each paid once per occurrence however often it is asked.

describe.each(testDbKinds())('event rewards on %s', (kind) => {
  let t: TestContext;
  let seq = 0;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  async function program(rewards: Record<string, number>) {
    const p = await createTestProgram(t);
    for (const [event, points] of Object.entries(rewards)) {
      const r = await call('PUT', `/v1/programs/${p.programId}/event-rewards/${event}`, p.adminKey, { points, active: true });
      expect(r.statusCode, r.body).toBe(200);
    }
    return p;
  }
  const enrol = async (p: TestProgram, extra: object = {}) => {
    const r = await call('POST', `/v1/programs/${p.programId}/members`, p.adminKey, { phone: `1377${String(++seq).padStart(7, '0')}`, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const earned = async (p: TestProgram, m: string) =>
    (await call('GET', `/v1/programs/${p.programId}/members/${m}/statement?limit=50`, p.adminKey)).json().items
      .filter((e: { kind: string; direction: string }) => e.kind === 'adjust' && e.direction === 'credit')
      .map((e: { reason_code: string; points: number }) => [e.reason_code, e.points]);

  it('pays the sign-up reward once at enrolment, and nothing to members brought in by an import', async () => {
    const p = await program({ signup: 100 });
    const m = await enrol(p);
    expect(await earned(p, m)).toEqual([['signup', 100]]);
    const imported = unwrap(await t.services.flows.enrolMembers(p.programId, [{ phone: `1377${String(++seq).padStart(7, '0')}` }], SYSTEM)).created[0]!;
    expect(await earned(p, imported)).toEqual([]);
    const list = (await call('GET', `/v1/programs/${p.programId}/event-rewards`, p.adminKey)).json().items;
    expect(list.find((e: { event: string }) => e.event === 'signup')).toMatchObject({ points: 100, active: true });
    expect(list.find((e: { event: string }) => e.event === 'referral')).toMatchObject({ points: 0, active: false });
  });

  it('pays the completed-profile reward the first time the profile is complete, not again', async () => {
    const p = await program({ profile_completed: 50 });
    const m = await enrol(p);
    const patch = (body: object) => call('PATCH', `/v1/programs/${p.programId}/members/${m}`, p.adminKey, body);
    expect((await patch({ name: '陈晓', gender: 'female' })).statusCode).toBe(200);
    expect(await earned(p, m)).toEqual([]);
    expect((await patch({ birthday: '1990-05-06', email: 'chen@example.com' })).statusCode).toBe(200);
    expect(await earned(p, m)).toEqual([['profile_completed', 50]]);
    expect((await patch({ email: 'chen.x@example.com' })).statusCode).toBe(200);
    expect(await earned(p, m)).toEqual([['profile_completed', 50]]);
  });

  it('a hook called five times at once for one occurrence pays once; another occurrence pays again; an inactive event pays nothing', async () => {
    const p = await program({ referral: 200 });
    const m = await enrol(p);
    const hook = (occurrence: string, event = 'referral') => call('POST', `/v1/programs/${p.programId}/members/${m}/event-awards`, p.adminKey, { event, occurrence });
    const five = await Promise.all(Array.from({ length: 5 }, () => hook('friend-1')));
    expect(five.map((r) => r.statusCode)).toEqual(Array(5).fill(200));
    expect(five.filter((r) => r.json().awarded)).toHaveLength(1);
    expect((await hook('friend-2')).json()).toMatchObject({ awarded: true, points: 200 });
    expect((await hook('case-9', 'goodwill')).json()).toMatchObject({ awarded: false, points: 0 });
    expect(await earned(p, m)).toEqual([['referral', 200], ['referral', 200]]);
    const awards = (await call('GET', `/v1/programs/${p.programId}/members/${m}/event-awards`, p.adminKey)).json().items;
    expect(awards.map((a: { occurrence: string }) => a.occurrence).sort()).toEqual(['friend-1', 'friend-2']);
  });

  it('pays the birthday reward on the birthday, once a year, whether or not the member takes marketing', async () => {
    const p = await program({ birthday: 300 });
    const m = await enrol(p, { name: '周岚', birthday: '1992-03-14' });
    const run = async (asOf: string) => unwrap(await t.services.flows.sendBirthdayGreetings({ programId: p.programId, asOf }))[0]!;
    expect((await run('2026-03-13')).rewarded).toBe(0);
    expect((await run('2026-03-14')).rewarded).toBe(1);
    expect((await run('2026-03-14')).rewarded).toBe(0);
    expect((await run('2027-03-14')).rewarded).toBe(1);
    expect(await earned(p, m)).toEqual([['birthday', 300], ['birthday', 300]]);
  });

  it('bad input names the field in the caller\'s language and changes nothing', async () => {
    const p = await program({});
    const m = await enrol(p);
    const en = await call('POST', `/v1/programs/${p.programId}/members/${m}/event-awards`, p.adminKey, { event: 'lottery', occurrence: 'x' });
    expect([en.statusCode, en.json().errors[0].field]).toEqual([400, 'event']);
    const zh = await call('PUT', `/v1/programs/${p.programId}/event-rewards/signup`, p.adminKey, { points: -5, active: true }, { 'accept-language': 'zh-CN' });
    expect([zh.statusCode, zh.json().errors[0].field]).toEqual([400, 'points']);
    expect(zh.json().title).toMatch(/[\u4e00-\u9fff]/);
    const missing = await call('POST', `/v1/programs/${p.programId}/members/mem_01HZZZZZZZZZZZZZZZZZZZZZZZ/event-awards`, p.adminKey, { event: 'goodwill', occurrence: randomUUID() });
    expect(missing.statusCode).toBe(404);
    expect((await call('GET', `/v1/programs/${p.programId}/event-rewards`, p.adminKey)).json().items.every((e: { active: boolean }) => !e.active)).toBe(true);
  });
});
