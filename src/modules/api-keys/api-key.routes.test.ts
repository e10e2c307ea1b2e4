import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';


describe.each(testDbKinds())('api key routes on %s', (kind) => {
  let t: TestContext;
  let a: TestProgram;
  let b: TestProgram;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, key: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });
  const keysUrl = (p: TestProgram) => `/v1/programs/${p.programId}/api-keys`;
  const me = (key: string) => call('GET', '/v1/me', key);

  beforeAll(async () => {
    t = await createTestContext(kind);
    a = await createTestProgram(t);
    b = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  describe('GET /v1/me', () => {
    it('describes the bootstrap, admin and pos keys', async () => {
      const boot = await me(t.bootstrapKey);
      expect(boot.statusCode).toBe(200);
      const key = { key_id: expect.stringMatching(/^key_/), staff_id: null, must_change_password: false };
      expect(boot.json()).toEqual({ ...key, name: 'bootstrap admin', role: 'bootstrap', program_id: null, store_id: null, permissions: expect.arrayContaining(['staff.manage', 'pii.read']) });
      expect((await me(a.adminKey)).json()).toEqual({ ...key, name: 'admin', role: 'admin', program_id: a.programId, store_id: null, permissions: expect.arrayContaining(['staff.manage']) });
      const pos = (await me(a.posKey)).json();
      expect(pos).toEqual({ ...key, name: 'pos', role: 'pos', program_id: a.programId, store_id: a.storeId, permissions: expect.arrayContaining(['purchases.write', 'coupons.redeem']) });
      expect(pos.permissions).not.toContain('staff.manage');
      // an admin key is a machine: it reads personal data whole; people reveal it with a purpose
      expect((await me(a.adminKey)).json().permissions).toContain('pii.read');
      expect(pos.permissions).not.toContain('pii.read');
    });

    it('accepts the key as X-API-Key too', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': a.adminKey } });
      expect(r.statusCode).toBe(200);
      expect(r.json().role).toBe('admin');
    });
  });

  describe('unauthenticated calls', () => {
    it.each([
      ['no key', {}],
      ['an unknown key', { authorization: 'Bearer pk_admin_not-a-real-key' }],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['a non-bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['an unknown X-API-Key', { 'x-api-key': 'nope' }],
    ])('answers 401 problem+json to %s', async (_name, headers) => {
      for (const url of ['/v1/me', `/v1/programs/${a.programId}`, `/v1/programs/${a.programId}/members?q=x`]) {
        const r = await t.app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': 'en' } });
        expect(r.statusCode).toBe(401);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ type: 'https://patron.dev/problems/unauthorized', status: 401, code: 'unauthorized', title: 'Missing or invalid API key' });
      }
    });

    it('gives the 401 title in Chinese by default', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/v1/me' });
      expect(r.json().title).toBe('缺少或无效的 API 密钥');
    });
  });

  describe('POST /v1/programs/:id/api-keys', () => {
    it('creates an admin key that is shown once and works at once', async () => {
      const r = await call('POST', keysUrl(a), a.adminKey, { name: 'Back office', role: 'admin' });
      expect(r.statusCode).toBe(201);
      const key = r.json();
      expect(key).toMatchObject({ id: expect.stringMatching(/^key_/), name: 'Back office', role: 'admin', store_id: null, key: expect.stringMatching(/^pk_admin_/) });
      expect(key.prefix).toBe(key.key.slice(0, 12));
      expect((await me(key.key)).json()).toMatchObject({ key_id: key.id, role: 'admin', program_id: a.programId });
      const listed = (await call('GET', keysUrl(a), a.adminKey)).json().items.find((k: { id: string }) => k.id === key.id);
      expect(listed).toMatchObject({ id: key.id, name: 'Back office', prefix: key.prefix, revoked_at: null });
      expect(listed).not.toHaveProperty('key');
      expect(JSON.stringify(listed)).not.toContain(key.key);
    });

    it('creates a pos key tied to a store', async () => {
      const r = await call('POST', keysUrl(a), a.adminKey, { name: 'Till 2', role: 'pos', store_id: a.otherStoreId });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ role: 'pos', store_id: a.otherStoreId, key: expect.stringMatching(/^pk_pos_/) });
      expect((await me(r.json().key)).json()).toMatchObject({ role: 'pos', store_id: a.otherStoreId });
    });

    it('stores only a hash of the key', async () => {
      const { id, key } = (await call('POST', keysUrl(a), a.adminKey, { name: 'Hashed', role: 'admin' })).json();
      const row = await t.services.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.key_hash).not.toBe(key);
      expect(row.key_hash.length).toBeGreaterThan(20);
      expect(JSON.stringify(row)).not.toContain(key);
      expect(JSON.stringify(row)).not.toContain(key.slice(12));
      const anywhere = await t.services.ctx.db.selectFrom('api_keys').select('id')
        .where((eb) => eb.or([eb('key_hash', '=', key), eb('key_prefix', '=', key), eb('name', '=', key)])).execute();
      expect(anywhere).toEqual([]);
    });

    it.each([
      [{ name: 'No store', role: 'pos' }, 400, 'store_id'],
      [{ name: 'Admin with store', role: 'admin', store_id: 'STORE' }, 400, 'store_id'],
      [{ name: 'Bad role', role: 'bootstrap' }, 400, 'role'],
      [{ role: 'admin' }, 400, 'name'],
      [{ name: 'Foreign store', role: 'pos', store_id: 'OTHER_PROGRAM_STORE' }, 404, 'store_id'],
    ])('rejects %j (%i naming %s) and creates no key', async (payload, status, field) => {
      const before = (await call('GET', keysUrl(a), a.adminKey)).json().items.length;
      const body = { ...payload } as Record<string, unknown>;
      if (body.store_id === 'STORE') body.store_id = a.storeId;
      if (body.store_id === 'OTHER_PROGRAM_STORE') body.store_id = b.storeId;
      const r = await call('POST', keysUrl(a), a.adminKey, body);
      expect(r.statusCode).toBe(status);
      expect(r.json().field).toBe(field);
      expect((await call('GET', keysUrl(a), a.adminKey)).json().items).toHaveLength(before);
    });

    it('refuses a pos key managing keys (403)', async () => {
      expect((await call('POST', keysUrl(a), a.posKey, { name: 'x', role: 'admin' })).statusCode).toBe(403);
      expect((await call('GET', keysUrl(a), a.posKey)).statusCode).toBe(403);
    });
  });

  describe('DELETE /v1/programs/:id/api-keys/:key_id', () => {
    it('revokes a key, which then gets 401', async () => {
      const { id, key } = (await call('POST', keysUrl(a), a.adminKey, { name: 'Short lived', role: 'pos', store_id: a.storeId })).json();
      expect((await me(key)).statusCode).toBe(200);
      const r = await call('DELETE', `${keysUrl(a)}/${id}`, a.adminKey);
      expect(r.statusCode).toBe(204);
      expect(r.body).toBe('');
      const after = await me(key);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('unauthorized');
      const listed = (await call('GET', keysUrl(a), a.adminKey)).json().items.find((k: { id: string }) => k.id === id);
      expect(listed.revoked_at).toEqual(expect.any(String));
      const again = await call('DELETE', `${keysUrl(a)}/${id}`, a.adminKey);
      expect(again.statusCode).toBe(404);
    });

    it('cannot revoke a key of another program', async () => {
      const bKeyId = (await me(b.posKey)).json().key_id;
      expect((await call('DELETE', `${keysUrl(a)}/${bKeyId}`, a.adminKey)).statusCode).toBe(404);
      expect((await call('DELETE', `${keysUrl(b)}/${bKeyId}`, a.adminKey)).statusCode).toBe(403);
      expect((await me(b.posKey)).statusCode).toBe(200);
    });
  });

  describe('a key used on another program', () => {
    it.each([
      ['GET', 'program', ''],
      ['GET', 'stores', '/stores'],
      ['GET', 'members', '/members?q=abc'],
      ['GET', 'tiers', '/tiers'],
      ['POST', 'stores', '/stores'],
      ['POST', 'members', '/members'],
    ] as const)('%s %s → 403', async (method, _what, path) => {
      for (const key of [a.adminKey, a.posKey]) {
        const payload = method === 'POST' ? (path === '/stores' ? { code: 'Z1', name: 'z' } : { phone: '13900000001' }) : undefined;
        const r = await call(method, `/v1/programs/${b.programId}${path}`, key, payload);
        expect(r.statusCode).toBe(403);
        expect(r.json()).toMatchObject({ code: 'forbidden', type: 'https://patron.dev/problems/forbidden' });
      }
    });
  });
});
