import type { Db, DbKind } from '../db/database.ts';
import type { Vault } from './crypto.ts';
import type { Role } from './permissions.ts';
import { current } from './transaction.ts';

/** What every service needs: the database handle and the vault for personal data. */
export interface Ctx {
  /** The transaction open in this call chain (platform/transaction.ts), else the database. */
  readonly db: Db;
  /** The database itself, never a transaction: for work that must run outside one. */
  readonly root: Db;
  readonly kind: DbKind;
  readonly vault: Vault;
}

export function createCtx(root: Db, kind: DbKind, vault: Vault): Ctx {
  return {
    root, kind, vault,
    get db() {
      return current(root) as Db;
    },
  };
}

/** Who is calling: an API key, a signed-in staff member, or a CLI/job actor. */
export interface Principal {
  /** The API key's id, or the staff account's id when staffId is set (what the audit log names). */
  keyId: string;
  name: string;
  role: Role;
  /** Set when a person signed in to the console (a staff session), not a machine key. */
  staffId?: string;
  /** A staff member whose password was reset: only /v1/me, sign-out and the password change answer until they choose one. */
  mustChangePassword?: boolean;
  programId: string | null;
  storeId: string | null;
}

export const SYSTEM: Principal = { keyId: 'system', name: 'system', role: 'bootstrap', programId: null, storeId: null };
/**
 * Actor ids written by no person and no key: jobs and flows acting as SYSTEM ('system'), the
 * command line (cli.ts's audit actor 'cli') and its CSV import (imports/import.ts 'cli-import').
 * The console names them all 系统 / System (workflows/name-actors.ts).
 */
export const SYSTEM_ACTOR_IDS: readonly string[] = ['system', 'cli', 'cli-import'];
