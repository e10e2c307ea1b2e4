import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { apiHeaders, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../src/testing/harness.ts';
import { sessionCookie, TEST_PASSWORD } from '../../src/testing/staff-session.ts';

// What a security reviewer checks first: headers on every answer, CORS closed unless
// configured, and no secret in the logs.

describe.each(testDbKinds())('hardening on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let behindProxy: FastifyInstance;
  const lines: string[] = [];
  let logged: FastifyInstance;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    // an instance behind a TLS-terminating proxy, with one origin allowed to call from a browser
    behindProxy = await buildApp(t.services, { console: false, trustProxy: true, corsOrigins: ['https://crm.example.com'] });
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    logged = await buildApp(t.services, { console: false, logger: { level: 'info', stream } as never });
    await Promise.all([behindProxy.ready(), logged.ready()]);
  });
  afterAll(async () => {
    await behindProxy.close();
    await logged.close();
    await t.close();
  });

  it('sends the security headers on every answer, API or not, success or problem', async () => {
    for (const [url, headers] of [['/health', {}], ['/v1/me', {}], ['/v1/me', apiHeaders(p.adminKey)], ['/nowhere', {}]] as const) {
      const r = await t.app.inject({ method: 'GET', url, headers });
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).toContain("script-src 'self';");
      expect(r.headers['strict-transport-security']).toBeUndefined(); // plain http
    }
  });

  it('answers a malformed session cookie as no session (401 problem), never a 500', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: 'patron_session=%E0%A4%A' } });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('adds Strict-Transport-Security and a Secure cookie over https', async () => {
    const staff = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/staff`, headers: apiHeaders(p.adminKey), payload: { username: 'tls.user', display_name: 'TLS', role: 'auditor', password: TEST_PASSWORD } });
    expect(staff.statusCode).toBe(201);
    const r = await behindProxy.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'tls.user', password: TEST_PASSWORD, program: p.programId } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(r.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('gives no Access-Control-Allow-Origin unless the origin is configured', async () => {
    const evil = { origin: 'https://evil.example', authorization: `Bearer ${p.adminKey}` };
    const closed = await t.app.inject({ method: 'GET', url: '/v1/me', headers: evil });
    expect(closed.statusCode).toBe(200);
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/v1/me', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();

    expect((await behindProxy.inject({ method: 'GET', url: '/v1/me', headers: evil })).headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await behindProxy.inject({ method: 'GET', url: '/v1/me', headers: { ...evil, origin: 'https://crm.example.com' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    expect(allowed.headers.vary).toContain('Origin');
    const ok = await behindProxy.inject({ method: 'OPTIONS', url: '/v1/programs/x/members', headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'POST' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-headers']).toContain('x-csrf-token');
  });

  it('keeps keys, cookies and passwords out of the log', async () => {
    await logged.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { username: 'tls.user', password: TEST_PASSWORD, program: p.programId } });
    const signedIn = await logged.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { username: 'tls.user', password: TEST_PASSWORD, program: p.programId } });
    const cookie = sessionCookie(signedIn);
    await logged.inject({ method: 'GET', url: '/v1/me', headers: { cookie, authorization: `Bearer ${p.adminKey}` } });
    // whatever a handler or plugin might log: the request's headers, a body with a password
    logged.log.info({ req: { headers: { authorization: `Bearer ${p.adminKey}`, cookie, 'x-api-key': p.posKey } }, body: { password: TEST_PASSWORD } }, 'a careless line');
    const text = lines.join('');
    expect(text).toContain('a careless line');
    expect(text).toContain('[redacted]');
    for (const secret of [p.adminKey, p.posKey, TEST_PASSWORD, cookie.split('=')[1]!, signedIn.json().csrf_token]) expect(text).not.toContain(secret);
  });
});
