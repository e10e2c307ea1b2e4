import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestContext } from './harness.ts';

// Console sessions in tests, through the real routes only: create an account with a key,
// sign in (the cookie and the CSRF token), and call as that person.

export const TEST_PASSWORD = 'test-password-2026';

export interface StaffSession {
  staffId: string;
  cookie: string;
  csrf: string;
  /** Calls as this person: the cookie always, the CSRF token on writes unless csrf: false. */
  call(method: InjectOptions['method'], url: string, payload?: unknown, opts?: { csrf?: boolean | string }): Promise<LightMyRequestResponse>;
}

/** The session cookie's value (name=value) from a sign-in's Set-Cookie header. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const raw = [res.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith('patron_session='));
  if (!raw) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return raw.split(';')[0]!;
}

export async function signIn(t: TestContext, body: { username: string; password: string; program?: string; totp?: string }, remoteAddress?: string) {
  return t.app.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'accept-language': 'en' }, payload: body, ...(remoteAddress ? { remoteAddress } : {}) });
}

export function asSession(t: TestContext, staffId: string, res: LightMyRequestResponse): StaffSession {
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = res.json().csrf_token as string;
  return {
    staffId, cookie, csrf,
    call(method, url, payload, opts = {}) {
      const write = method !== 'GET' && method !== 'HEAD';
      const token = opts.csrf === false ? undefined : typeof opts.csrf === 'string' ? opts.csrf : write ? csrf : undefined;
      return t.app.inject({
        method, url, headers: { cookie, 'accept-language': 'en', ...(token ? { 'x-csrf-token': token } : {}) },
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      });
    },
  };
}

/** Creates an account with the admin key (a known password) and signs it in. */
export async function staffSession(t: TestContext, programId: string, adminKey: string, account: { username: string; role: string; store_id?: string }): Promise<StaffSession> {
  const r = await t.app.inject({
    method: 'POST', url: `/v1/programs/${programId}/staff`, headers: { authorization: `Bearer ${adminKey}` },
    payload: { display_name: account.username, password: TEST_PASSWORD, ...account },
  });
  if (r.statusCode !== 201) throw new Error(`staff: ${r.statusCode} ${r.body}`);
  return asSession(t, r.json().id, await signIn(t, { username: account.username, password: TEST_PASSWORD, program: programId }));
}
