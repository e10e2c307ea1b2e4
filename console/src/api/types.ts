// Shapes of docs/api.md, v1. Money is integer fen, points are integers.

export type Role = 'bootstrap' | 'admin' | 'pos';

export interface Me {
  key_id: string;
  name: string;
  role: Role;
  program_id: string | null;
  store_id: string | null;
}

export interface Program {
  id: string;
  name: string;
  time_zone: string;
  currency: string;
  earn_rate: { points: number; per_fen: number };
  pending_days: number;
}

export interface Store {
  id: string;
  code: string;
  name: string;
  address?: string | null;
}

export type MemberStatus = 'active' | 'suspended' | 'terminated';
export type Gender = 'male' | 'female' | 'unknown';

export interface Member {
  id: string;
  member_no: string;
  phone: string;
  email: string | null;
  name: string | null;
  gender: Gender | null;
  birthday: string | null;
  id_number: string | null;
  status: MemberStatus;
  status_reason: string | null;
  tier: { id: string; code: string; name: string } | null;
  created_at: string;
  updated_at: string;
}

export interface Balance {
  member_id: string;
  available: number;
  pending: number;
  expiring_soon: { within_days: number; points: number; by_date: { date: string; points: number }[] };
  lifetime_earned: number;
  spent: number;
  expired: number;
  reversed: number;
  as_of: string;
}

export type LotState = 'pending' | 'available' | 'spent' | 'expired' | 'reversed';

export interface Lot {
  id: string;
  source: string;
  points: number;
  remaining: number;
  state: LotState;
  available_at: string | null;
  expires_on: string | null;
  purchase_id: string | null;
  earned_at: string;
  created_at: string;
}

export type EntryKind = 'earn' | 'return' | 'redeem' | 'adjust' | 'expire';

export interface StatementEntry {
  id: string;
  kind: EntryKind;
  direction: 'credit' | 'debit';
  points: number;
  reason_code: string | null;
  note: string | null;
  purchase_id: string | null;
  return_id: string | null;
  redemption_id: string | null;
  store_id: string | null;
  actor: string | null;
  /** when it happened (a purchase's till time); created_at is when it was booked */
  occurred_at: string;
  created_at: string;
}

export interface Purchase {
  id: string;
  member_id: string;
  store_id: string;
  amount_fen: number;
  occurred_at: string;
  receipt_no?: string | null;
  points_earned: number;
  points_state: 'pending' | 'available';
  available_at: string | null;
  expires_on: string | null;
}

export interface ReturnResult {
  id: string;
  purchase_id: string;
  member_id: string;
  amount_fen: number;
  points_reversed: number;
  points_unrecovered: number;
}

export interface Redemption {
  id: string;
  member_id: string;
  points: number;
  balance_after: number;
  created_at: string;
}

export type ReasonCode = 'goodwill' | 'correction' | 'service_recovery' | 'migration' | 'other';

export interface Adjustment {
  id: string;
  member_id: string;
  direction: 'credit' | 'debit';
  points: number;
  balance_after: number;
  created_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** RFC 9457 problem details as Patron sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  field?: string;
  errors?: { field: string; message: string }[];
}
