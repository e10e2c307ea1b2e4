import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDbKinds, type TestContext } from './testing/harness.ts';

describe.each(testDbKinds())('app on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  it('reports health with the database kind and migration', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: kind });
    expect(r.json().migration).toMatch(/^\d{3}_\w+$/);
  });

  it('serves an OpenAPI 3.1 document listing the API', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/programs/{program_id}/purchases', '/v1/programs/{program_id}/members/{member_id}/balance']));
  });

  it('answers unknown routes with problem+json 404', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/nope', headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'not_found', title: 'Not found' });
  });
});
