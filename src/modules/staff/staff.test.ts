import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHeaders, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { asSession, sessionCookie, signIn, staffSession, TEST_PASSWORD } from '../../testing/staff-session.ts';
import { base32Decode, base32Encode, hotp, totp } from './staff.crypto.ts';

describe('TOTP (RFC 6238)', () => {
  // Appendix B: the SHA-1 seed is the ASCII "12345678901234567890", 8 digits
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totp(seed, new Date(seconds * 1000), 8)).toBe(code);
  });
  it('HOTP matches RFC 4226 appendix D', () => {
    expect([0, 1, 2, 9].map((c) => hotp(seed, c))).toEqual(['755224', '287082', '359152', '520489']);
  });
  it('base32 round-trips', () => {
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').equals(seed)).toBe(true);
  });
});

describe.each(testDbKinds())('staff sign-in on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const staffUrl = () => `/v1/programs/${p.programId}/staff`;
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, headers: apiHeaders(p.adminKey), ...(payload ? { payload } : {}) });
  const create = async (username: string, role = 'service_agent', extra: object = {}) => {
    const r = await asAdmin('POST', staffUrl(), { username, display_name: username, role, password: TEST_PASSWORD, ...extra });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const sessionRow = (staffId: string) => t.services.ctx.db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('signs in with a cookie that scripts cannot read and other sites do not send, and answers who it is', async () => {
    const id = await create('lin.fang');
    const r = await signIn(t, { username: 'LIN.FANG', password: TEST_PASSWORD, program: p.programId });
    expect(r.statusCode).toBe(200);
    const set = String([r.headers['set-cookie']].flat()[0]);
    expect(set).toMatch(/^patron_session=[\w-]{40,};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).not.toContain('Secure'); // plain http here; https adds it
    expect(r.json()).toMatchObject({ csrf_token: expect.any(String), me: { staff_id: id, role: 'service_agent', program_id: p.programId, must_change_password: false } });
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: sessionCookie(r) } });
    expect(me.json()).toMatchObject({ key_id: id, staff_id: id, role: 'service_agent', permissions: expect.arrayContaining(['members.read']) });
    expect(me.json().permissions).not.toContain('staff.manage');
    // only digests are stored
    const row = await sessionRow(id);
    expect(row.token_hash).not.toBe(sessionCookie(r).split('=')[1]);
    expect(JSON.stringify(row)).not.toContain(r.json().csrf_token);
    const https = await t.app.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'lin.fang', password: TEST_PASSWORD, program: p.programId } });
    expect(https.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown username alike', async () => {
    await create('wang.lei');
    const wrong = await signIn(t, { username: 'wang.lei', password: 'not-it-123', program: p.programId });
    const unknown = await signIn(t, { username: 'nobody.here', password: 'not-it-123', program: p.programId });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'sign_in_failed', detail: 'The username or the password is wrong' });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  it('locks after five wrong passwords in a row (423 with Retry-After) until an administrator unlocks', async () => {
    // a name of its own per run: the system chain (refused sign-ins) is shared by every program in a reused database
    const user = `zhao.${Date.now().toString(36)}`;
    const id = await create(user);
    // the five at once: each one counts
    const tries = await Promise.all(Array.from({ length: 5 }, () => signIn(t, { username: user, password: 'wrong-pass-1', program: p.programId }, '10.1.0.1')));
    expect(tries.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 423]);
    const locked = await signIn(t, { username: user, password: TEST_PASSWORD, program: p.programId }, '10.1.0.2');
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'account_locked', retry_after: expect.any(Number) });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await asAdmin('GET', `${staffUrl()}/${id}`)).json()).toMatchObject({ failed_attempts: 5, locked_until: expect.any(String) });
    const unlocked = await asAdmin('POST', `${staffUrl()}/${id}/unlock`);
    expect(unlocked.json()).toMatchObject({ failed_attempts: 0, locked_until: null });
    expect((await signIn(t, { username: user, password: TEST_PASSWORD, program: p.programId }, '10.1.0.2')).statusCode).toBe(200);

    // in the audit log: the sign-in in the program's chain, the refusals (with the lock-out) in the system chain, never a password
    const signedIn = (await t.services.audit.list(p.programId, { q: 'staff.sign_in' }, 50)).items.filter((r) => r.actor_id === id);
    expect(signedIn.map((r) => [r.action, r.ip])).toContainEqual(['staff.sign_in', '10.1.0.2']);
    const refused = (await t.services.audit.list('system', { q: 'staff.sign_in.refused' }, 200)).items.filter((r) => r.actor_name === user);
    expect(refused.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 423, 423]);
    expect(JSON.stringify(refused)).not.toContain('wrong-pass-1');
  });

  it('a success resets the count: four wrong, one right, four wrong do not lock', async () => {
    await create('qian.yu');
    const attempt = (password: string) => signIn(t, { username: 'qian.yu', password, program: p.programId }, '10.2.0.1');
    for (let i = 0; i < 4; i++) expect((await attempt('nope-nope-1')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('nope-nope-1')).statusCode).toBe(401);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session idle for longer than 30 minutes, and any session 12 hours after sign-in', async () => {
    const idle = await staffSession(t, p.programId, p.adminKey, { username: 'idle.one', role: 'auditor' });
    expect((await idle.call('GET', '/v1/me')).statusCode).toBe(200);
    await t.services.ctx.db.updateTable('staff_sessions').set({ last_seen_at: new Date(Date.now() - 29 * 60_000) }).where('staff_id', '=', idle.staffId).execute();
    expect((await idle.call('GET', '/v1/me')).statusCode).toBe(200); // 29 minutes: still open, and touched
    expect((await sessionRow(idle.staffId)).last_seen_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await t.services.ctx.db.updateTable('staff_sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('staff_id', '=', idle.staffId).execute();
    expect((await idle.call('GET', '/v1/me')).statusCode).toBe(401);
    // and it stays ended, even if it were touched again
    await t.services.ctx.db.updateTable('staff_sessions').set({ last_seen_at: new Date() }).where('staff_id', '=', idle.staffId).execute();
    expect((await idle.call('GET', '/v1/me')).statusCode).toBe(401);

    const busy = await staffSession(t, p.programId, p.adminKey, { username: 'busy.one', role: 'auditor' });
    const open = await sessionRow(busy.staffId);
    expect(open.expires_at.getTime() - open.created_at.getTime()).toBe(12 * 3_600_000);
    // 12 hours on, however busy: last seen a moment ago, but past its end
    await t.services.ctx.db.updateTable('staff_sessions').set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() }).where('staff_id', '=', busy.staffId).execute();
    expect((await busy.call('GET', '/v1/me')).statusCode).toBe(401);
    const row = await t.services.ctx.db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', busy.staffId).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('refuses a cookie-authenticated change without the session\'s CSRF token; a key needs none', async () => {
    const s = await staffSession(t, p.programId, p.adminKey, { username: 'csrf.check', role: 'admin' });
    const body = { code: 'CS1', name: 'CSRF store' };
    for (const csrf of [false, 'forged-token'] as const) {
      const r = await s.call('POST', `/v1/programs/${p.programId}/stores`, body, { csrf });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'csrf', field: 'X-CSRF-Token' });
    }
    const other = await staffSession(t, p.programId, p.adminKey, { username: 'csrf.other', role: 'admin' });
    expect((await s.call('POST', `/v1/programs/${p.programId}/stores`, body, { csrf: other.csrf })).statusCode).toBe(403);
    expect((await t.services.stores.list(p.programId)).some((x) => x.code === 'CS1')).toBe(false);
    expect((await s.call('POST', `/v1/programs/${p.programId}/stores`, body)).statusCode).toBe(201);
    expect((await asAdmin('POST', `/v1/programs/${p.programId}/stores`, { code: 'CS2', name: 'Key store' })).statusCode).toBe(201);
  });

  it('sign-out ends the session', async () => {
    const s = await staffSession(t, p.programId, p.adminKey, { username: 'leaving', role: 'auditor' });
    const out = await s.call('POST', '/v1/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(401);
  });

  it('a reset gives a one-time password that must be changed before anything else', async () => {
    const s = await staffSession(t, p.programId, p.adminKey, { username: 'forgetful', role: 'marketing' });
    const reset = await asAdmin('POST', `${staffUrl()}/${s.staffId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporary_password as string;
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(401); // the open session ended
    expect((await signIn(t, { username: 'forgetful', password: TEST_PASSWORD, program: p.programId })).statusCode).toBe(401);
    const r = await signIn(t, { username: 'forgetful', password: temporary, program: p.programId });
    expect(r.json().me.must_change_password).toBe(true);
    const fresh = asSession(t, s.staffId, r);
    const blocked = await fresh.call('GET', `/v1/programs/${p.programId}/campaigns`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await fresh.call('POST', '/v1/auth/password', { current_password: 'wrong-current-1', new_password: 'new-password-42' })).json().field).toBe('current_password');
    expect((await fresh.call('POST', '/v1/auth/password', { current_password: temporary, new_password: 'short1' })).statusCode).toBe(400);
    const changed = await fresh.call('POST', '/v1/auth/password', { current_password: temporary, new_password: 'new-password-42' });
    expect(changed.json()).toMatchObject({ must_change_password: false });
    expect((await fresh.call('GET', `/v1/programs/${p.programId}/campaigns`)).statusCode).toBe(200);
    expect((await signIn(t, { username: 'forgetful', password: temporary, program: p.programId })).statusCode).toBe(401);
    // the audit log keeps that it happened, never the passwords
    const audit = await asAdmin('GET', `/v1/programs/${p.programId}/audit?entity=staff`);
    const text = JSON.stringify(audit.json());
    expect(text).toContain('/v1/auth/password');
    expect(text).not.toContain(temporary);
    expect(text).not.toContain('new-password-42');
  });

  it('asks for a TOTP code once two-step verification is confirmed', async () => {
    const s = await staffSession(t, p.programId, p.adminKey, { username: 'two.step', role: 'quality' });
    const enrol = await s.call('POST', '/v1/auth/totp');
    expect(enrol.statusCode).toBe(201);
    const { secret, otpauth_uri } = enrol.json();
    expect(otpauth_uri).toBe(`otpauth://totp/Patron%3Atwo.step?secret=${secret}&issuer=Patron&algorithm=SHA1&digits=6&period=30`);
    const key = base32Decode(secret);
    expect((await s.call('POST', '/v1/auth/totp/confirm', { totp: totp(key, new Date(Date.now() - 120_000)) })).statusCode).toBe(400);
    expect((await s.call('GET', '/v1/auth/account')).json()).toMatchObject({ id: s.staffId, totp_enabled: false });
    // confirmed with the code of the step just behind (a phone's clock a little slow)
    const confirmCode = totp(key, new Date(Date.now() - 30_000));
    expect((await s.call('POST', '/v1/auth/totp/confirm', { totp: confirmCode })).json().totp_enabled).toBe(true);
    expect((await s.call('GET', '/v1/auth/account')).json().totp_enabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/v1/auth/account', headers: apiHeaders(p.adminKey) })).statusCode).toBe(403);
    const stored = await t.services.ctx.db.selectFrom('staff').select('totp_secret_enc').where('id', '=', s.staffId).executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);

    const creds = { username: 'two.step', password: TEST_PASSWORD, program: p.programId };
    const ask = await signIn(t, creds);
    expect(ask.statusCode).toBe(401);
    expect(ask.json()).toMatchObject({ code: 'totp_required', field: 'totp', totp_required: true });
    expect(ask.headers['set-cookie']).toBeUndefined();
    const stale = await signIn(t, { ...creds, totp: totp(key, new Date(Date.now() - 5 * 60_000)) });
    expect(stale.json()).toMatchObject({ code: 'sign_in_failed', field: 'totp' });
    // a code is good once (RFC 6238 §5.2): the confirming code does not sign in
    expect((await signIn(t, { ...creds, totp: confirmCode })).json()).toMatchObject({ code: 'sign_in_failed', field: 'totp' });
    const now = totp(key, new Date());
    expect((await signIn(t, { ...creds, totp: now })).statusCode).toBe(200);
    expect((await signIn(t, { ...creds, totp: now })).json()).toMatchObject({ code: 'sign_in_failed', field: 'totp' }); // replayed
    // two sign-ins with one code at once: one passes
    const next = totp(key, new Date(Date.now() + 30_000));
    const both = await Promise.all([signIn(t, { ...creds, totp: next }), signIn(t, { ...creds, totp: next })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);

    // turning it off takes the password, and then sign-in asks for no code
    const wrong = await s.call('POST', '/v1/auth/totp/disable', { password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe('password');
    expect((await s.call('GET', '/v1/auth/account')).json().totp_enabled).toBe(true);
    const off = await s.call('POST', '/v1/auth/totp/disable', { password: TEST_PASSWORD });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().totp_enabled).toBe(false);
    expect((await signIn(t, creds)).statusCode).toBe(200);
  });

  it('limits failed sign-ins per address (429 with Retry-After), whatever the username', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 20; i++) expect((await signIn(t, { username: `guess${i}`, password: 'guess-123456', program: p.programId }, ip)).statusCode).toBe(401);
    const r = await signIn(t, { username: 'guess-more', password: 'guess-123456', program: p.programId }, ip);
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('too_many_attempts');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(t, { username: 'guess-more', password: 'guess-123456', program: p.programId }, '10.9.9.10')).statusCode).toBe(401);
  });

  it('keeps store staff to a store, usernames unique per program, and disabling ends sessions', async () => {
    const noStore = await asAdmin('POST', staffUrl(), { username: 'till.one', display_name: 'Till', role: 'store_staff', password: TEST_PASSWORD });
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json().field).toBe('store_id');
    const taken = await asAdmin('POST', staffUrl(), { username: 'LIN.fang', display_name: 'Again', role: 'auditor', password: TEST_PASSWORD });
    expect(taken.statusCode).toBe(409);
    const tmp = await asAdmin('POST', staffUrl(), { username: 'new.hire', display_name: 'New hire', role: 'store_staff', store_id: p.storeId });
    expect(tmp.json()).toMatchObject({ must_change_password: true, temporary_password: expect.any(String) });
    const s = await staffSession(t, p.programId, p.adminKey, { username: 'soon.gone', role: 'auditor' });
    expect((await asAdmin('PATCH', `${staffUrl()}/${s.staffId}`, { disabled: true })).json().disabled_at).not.toBeNull();
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(401);
    expect((await signIn(t, { username: 'soon.gone', password: TEST_PASSWORD, program: p.programId })).statusCode).toBe(401);
    const admin = await staffSession(t, p.programId, p.adminKey, { username: 'boss', role: 'admin' });
    expect((await admin.call('PATCH', `${staffUrl()}/${admin.staffId}`, { role: 'auditor' })).statusCode).toBe(400);
  });
});
