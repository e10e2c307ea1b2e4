import type { ColumnType, Generated, Selectable } from 'kysely';

export type EntryKind = 'earn' | 'return' | 'redeem' | 'adjust' | 'expire';
export type Direction = 'credit' | 'debit';

export interface PointBalanceTable {
  program_id: string;
  member_id: string;
  available: Generated<number>;
  pending: Generated<number>;
  lifetime_earned: Generated<number>;
  spent: Generated<number>;
  expired: Generated<number>;
  reversed: Generated<number>;
  next_release_at: Date | null;
  version: Generated<string>;
  /** Never later than the earliest expiry day of the member's open lots (003 migration). */
  next_expiry_on: string | null;
  updated_at: Generated<Date>;
}

export interface PointLotTable {
  program_id: string;
  member_id: string;
  id: string;
  source: 'purchase' | 'adjustment';
  points: number;
  remaining: number;
  pending: boolean;
  available_at: Date;
  expires_on: string | null;
  expires_at: Date | null;
  purchase_id: string | null;
  notice_sent_at: Date | null;
  closed_reason: 'spent' | 'expired' | 'reversed' | null;
  /** When the points were earned: the purchase's time, or the adjustment's (005). */
  earned_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface LedgerEntryTable {
  program_id: string;
  member_id: string;
  id: string;
  kind: EntryKind;
  direction: Direction;
  points: number;
  reason_code: string | null;
  note: string | null;
  purchase_id: string | null;
  return_id: string | null;
  redemption_id: string | null;
  lot_id: string | null;
  store_id: string | null;
  actor: string | null;
  occurred_at: Generated<Date>;
  created_at: Generated<Date>;
  breakdown: ColumnType<unknown, string | null | undefined, never>;
}

export interface LotDrawTable {
  program_id: string;
  member_id: string;
  entry_id: string;
  lot_id: string;
  points: number;
}

/** Which lots a credit gave points back to (a cancelled redemption, 011): the mirror of lot_draws. */
export interface LotRestoreTable {
  program_id: string;
  member_id: string;
  entry_id: string;
  lot_id: string;
  points: number;
}

export interface RedemptionTable {
  program_id: string;
  member_id: string;
  id: string;
  points: number;
  description: string | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface PointsTables {
  point_balances: PointBalanceTable;
  point_lots: PointLotTable;
  ledger_entries: LedgerEntryTable;
  lot_draws: LotDrawTable;
  lot_restores: LotRestoreTable;
  redemptions: RedemptionTable;
}
export type BalanceRow = Selectable<PointBalanceTable>;
export type LotRow = Selectable<PointLotTable>;
