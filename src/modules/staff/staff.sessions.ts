import { sql } from 'kysely';
import type { Ctx, Principal } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { type Result } from '../../platform/errors.ts';
import { staffFailure, STAFF_MESSAGES as MSG } from './staff.errors.ts';
import { base32Decode, DUMMY_HASH, verifyPassword, verifyTotp } from './staff.crypto.ts';
import { slidingWindow, type Window } from '../../platform/limiter.ts';
import type { TSignIn } from './staff.schema.ts';
import type { StaffRow } from './staff.table.ts';

/** Five wrong passwords in a row lock the account for 15 minutes (or until an administrator unlocks it). */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_MS = 60_000;

export interface SessionPolicy {
  /** A session unused this long ends (default 30 minutes). */
  idleMs: number;
  /** A session ends this long after sign-in, however busy (default 12 hours). */
  maxMs: number;
  /** Failed sign-ins allowed per client address and per username in a window. */
  perIp: Window;
  perUsername: Window;
}
export const DEFAULT_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000, maxMs: 12 * 3_600_000,
  perIp: { max: 20, ms: 10 * 60_000 }, perUsername: { max: 10, ms: 10 * 60_000 },
};

export interface Session {
  principal: Principal;
  /** The SHA-256 digest of the session's CSRF token (checked on every unsafe request). */
  csrfHash: string;
  mustChangePassword: boolean;
}

export const principalOfStaff = (s: Pick<StaffRow, 'id' | 'display_name' | 'role' | 'program_id' | 'store_id'>): Principal => ({
  keyId: s.id, staffId: s.id, name: s.display_name, role: s.role, programId: s.program_id, storeId: s.store_id,
});

export function staffSessions(ctx: Ctx) {
  let policy = DEFAULT_POLICY;
  let byIp = slidingWindow(policy.perIp);
  let byUser = slidingWindow(policy.perUsername);

  /** Counts a wrong password or code in one statement, so simultaneous attempts all count; locks at the fifth. */
  async function fail(id: string, now: Date) {
    const until = new Date(now.getTime() + LOCK_MS);
    const expired = sql`(locked_until IS NOT NULL AND locked_until <= ${now}::timestamptz)`;
    const next = sql`(CASE WHEN ${expired} THEN 1 ELSE failed_attempts + 1 END)`;
    const r = await sql<{ failed_attempts: number; locked_until: Date | null }>`
      UPDATE staff SET failed_attempts = ${next},
        locked_until = CASE WHEN ${next} >= ${MAX_FAILURES} THEN ${until}::timestamptz WHEN ${expired} THEN NULL ELSE locked_until END,
        updated_at = ${now}::timestamptz
      WHERE id = ${id} RETURNING failed_attempts, locked_until`.execute(ctx.db);
    return r.rows[0]!;
  }

  const lockedFor = (until: Date, now: Date) => {
    const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
    return staffFailure('account_locked', MSG.locked({ minutes: Math.ceil(seconds / 60) }), { extra: { retry_after: seconds } });
  };

  async function candidate(input: TSignIn): Promise<StaffRow | undefined> {
    let q = ctx.db.selectFrom('staff').selectAll().where(sql<boolean>`lower(username) = lower(${input.username})`);
    if (input.program) q = q.where('program_id', '=', input.program);
    const rows = await q.limit(2).execute();
    // the same username in two programs, and no program named: no one is signed in
    return rows.length === 1 ? rows[0] : undefined;
  }

  return {
    configure(p: Partial<SessionPolicy>) {
      policy = { ...policy, ...p };
      byIp = slidingWindow(policy.perIp);
      byUser = slidingWindow(policy.perUsername);
    },
    get policy() {
      return policy;
    },

    /** Checks username, password and (when enabled) the TOTP code; opens a session. */
    async signIn(input: TSignIn, client: { ip: string; userAgent: string | null }, now = new Date()): Promise<Result<{ token: string; csrf: string; staff: StaffRow }>> {
      const userKey = `${input.program ?? '*'}:${input.username.toLowerCase()}`;
      const wait = Math.max(byIp.retryAfter(client.ip, now.getTime()), byUser.retryAfter(userKey, now.getTime()));
      if (wait > 0) return staffFailure('too_many_attempts', MSG.too_many({ seconds: wait }), { extra: { retry_after: wait } });
      const refused = (err = staffFailure('sign_in_failed', MSG.sign_in_failed())) => {
        byIp.hit(client.ip, now.getTime());
        byUser.hit(userKey, now.getTime());
        return err;
      };

      const row = await candidate(input);
      if (!row || row.disabled_at) {
        await verifyPassword(input.password, DUMMY_HASH); // as slow as a real check: the answer's timing names no username
        return refused();
      }
      if (row.locked_until && row.locked_until > now) return refused(lockedFor(row.locked_until, now));
      if (!(await verifyPassword(input.password, row.password_hash))) {
        const after = await fail(row.id, now);
        return refused(after.locked_until && after.locked_until > now ? lockedFor(after.locked_until, now) : undefined);
      }
      const wrongCode = async () => {
        const after = await fail(row.id, now);
        return refused(after.locked_until && after.locked_until > now ? lockedFor(after.locked_until, now) : staffFailure('sign_in_failed', MSG.totp_wrong(), { field: 'totp' }));
      };
      let step: number | null = null;
      if (row.totp_enabled) {
        // the password was right: asking for the code is not a failure
        if (!input.totp) return staffFailure('totp_required', MSG.totp_required(), { field: 'totp', extra: { totp_required: true } });
        step = verifyTotp(base32Decode(ctx.vault.decrypt(row.totp_secret_enc!)), input.totp, now);
        if (step === null) return wrongCode();
      }
      // a code is accepted once: the step moves forward in the same statement, so of two sign-ins
      // with one code (a replay, or two at once) only one passes
      const staff = await ctx.db.updateTable('staff').set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now, updated_at: now, ...(step === null ? {} : { totp_last_step: step }) })
        .where('id', '=', row.id)
        .$if(step !== null, (q) => q.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step!)])))
        .returningAll().executeTakeFirst();
      if (!staff) return wrongCode();
      byUser.clear(userKey);
      const token = randomToken(32);
      const csrf = randomToken(24);
      await ctx.db.insertInto('staff_sessions').values({
        token_hash: sha256(token), csrf_hash: sha256(csrf), program_id: row.program_id, staff_id: row.id,
        created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + policy.maxMs), ip: client.ip, user_agent: client.userAgent?.slice(0, 300) ?? null,
      }).execute();
      return { token, csrf, staff };
    },

    /** The session a cookie's token opens, or null: unknown, revoked, idle too long, past its end, or its account disabled. */
    async authenticate(token: string, now = new Date()): Promise<Session | null> {
      const hash = sha256(token);
      const row = await ctx.db.selectFrom('staff_sessions as ss').innerJoin('staff as s', 's.id', 'ss.staff_id')
        .select(['ss.csrf_hash', 'ss.last_seen_at', 'ss.expires_at', 's.id', 's.display_name', 's.role', 's.program_id', 's.store_id', 's.disabled_at', 's.must_change_password'])
        .where('ss.token_hash', '=', hash).where('ss.revoked_at', 'is', null).executeTakeFirst();
      if (!row || row.disabled_at) return null;
      const idle = now.getTime() - row.last_seen_at.getTime();
      if (row.expires_at <= now || idle > policy.idleMs) {
        await ctx.db.updateTable('staff_sessions').set({ revoked_at: now }).where('token_hash', '=', hash).where('revoked_at', 'is', null).execute();
        return null;
      }
      if (idle > TOUCH_MS) await ctx.db.updateTable('staff_sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
      return { principal: principalOfStaff(row), csrfHash: row.csrf_hash, mustChangePassword: row.must_change_password };
    },

    async signOut(token: string, now = new Date()) {
      await ctx.db.updateTable('staff_sessions').set({ revoked_at: now }).where('token_hash', '=', sha256(token)).where('revoked_at', 'is', null).execute();
    },

    /** Ends every open session of an account (disabled, password reset or changed), but the one kept. */
    async revokeAll(staffId: string, keepToken?: string, now = new Date()) {
      let q = ctx.db.updateTable('staff_sessions').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null);
      if (keepToken) q = q.where('token_hash', '!=', sha256(keepToken));
      await q.execute();
    },
  };
}
export type StaffSessions = ReturnType<typeof staffSessions>;
