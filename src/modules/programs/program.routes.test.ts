import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';


describe.each(testDbKinds())('program routes on %s', (kind) => {
  let t: TestContext;
  let a: TestProgram;
  let b: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: auth(key), ...(payload === undefined ? {} : { payload: payload as object }) });
  const ids = (r: { json(): { items: { id: string }[] } }) => r.json().items.map((p) => p.id);

  beforeAll(async () => {
    t = await createTestContext(kind);
    a = await createTestProgram(t);
    b = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  describe('POST /v1/programs', () => {
    it('creates a program with the documented defaults (bootstrap key)', async () => {
      const r = await call('POST', '/v1/programs', t.bootstrapKey, { name: 'Defaults' });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({
        id: expect.stringMatching(/^prg_/), name: 'Defaults', time_zone: 'Asia/Shanghai', currency: 'CNY',
        earn_rate: { points: 1, per_fen: 100 }, pending_days: 7, expiry: { policy: 'year_end_following' }, expiry_notice_days: 30,
      });
    });

    it('takes every setting on create', async () => {
      const payload = {
        name: 'Custom', time_zone: 'Europe/Berlin', currency: 'EUR', earn_rate: { points: 3, per_fen: 200 },
        pending_days: 14, expiry: { policy: 'rolling_months', months: 18 }, expiry_notice_days: 10,
      };
      const r = await call('POST', '/v1/programs', t.bootstrapKey, payload);
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject(payload);
      const again = await call('GET', `/v1/programs/${r.json().id}`, t.bootstrapKey);
      expect(again.json()).toMatchObject(payload);
    });

    it('refuses an admin or pos key with 403', async () => {
      for (const key of [a.adminKey, a.posKey]) {
        const r = await call('POST', '/v1/programs', key, { name: 'Not allowed' });
        expect(r.statusCode).toBe(403);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'forbidden', type: 'https://patron.dev/problems/forbidden' });
      }
    });
  });

  describe('GET /v1/programs/:id', () => {
    it('is readable by the admin and pos keys of the program', async () => {
      for (const key of [a.adminKey, a.posKey, t.bootstrapKey]) {
        const r = await call('GET', `/v1/programs/${a.programId}`, key);
        expect(r.statusCode).toBe(200);
        expect(r.json()).toMatchObject({ id: a.programId, name: 'Test program', pending_days: 0 });
      }
    });

    it('answers 403 to a key of another program and 404 to an unknown program', async () => {
      expect((await call('GET', `/v1/programs/${b.programId}`, a.adminKey)).statusCode).toBe(403);
      const missing = await call('GET', '/v1/programs/prg_00000000000000000000000000', t.bootstrapKey);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'not_found', field: 'program_id' });
    });
  });

  describe('PATCH /v1/programs/:id', () => {
    it('updates name, time zone and earn rate, keeping the rest', async () => {
      const p = await createTestProgram(t);
      const r = await call('PATCH', `/v1/programs/${p.programId}`, p.adminKey, { name: 'Renamed', time_zone: 'America/New_York', earn_rate: { points: 2, per_fen: 100 } });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ name: 'Renamed', time_zone: 'America/New_York', earn_rate: { points: 2, per_fen: 100 }, pending_days: 0, currency: 'CNY' });
      expect((await call('GET', `/v1/programs/${p.programId}`, p.adminKey)).json().time_zone).toBe('America/New_York');
    });

    it('rejects a time zone that is not IANA, naming time_zone, and keeps the old one', async () => {
      for (const time_zone of ['Mars/Olympus', 'GMT+8', '']) {
        const r = await call('PATCH', `/v1/programs/${a.programId}`, a.adminKey, { time_zone });
        expect(r.statusCode).toBe(400);
        expect(r.json()).toMatchObject({ code: 'validation', field: 'time_zone' });
      }
      expect((await call('GET', `/v1/programs/${a.programId}`, a.adminKey)).json().time_zone).toBe('Asia/Shanghai');
    });

    it('switches between every expiry policy', async () => {
      const p = await createTestProgram(t);
      const url = `/v1/programs/${p.programId}`;
      for (const expiry of [{ policy: 'rolling_months', months: 24 }, { policy: 'never' }, { policy: 'year_end_following' }, { policy: 'rolling_months', months: 1 }]) {
        const r = await call('PATCH', url, p.adminKey, { expiry });
        expect(r.statusCode).toBe(200);
        expect(r.json().expiry).toEqual(expiry);
        expect((await call('GET', url, p.adminKey)).json().expiry).toEqual(expiry);
      }
    });

    it.each([
      [{ policy: 'rolling_months' }, 'expiry.months'],
      [{ policy: 'rolling_months', months: 0 }, 'expiry.months'],
      [{ policy: 'rolling_months', months: 1.5 }, 'expiry.months'],
      [{ policy: 'never', months: 3 }, 'expiry.months'],
      [{ policy: 'monthly' }, 'expiry.policy'],
    ])('rejects expiry %j naming %s', async (expiry, field) => {
      const r = await call('PATCH', `/v1/programs/${a.programId}`, a.adminKey, { expiry });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field });
    });

    it('refuses a pos key and a key of another program', async () => {
      expect((await call('PATCH', `/v1/programs/${a.programId}`, a.posKey, { name: 'x' })).statusCode).toBe(403);
      expect((await call('PATCH', `/v1/programs/${a.programId}`, b.adminKey, { name: 'x' })).statusCode).toBe(403);
      expect((await call('GET', `/v1/programs/${a.programId}`, a.adminKey)).json().name).toBe('Test program');
    });
  });

  describe('GET /v1/programs', () => {
    it('lists only the program of an admin or pos key', async () => {
      expect(ids(await call('GET', '/v1/programs', a.adminKey))).toEqual([a.programId]);
      expect(ids(await call('GET', '/v1/programs', a.posKey))).toEqual([a.programId]);
      expect(ids(await call('GET', '/v1/programs', b.adminKey))).toEqual([b.programId]);
    });

    it('lists every program for the bootstrap key', async () => {
      expect(ids(await call('GET', '/v1/programs', t.bootstrapKey))).toEqual(expect.arrayContaining([a.programId, b.programId]));
    });
  });
});
