import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHeaders as auth, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../testing/harness.ts';
import { staffSession } from '../testing/staff-session.ts';

// The console names who did what (statement 操作人, tier history, VIP 记录人…): a person, a key,
// the system. Only this program's people and keys are named.
describe.each(testDbKinds())('naming actors on %s', (kind) => {
  let t: TestContext;
  let a: TestProgram;
  let b: TestProgram;
  let manager: string;
  let till: string;
  let otherStaff: string;
  let otherKey: string;
  const names = (p: TestProgram, ids: string, key = p.adminKey) =>
    t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}/actors?ids=${encodeURIComponent(ids)}`, headers: auth(key) });
  const create = async (p: TestProgram, what: 'staff' | 'api-keys', payload: object) => {
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/${what}`, headers: auth(p.adminKey), payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    a = await createTestProgram(t);
    b = await createTestProgram(t);
    manager = await create(a, 'staff', { username: 'wang', display_name: '王经理', role: 'account_manager', password: 'test-password-2026' });
    till = await create(a, 'api-keys', { name: '收银台 1 号', role: 'pos', store_id: a.storeId });
    otherStaff = await create(b, 'staff', { username: 'li.b', display_name: '李店长', role: 'admin', password: 'test-password-2026' });
    otherKey = await create(b, 'api-keys', { name: 'B 的收银台', role: 'pos', store_id: b.storeId });
  });
  afterAll(async () => { await t.close(); });

  it('names a staff member, an API key, the system and an unknown id in one call, in the order asked', async () => {
    const unknown = `stf_${'0'.repeat(26)}`;
    const r = await names(a, [manager, till, 'system', unknown, 'cli-import', manager].join(','));
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([
      { id: manager, name: '王经理', kind: 'staff' },
      { id: till, name: '收银台 1 号', kind: 'api_key' },
      { id: 'system', name: null, kind: 'system' },
      { id: unknown, name: null, kind: 'unknown' },
      { id: 'cli-import', name: null, kind: 'system' },
    ]);
  });

  it('does not name another program\'s staff or keys (program isolation)', async () => {
    const r = await names(a, `${otherStaff},${otherKey}`);
    expect(r.json().items).toEqual([
      { id: otherStaff, name: null, kind: 'unknown' },
      { id: otherKey, name: null, kind: 'unknown' },
    ]);
    // program b names its own
    expect((await names(b, otherStaff)).json().items).toEqual([{ id: otherStaff, name: '李店长', kind: 'staff' }]);
  });

  it('names a disabled colleague still, since what they did stays theirs', async () => {
    const gone = await create(a, 'staff', { username: 'zhao', display_name: '赵出纳', role: 'store_staff', store_id: a.storeId, password: 'test-password-2026' });
    const off = await t.app.inject({ method: 'PATCH', url: `/v1/programs/${a.programId}/staff/${gone}`, headers: auth(a.adminKey), payload: { disabled: true } });
    expect(off.statusCode).toBe(200);
    expect((await names(a, gone)).json().items).toEqual([{ id: gone, name: '赵出纳', kind: 'staff' }]);
  });

  it('answers a cashier (program.read) with names only', async () => {
    const cashier = await staffSession(t, a.programId, a.adminKey, { username: 'cashier', role: 'store_staff', store_id: a.storeId });
    const r = await cashier.call('GET', `/v1/programs/${a.programId}/actors?ids=${manager}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([{ id: manager, name: '王经理', kind: 'staff' }]);
    // and the pos key, too
    expect((await names(a, till, a.posKey)).json().items[0]).toMatchObject({ name: '收银台 1 号' });
  });

  it('refuses a bad ids parameter with a problem naming ids, in the caller\'s language', async () => {
    const many = Array.from({ length: 101 }, (_, n) => `stf_${String(n).padStart(26, '0')}`).join(',');
    for (const ids of ['', ',,', 'stf_1;drop', many]) {
      const r = await names(a, ids);
      expect(r.statusCode, ids.slice(0, 20)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'validation', field: 'ids' });
      expect(r.json().errors[0].message).toContain('1–100');
    }
    const missing = await t.app.inject({ method: 'GET', url: `/v1/programs/${a.programId}/actors`, headers: { authorization: `Bearer ${a.adminKey}` } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'ids' });
    const zh = await t.app.inject({ method: 'GET', url: `/v1/programs/${a.programId}/actors?ids=`, headers: { authorization: `Bearer ${a.adminKey}`, 'accept-language': 'zh-CN' } });
    expect(zh.json().errors[0].message).toContain('操作人');
  });
});
