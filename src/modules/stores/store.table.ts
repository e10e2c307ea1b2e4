import type { Generated, Selectable } from 'kysely';

export interface StoreTable {
  program_id: string;
  id: string;
  code: string;
  name: string;
  address: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface StoreTables {
  stores: StoreTable;
}
export type StoreRow = Selectable<StoreTable>;
