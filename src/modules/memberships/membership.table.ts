import type { ColumnType, Generated, Selectable } from 'kysely';

export type PlanKind = 'individual' | 'corporate';
export type MembershipStatus = 'active' | 'expired' | 'ended';
export type PaymentMethod = 'bank_transfer' | 'cash' | 'other';
type DateCol = ColumnType<string, string, string>;

export interface MembershipPlanTable {
  program_id: string;
  id: string;
  kind: PlanKind;
  name: string;
  name_en: string | null;
  annual_fee_fen: number | null;
  term_months: number;
  max_seats: number;
  tier_id: string | null;
  earn_multiplier_pct: number;
  account_manager: boolean;
  refund_policy: 'pro_rata' | 'none';
  active: Generated<boolean>;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipTable {
  program_id: string;
  id: string;
  plan_id: string;
  kind: PlanKind;
  company_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  fee_fen: number;
  account_manager: string | null;
  starts_on: DateCol;
  ends_on: DateCol;
  status: Generated<MembershipStatus>;
  ended_at: Date | null;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipSeatTable {
  program_id: string;
  member_id: string;
  id: string;
  membership_id: string;
  added_at: Date;
  removed_at: Date | null;
  removed_reason: string | null;
  floor_id: string | null;
}

export interface MembershipPaymentTable {
  program_id: string;
  id: string;
  membership_id: string;
  kind: 'start' | 'renewal';
  method: PaymentMethod;
  amount_fen: number;
  paid_on: DateCol;
  receipt_no: string;
  covers_from: DateCol;
  covers_to: DateCol;
  note: string | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface MembershipRefundTable {
  program_id: string;
  id: string;
  membership_id: string;
  amount_fen: number;
  method: PaymentMethod;
  reference: string | null;
  ended_on: DateCol;
  remaining_days: number;
  term_days: number;
  fee_fen: number;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface MembershipNoticeTable {
  program_id: string;
  membership_id: string;
  ends_on: DateCol;
  days: number;
  sent_at: Generated<Date>;
}

export interface MembershipTables {
  membership_plans: MembershipPlanTable;
  memberships: MembershipTable;
  membership_seats: MembershipSeatTable;
  membership_payments: MembershipPaymentTable;
  membership_refunds: MembershipRefundTable;
  membership_notices: MembershipNoticeTable;
}
export type PlanRow = Selectable<MembershipPlanTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type SeatRow = Selectable<MembershipSeatTable>;
export type PaymentRow = Selectable<MembershipPaymentTable>;
export type RefundRow = Selectable<MembershipRefundTable>;
