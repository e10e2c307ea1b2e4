import { sql } from 'kysely';
import type { Ctx, Principal } from '../../platform/context.ts';
import { conflict, forbidden, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { StaffRole } from '../../platform/permissions.ts';
import type { StoreService } from '../stores/index.ts';
import { base32Decode, hashPassword, newTotpSecret, otpauthUri, temporaryPassword, verifyPassword, verifyTotp } from './staff.crypto.ts';
import { STAFF_MESSAGES as MSG } from './staff.errors.ts';
import type { TStaff, TStaffCreate, TStaffUpdate } from './staff.schema.ts';
import { staffSessions } from './staff.sessions.ts';
import type { StaffRow } from './staff.table.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
export const toStaff = (r: StaffRow): TStaff => ({
  id: r.id, username: r.username, display_name: r.display_name, email: r.email, role: r.role, store_id: r.store_id,
  totp_enabled: r.totp_enabled, must_change_password: r.must_change_password, locked_until: iso(r.locked_until),
  failed_attempts: r.failed_attempts, disabled_at: iso(r.disabled_at), last_sign_in_at: iso(r.last_sign_in_at), created_at: r.created_at.toISOString(),
});

export function staffService(ctx: Ctx, deps: { stores: StoreService }) {
  const sessions = staffSessions(ctx);

  async function find(programId: string, id: string) {
    return ctx.db.selectFrom('staff').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
  }
  async function usernameTaken(programId: string, username: string) {
    return (await ctx.db.selectFrom('staff').select('id').where('program_id', '=', programId)
      .where(sql<boolean>`lower(username) = lower(${username})`).executeTakeFirst()) !== undefined;
  }
  /** Store staff need a store of the program; the others may have one (a manager's home store) or none. */
  async function checkStore(programId: string, role: string, storeId: string | null): Promise<Result<null>> {
    if (role === 'store_staff' && !storeId) return validation('store_id', MSG.store_required());
    if (storeId && !(await deps.stores.exists(programId, storeId))) return notFound('store', 'store_id');
    return null;
  }
  async function patch(programId: string, id: string, set: Record<string, unknown>) {
    const row = await ctx.db.updateTable('staff').set({ ...set, updated_at: new Date() })
      .where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirst();
    return row ?? notFound('staff', 'staff_id');
  }
  const self = (actor: Principal): Result<string> => actor.staffId ?? forbidden(MSG.staff_only());

  return {
    sessions,

    async create(programId: string, input: TStaffCreate) {
      const store = await checkStore(programId, input.role, input.store_id ?? null);
      if (store) return store;
      if (await usernameTaken(programId, input.username)) return conflict(MSG.username_taken({ username: input.username }), 'username');
      const temporary = input.password ? null : temporaryPassword();
      const row = await ctx.db.insertInto('staff').values({
        program_id: programId, id: newId('stf'), username: input.username, display_name: input.display_name, email: input.email ?? null, role: input.role,
        store_id: input.store_id ?? null, password_hash: await hashPassword(input.password ?? temporary!), must_change_password: temporary !== null,
      }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      // a simultaneous create of the same username lost the race on the unique index
      if (!row) return conflict(MSG.username_taken({ username: input.username }), 'username');
      return { ...toStaff(row), temporary_password: temporary };
    },
    async list(programId: string) {
      const rows = await ctx.db.selectFrom('staff').selectAll().where('program_id', '=', programId).orderBy('username').execute();
      return rows.map(toStaff);
    },
    /**
     * Active accounts (not disabled) with one of these roles, of one store when storeId is
     * given, ordered by id: the service desk routes cases among them in this stable order.
     */
    async active(programId: string, roles: readonly StaffRole[], storeId?: string) {
      if (!roles.length) return [];
      let q = ctx.db.selectFrom('staff').select(['id', 'display_name', 'role', 'store_id']).where('program_id', '=', programId)
        .where('role', 'in', [...roles]).where('disabled_at', 'is', null);
      if (storeId !== undefined) q = q.where('store_id', '=', storeId);
      return q.orderBy('id').execute();
    },
    async get(programId: string, id: string): Promise<Result<TStaff>> {
      const row = await find(programId, id);
      return row ? toStaff(row) : notFound('staff', 'staff_id');
    },
    async update(programId: string, id: string, input: TStaffUpdate, actor: Principal): Promise<Result<TStaff>> {
      const row = await find(programId, id);
      if (!row) return notFound('staff', 'staff_id');
      // an administrator who demotes or disables themself may leave the program with none
      if (actor.staffId === id && ((input.role && input.role !== row.role) || input.disabled)) return validation(input.disabled ? 'disabled' : 'role', MSG.disabled_self());
      const role = input.role ?? row.role;
      const storeId = input.store_id !== undefined ? input.store_id : row.store_id;
      const store = await checkStore(programId, role, storeId);
      if (store) return store;
      const set: Record<string, unknown> = { role, store_id: storeId };
      if (input.display_name) set.display_name = input.display_name;
      if (input.email !== undefined) set.email = input.email;
      if (input.disabled !== undefined) set.disabled_at = input.disabled ? (row.disabled_at ?? new Date()) : null;
      const updated = await patch(programId, id, set);
      if (input.disabled) await sessions.revokeAll(id);
      return 'id' in updated ? toStaff(updated) : updated;
    },
    /** A one-time temporary password; the account must choose its own at the next sign-in. Also unlocks it and ends its sessions. */
    async resetPassword(programId: string, id: string) {
      const temporary = temporaryPassword();
      const row = await patch(programId, id, { password_hash: await hashPassword(temporary), must_change_password: true, failed_attempts: 0, locked_until: null });
      if (!('id' in row)) return row;
      await sessions.revokeAll(id);
      return { temporary_password: temporary };
    },
    async unlock(programId: string, id: string): Promise<Result<TStaff>> {
      const row = await patch(programId, id, { failed_attempts: 0, locked_until: null });
      return 'id' in row ? toStaff(row) : row;
    },
    /** Names and e-mail addresses of these accounts (active or not), by id: whom an alert reaches. */
    async contacts(programId: string, ids: readonly string[]) {
      if (!ids.length) return new Map<string, { display_name: string; email: string | null; active: boolean }>();
      const rows = await ctx.db.selectFrom('staff').select(['id', 'display_name', 'email', 'disabled_at']).where('program_id', '=', programId).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, { display_name: r.display_name, email: r.disabled_at ? null : r.email, active: r.disabled_at === null }]));
    },
    /** Display names of these accounts of the program (disabled ones too: they still did what they did), by id; one query. */
    async names(programId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('staff').select(['id', 'display_name']).where('program_id', '=', programId).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },
    /** The program's active administrators (an escalation's last resort). */
    async activeAdmins(programId: string): Promise<string[]> {
      const rows = await ctx.db.selectFrom('staff').select('id').where('program_id', '=', programId).where('role', '=', 'admin').where('disabled_at', 'is', null).orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async byId(id: string) {
      return ctx.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The signed-in member of staff's own account; an API key has none. */
    async own(actor: Principal): Promise<Result<TStaff>> {
      const id = self(actor);
      if (typeof id !== 'string') return id;
      return toStaff((await this.byId(id))!);
    },
    /** The signed-in member of staff changes their own password; their other sessions end. */
    async changePassword(actor: Principal, current: string, next: string, keepToken?: string): Promise<Result<TStaff>> {
      const id = self(actor);
      if (typeof id !== 'string') return id;
      const row = (await this.byId(id))!;
      if (!(await verifyPassword(current, row.password_hash))) return validation('current_password', MSG.current_wrong());
      if (current === next) return validation('new_password', MSG.same_password());
      const updated = await patch(row.program_id, id, { password_hash: await hashPassword(next), must_change_password: false });
      await sessions.revokeAll(id, keepToken);
      return 'id' in updated ? toStaff(updated) : updated;
    },
    /** Starts TOTP enrolment: a new secret (sealed by the vault), not in force until a code confirms it. */
    async totpEnrol(actor: Principal) {
      const id = self(actor);
      if (typeof id !== 'string') return id;
      const row = (await this.byId(id))!;
      if (row.totp_enabled) return conflict(MSG.totp_already());
      const secret = newTotpSecret();
      await patch(row.program_id, id, { totp_secret_enc: ctx.vault.encrypt(secret) });
      return { secret, otpauth_uri: otpauthUri(secret, row.username) };
    },
    async totpConfirm(actor: Principal, code: string, now = new Date()): Promise<Result<TStaff>> {
      const id = self(actor);
      if (typeof id !== 'string') return id;
      const row = (await this.byId(id))!;
      if (row.totp_enabled) return conflict(MSG.totp_already());
      if (!row.totp_secret_enc) return conflict(MSG.totp_not_enrolled());
      const step = verifyTotp(base32Decode(ctx.vault.decrypt(row.totp_secret_enc)), code, now);
      if (step === null) return validation('totp', MSG.totp_wrong());
      // the confirming code is spent: it does not sign in a second time
      const updated = await patch(row.program_id, id, { totp_enabled: true, totp_last_step: step });
      return 'id' in updated ? toStaff(updated) : updated;
    },
    /** Turns the second factor off, with the password: a session left open should not be enough. */
    async totpDisable(actor: Principal, password: string): Promise<Result<TStaff>> {
      const id = self(actor);
      if (typeof id !== 'string') return id;
      const row = (await this.byId(id))!;
      if (!row.totp_enabled) return conflict(MSG.totp_off());
      if (!(await verifyPassword(password, row.password_hash))) return validation('password', MSG.current_wrong());
      const updated = await patch(row.program_id, id, { totp_enabled: false, totp_secret_enc: null, totp_last_step: null });
      return 'id' in updated ? toStaff(updated) : updated;
    },
  };
}
export type StaffService = ReturnType<typeof staffService>;
