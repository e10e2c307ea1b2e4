import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATRIX, PERMISSIONS } from '../../src/platform/permissions.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../src/testing/harness.ts';
import { staffSession, type StaffSession } from '../../src/testing/staff-session.ts';

// Every /v1 route declares the permission it needs (its config, checked before the body is
// validated), except the few that act on the caller's own account (`access: 'self'`) or need no
// caller (`access: 'public'`), reviewed here. Walked from the app's own route table, so a route
// added with neither fails here.

const PUBLIC = new Set(['POST /v1/auth/sign-in']);
const OWN = new Set([
  'POST /v1/auth/sign-out', 'POST /v1/auth/password', 'POST /v1/auth/totp', 'POST /v1/auth/totp/confirm', 'POST /v1/auth/totp/disable',
  'GET /v1/me', 'GET /v1/auth/account', 'GET /v1/programs', 'POST /v1/programs',
]);

describe('route sources', () => {
  it('each route\'s declared permission is the one its handler authorizes', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'modules');
    const mismatches: string[] = [];
    for (const mod of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, mod)).filter((n) => n.endsWith('.routes.ts'))) {
        const text = readFileSync(join(dir, mod, file), 'utf8');
        for (const block of text.split(/(?=app\.(?:get|post|put|patch|delete)\()/).slice(1)) {
          const declared = /permission: '([a-z.]+)'/.exec(block)?.[1];
          const checked = [...block.matchAll(/authorize\(req, [^,]+, ([^)]*)\)/g)].map((m) => m[1]!);
          if (!declared && !checked.length) continue;
          if (!declared || !checked.length || !checked.every((c) => c.includes(`'${declared}'`))) mismatches.push(`${file}: ${block.slice(0, 80)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe.each(testDbKinds())('every route on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let auditor: StaffSession;
  let outsider: StaffSession;
  const fill = (url: string) => url.replace(':program_id', p.programId).replace(/:(\w+)/g, (_m, name: string) => (name === 'member_id' ? `mem_${'0'.repeat(26)}` : 'x'));

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    const other = await createTestProgram(t);
    auditor = await staffSession(t, p.programId, p.adminKey, { username: 'every.auditor', role: 'auditor' });
    outsider = await staffSession(t, other.programId, other.adminKey, { username: 'every.outsider', role: 'admin' });
  });
  afterAll(async () => { await t.close(); });

  it('declares a permission on every /v1 route but the caller\'s own and sign-in', () => {
    const routes = [...t.app.routePermissions];
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter(([, perm]) => perm === null).map(([route]) => route)).toEqual([]);
    expect(new Set(routes.filter(([, perm]) => perm === 'public').map(([route]) => route))).toEqual(PUBLIC);
    expect(new Set(routes.filter(([, perm]) => perm === 'self').map(([route]) => route))).toEqual(OWN);
    for (const [, perm] of routes) if (perm !== 'public' && perm !== 'self') expect(Object.keys(PERMISSIONS)).toContain(perm);
  });

  it('holds a route to its declaration whatever the URL\'s spelling (a trailing slash, a query string)', async () => {
    // sign-in is public however it is written; the caller's own account is not
    for (const url of ['/v1/auth/sign-in', '/v1/auth/sign-in/', '/v1/auth/sign-in?x=1']) {
      const r = await t.app.inject({ method: 'POST', url, payload: { username: 'nobody.here', password: 'wrong-password-1' } });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().code, url).toBe('sign_in_failed');
    }
    for (const url of ['/v1/me/', '/v1/me?x=1']) expect((await t.app.inject({ method: 'GET', url })).json().code, url).toBe('unauthorized');
  });

  // Outside /v1 nothing asks for a key or a session: each such route is named here, so a new
  // public one is a decision someone wrote down, not an accident.
  it('has no public route outside /v1 but the named ones', () => {
    expect([...t.app.publicRoutes].filter((r) => !r.startsWith('GET /docs')).sort()).toEqual([
      'GET /health', 'GET /media/programs/:program_id/rewards/:reward_id/image', 'GET /openapi.json',
      // a member's survey link: the token is the credential (single use, expiring, stored hashed), rate limited
      'GET /s/:token', 'POST /s/:token',
    ]);
  });

  it('answers the public survey link without credentials only with a refusal for a made-up token (never 200 or 500)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const html = await t.app.inject({ method, url: `/s/${'A'.repeat(32)}`, ...(method === 'POST' ? { payload: 'q_score=5', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
      expect(html.statusCode).toBe(404);
      expect(html.headers['content-type']).toContain('text/html');
      const json = await t.app.inject({ method, url: '/s/not-a-token', headers: { accept: 'application/json' }, ...(method === 'POST' ? { payload: { answers: {} } } : {}) });
      expect(json.statusCode).toBe(404);
      expect(json.json()).toMatchObject({ code: 'survey_link_unknown' });
    }
  });

  it('refuses every program route to a member of staff of another program (403, never 200 or 500)', async () => {
    const wrong: string[] = [];
    for (const [route, perm] of t.app.routePermissions) {
      if (!perm || perm === 'public' || perm === 'self') continue;
      const [method, url] = route.split(' ') as ['GET', string];
      const r = await outsider.call(method, fill(url), method === 'GET' || method === 'DELETE' ? undefined : {});
      if (r.statusCode !== 403) wrong.push(`${route}: ${r.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the auditor (read-only) every route that needs more than a read, naming the permission', async () => {
    const wrong: string[] = [];
    for (const [route, perm] of t.app.routePermissions) {
      if (!perm || perm === 'public' || perm === 'self') continue;
      const [method, url] = route.split(' ') as ['GET', string];
      const r = await auditor.call(method, fill(url), method === 'GET' || method === 'DELETE' ? undefined : {});
      const allowed = MATRIX.auditor.includes(perm);
      if (r.statusCode >= 500 || (allowed ? r.statusCode === 403 : r.statusCode !== 403 || r.json().permission !== perm)) wrong.push(`${route} (${perm}): ${r.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
