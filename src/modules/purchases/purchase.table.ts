import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TBreakdownItem } from '../points/index.ts';

export interface PurchaseLine {
  sku: string;
  category?: string | null;
  quantity: number;
  amount_fen: number;
  /** the discount given on the line; earns only when the program earns before discounts */
  discount_fen?: number;
  returned_quantity?: number;
}

export interface PurchaseTable {
  program_id: string;
  member_id: string;
  id: string;
  store_id: string;
  receipt_no: string | null;
  amount_fen: number;
  returned_fen: Generated<number>;
  lines: PurchaseLine[] | null;
  occurred_at: Date;
  points_earned: number;
  points_reversed: Generated<number>;
  lot_id: string | null;
  idempotency_key: string;
  request_hash: string;
  actor: string | null;
  /** which rule, version and line each point came from, asked and granted */
  breakdown: ColumnType<TBreakdownItem[] | null, string | null | undefined, never>;
  created_at: Generated<Date>;
}

export interface ReturnTable {
  program_id: string;
  member_id: string;
  id: string;
  purchase_id: string;
  store_id: string | null;
  amount_fen: number;
  lines: { sku: string; quantity: number }[] | null;
  points_reversed: number;
  points_unrecovered: Generated<number>;
  occurred_at: Date;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface PurchaseTables {
  purchases: PurchaseTable;
  returns: ReturnTable;
}
export type PurchaseRow = Selectable<PurchaseTable>;
