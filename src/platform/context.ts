import type { Db, DbKind } from '../db/database.ts';
import type { Vault } from './crypto.ts';
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

/** Who is calling: the API key's identity, or a CLI/job actor. */
export interface Principal {
  keyId: string;
  name: string;
  role: 'bootstrap' | 'admin' | 'pos';
  programId: string | null;
  storeId: string | null;
}

export const SYSTEM: Principal = { keyId: 'system', name: 'system', role: 'bootstrap', programId: null, storeId: null };
