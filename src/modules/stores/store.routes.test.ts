import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';


describe.each(testDbKinds())('store routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let other: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });
  const stores = () => `/v1/programs/${p.programId}/stores`;
  const codes = async () => (await call('GET', stores(), p.adminKey)).json().items.map((s: { code: string }) => s.code);

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    other = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('creates a store and lists it, ordered by code', async () => {
    const r = await call('POST', stores(), p.adminKey, { code: 'A1', name: 'Jing An', address: '1 Nanjing Rd' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ id: expect.stringMatching(/^sto_/), code: 'A1', name: 'Jing An', address: '1 Nanjing Rd' });
    const list = await call('GET', stores(), p.posKey);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { code: string }) => s.code)).toEqual(['A1', 'S1', 'S2']);
    const one = await call('GET', `${stores()}/${r.json().id}`, p.posKey);
    expect(one.json()).toEqual(r.json());
  });

  it('stores a missing address as null', async () => {
    const r = await call('POST', stores(), p.adminKey, { code: 'NOADDR', name: 'No address' });
    expect(r.statusCode).toBe(201);
    expect(r.json().address).toBeNull();
  });

  it('updates a store', async () => {
    const id = (await call('POST', stores(), p.adminKey, { code: 'U1', name: 'Before' })).json().id;
    const r = await call('PATCH', `${stores()}/${id}`, p.adminKey, { name: 'After', address: 'Somewhere 2' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, code: 'U1', name: 'After', address: 'Somewhere 2' });
    expect((await call('GET', `${stores()}/${id}`, p.adminKey)).json().name).toBe('After');
  });

  it('answers 409 to a duplicate code, on create and on update', async () => {
    const dup = await call('POST', stores(), p.adminKey, { code: 'S1', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'conflict', field: 'code', type: 'https://patron.dev/problems/conflict' });
    const r = await call('PATCH', `${stores()}/${p.otherStoreId}`, p.adminKey, { code: 'S1' });
    expect(r.statusCode).toBe(409);
    expect((await call('GET', `${stores()}/${p.otherStoreId}`, p.adminKey)).json().code).toBe('S2');
  });

  it('lets two programs use the same store code', async () => {
    const r = await call('POST', `/v1/programs/${other.programId}/stores`, other.adminKey, { code: 'A1', name: 'Other A1' });
    expect(r.statusCode).toBe(201);
  });

  it('refuses a pos key creating or updating a store (403) and creates nothing', async () => {
    const before = await codes();
    const r = await call('POST', stores(), p.posKey, { code: 'POS1', name: 'By pos' });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'forbidden' });
    expect((await call('PATCH', `${stores()}/${p.storeId}`, p.posKey, { name: 'x' })).statusCode).toBe(403);
    expect(await codes()).toEqual(before);
  });

  it('refuses a key of another program (403)', async () => {
    expect((await call('GET', stores(), other.adminKey)).statusCode).toBe(403);
    expect((await call('POST', stores(), other.adminKey, { code: 'X9', name: 'x' })).statusCode).toBe(403);
  });

  it('validates code and name', async () => {
    for (const [payload, field] of [
      [{ code: 'has space', name: 'x' }, 'code'],
      [{ code: '', name: 'x' }, 'code'],
      [{ code: 'OK', name: '' }, 'name'],
      [{ name: 'no code' }, 'code'],
    ] as const) {
      const r = await call('POST', stores(), p.adminKey, payload);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field });
    }
  });

  it('answers 404 for a store that does not exist or belongs to another program', async () => {
    const missing = await call('PATCH', `${stores()}/sto_00000000000000000000000000`, p.adminKey, { name: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', field: 'store_id' });
    expect((await call('GET', `${stores()}/${other.storeId}`, p.adminKey)).statusCode).toBe(404);
  });
});
