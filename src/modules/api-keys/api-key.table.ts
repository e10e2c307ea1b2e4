import type { Generated, Selectable } from 'kysely';

export type Role = 'bootstrap' | 'admin' | 'pos';

export interface ApiKeyTable {
  id: string;
  program_id: string | null;
  store_id: string | null;
  name: string;
  role: Role;
  key_hash: string;
  key_prefix: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}
export interface ApiKeyTables {
  api_keys: ApiKeyTable;
}
export type ApiKeyRow = Selectable<ApiKeyTable>;
