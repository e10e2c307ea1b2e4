import type { ColumnType, Selectable } from 'kysely';

type Json = ColumnType<unknown, string | null, string | null>;

/** One audit record; `hash` = sha256 of its canonical content and `prev_hash` (audit.chain.ts). */
export interface AuditLogTable {
  chain: string;
  seq: number;
  id: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  ip: string | null;
  user_agent: string | null;
  action: string;
  summary: string;
  entity: string;
  entity_id: string | null;
  status: number | null;
  request: Json;
  before: Json;
  after: Json;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
}
export type AuditRow = Selectable<AuditLogTable>;
