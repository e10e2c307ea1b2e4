import type { ColumnType, Generated, Selectable } from 'kysely';

export type ReferralStatus = 'pending' | 'blocked' | 'released' | 'rewarded' | 'void';
export type BlockReason = 'same_phone' | 'same_resident_id' | 'same_device' | 'same_payment_account' | 'monthly_cap' | 'burst';
export type VoidReason = 'returned' | 'below_minimum';
export type SignalKind = 'phone' | 'resident_id' | 'device' | 'payment_account';

export interface ReferralCodeTable {
  program_id: string;
  member_id: string;
  code: string;
  created_at: Generated<Date>;
}

export interface ReferralTable {
  program_id: string;
  id: string;
  referrer_id: string;
  friend_id: string;
  code: string;
  status: ReferralStatus;
  block_reason: BlockReason | null;
  released_by: string | null;
  release_reason: string | null;
  released_at: Date | null;
  purchase_id: string | null;
  void_reason: VoidReason | null;
  referrer_points: number | null;
  friend_points: number | null;
  judged_at: Date | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface ReferralSignalTable {
  program_id: string;
  member_id: string;
  kind: SignalKind;
  value_hash: string;
  created_at: Generated<Date>;
}

export interface ReferralSettingsTable {
  program_id: string;
  share_base_url: string | null;
  monthly_cap: number | null;
  burst_count: Generated<number>;
  burst_minutes: Generated<number>;
  min_purchase_fen: ColumnType<number, number | undefined, number>;
  actor: string | null;
  updated_at: Generated<Date>;
}

export interface ReferralTables {
  referral_codes: ReferralCodeTable;
  referrals: ReferralTable;
  referral_signals: ReferralSignalTable;
  referral_settings: ReferralSettingsTable;
}
export type ReferralRow = Selectable<ReferralTable>;
