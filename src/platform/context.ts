import type { Db, DbKind } from '../db/database.ts';
import type { Vault } from './crypto.ts';

/** What every service needs: the database handle and the vault for personal data. */
export interface Ctx {
  db: Db;
  kind: DbKind;
  vault: Vault;
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
