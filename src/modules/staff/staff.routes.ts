import { z } from 'zod';
import { authorize, principalOf } from '../../platform/auth.ts';
import { isFailure } from '../../platform/errors.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { meOf, ZMe } from '../../platform/me.ts';
import { MATRIX, PERMISSIONS, type Permission, ROLE_NAMES, STAFF_ROLES } from '../../platform/permissions.ts';
import { problemResponse, problemResponses, zId, zProgramParams } from '../../platform/schema.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../../platform/web.ts';
import {
  ZPasswordChange, ZPasswordReset, ZRoleMatrix, ZSignIn, ZStaff, ZStaffCreate, ZStaffCreated, ZStaffUpdate, ZTotpConfirm, ZTotpDisable, ZTotpEnrolment,
} from './staff.schema.ts';
import type { StaffService } from './staff.service.ts';
import { principalOfStaff } from './staff.sessions.ts';

const ZSignedIn = z.object({
  csrf_token: z.string().describe('Send it back as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE of this session'),
  me: ZMe,
}).meta({ id: 'SignedIn' });
const ZStaffParams = z.strictObject({ program_id: zId('prg'), staff_id: zId('stf') });
const signInResponses = { ...problemResponses, 423: problemResponse(423), 429: problemResponse(429) };

export interface StaffRouteOptions {
  /** The Secure flag on the session cookie: always, never, or when the request came over https. */
  secureCookies: boolean | 'auto';
  /** Told of every sign-in and every refused one (app.ts writes them to the audit log). */
  onSignIn?: (e: SignInEvent) => Promise<void>;
}

/** A sign-in, or a refused one (wrong password, locked, too many attempts): never the password. */
export type SignInEvent = { username: string; ip: string; userAgent: string | null } & (
  | { ok: true; staff: { id: string; program_id: string; display_name: string; role: string } }
  | { ok: false; code: string }
);

export function staffRoutes(app: App, staff: StaffService, opts: StaffRouteOptions) {
  const tags = ['staff'];
  app.post('/v1/auth/sign-in', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Sign in to the console with a username and password (and a TOTP code when enabled): sets the patron_session cookie',
      security: [], body: ZSignIn, response: { 200: ZSignedIn, ...signInResponses },
    },
  }, async (req, reply) => {
    const client = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
    const r = await staff.sessions.signIn(req.body, client);
    await opts.onSignIn?.({ username: req.body.username, ...client, ...(isFailure(r) ? { ok: false, code: r.code } : { ok: true, staff: r.staff }) });
    if (isFailure(r)) {
      const wait = r.extra.retry_after;
      if (typeof wait === 'number') reply.header('retry-after', String(wait));
      throw r;
    }
    setSessionCookie(req, reply, r.token, opts.secureCookies);
    req.log.info({ staff_id: r.staff.id }, 'staff signed in');
    return { csrf_token: r.csrf, me: meOf({ ...principalOfStaff(r.staff), mustChangePassword: r.staff.must_change_password }) };
  });
  app.post('/v1/auth/sign-out', {
    config: { access: 'self', duringPasswordChange: true },
    schema: { tags, summary: 'Sign out: the session ends and its cookie is cleared', response: { 204: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    principalOf(req);
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await staff.sessions.signOut(token);
    clearSessionCookie(reply);
    // no payload at all: a 204 carries no body, not even null
    return reply.code(204).send(undefined as unknown as null);
  });
  app.get('/v1/auth/account', {
    config: { access: 'self' },
    schema: { tags, summary: 'Your own staff account (two-step verification on or off, last sign-in)', response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => orProblem(await staff.own(principalOf(req))));
  app.post('/v1/auth/password', {
    config: { access: 'self', duringPasswordChange: true },
    schema: { tags, summary: 'Change your own password (with the current one); your other sessions end', body: ZPasswordChange, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => orProblem(await staff.changePassword(principalOf(req), req.body.current_password, req.body.new_password, readCookie(req, SESSION_COOKIE))));
  app.post('/v1/auth/totp', {
    // the answer holds the secret: the audit log keeps no copy of it
    config: { audit: false, access: 'self' },
    schema: { tags, summary: 'Start two-step verification: a TOTP secret for your authenticator app (confirm it with a code)', response: { 201: ZTotpEnrolment, ...problemResponses } },
  }, async (req, reply) => reply.code(201).send(orProblem(await staff.totpEnrol(principalOf(req)))));
  app.post('/v1/auth/totp/confirm', {
    config: { access: 'self' },
    schema: { tags, summary: 'Confirm two-step verification with a code: from now on sign-in asks for one', body: ZTotpConfirm, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => orProblem(await staff.totpConfirm(principalOf(req), req.body.totp)));
  app.post('/v1/auth/totp/disable', {
    config: { access: 'self' },
    schema: { tags, summary: 'Turn two-step verification off (with your password)', body: ZTotpDisable, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => orProblem(await staff.totpDisable(principalOf(req), req.body.password)));

  app.get('/v1/programs/:program_id/roles', {
    config: { permission: 'program.read' },
    schema: { tags, summary: 'The roles and what each may do (docs/permissions.md), in Chinese and English', params: zProgramParams, response: { 200: ZRoleMatrix, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.read');
    return {
      permissions: (Object.keys(PERMISSIONS) as Permission[]).map((key) => ({ key, name: { zh: PERMISSIONS[key].zh, en: PERMISSIONS[key].en } })),
      roles: STAFF_ROLES.map((key) => ({ key, name: ROLE_NAMES[key], permissions: [...MATRIX[key]] })),
    };
  });

  const base = '/v1/programs/:program_id/staff';
  app.get(base, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'Staff accounts', params: zProgramParams, response: { 200: z.object({ items: z.array(ZStaff) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'staff.manage');
    return { items: await staff.list(req.params.program_id) };
  });
  app.post(base, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'Create a staff account (without a password: a temporary one, shown once)', params: zProgramParams, body: ZStaffCreate, response: { 201: ZStaffCreated, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'staff.manage');
    return reply.code(201).send(orProblem(await staff.create(req.params.program_id, req.body)));
  });
  app.get(`${base}/:staff_id`, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'A staff account', params: ZStaffParams, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'staff.manage');
    return orProblem(await staff.get(req.params.program_id, req.params.staff_id));
  });
  app.patch(`${base}/:staff_id`, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'Change a staff account\'s name, role or store, or disable it (its sessions end)', params: ZStaffParams, body: ZStaffUpdate, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'staff.manage');
    return orProblem(await staff.update(req.params.program_id, req.params.staff_id, req.body, actor));
  });
  app.post(`${base}/:staff_id/reset-password`, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'Reset a password: a temporary one, shown once, to be changed at the next sign-in; unlocks the account and ends its sessions', params: ZStaffParams, response: { 200: ZPasswordReset, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'staff.manage');
    return orProblem(await staff.resetPassword(req.params.program_id, req.params.staff_id));
  });
  app.post(`${base}/:staff_id/unlock`, {
    config: { permission: 'staff.manage' },
    schema: { tags, summary: 'Unlock an account locked by wrong passwords', params: ZStaffParams, response: { 200: ZStaff, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'staff.manage');
    return orProblem(await staff.unlock(req.params.program_id, req.params.staff_id));
  });
}
