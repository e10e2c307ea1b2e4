import type { ColumnType, Generated, Selectable } from 'kysely';


export type CampaignKind = 'rules' | 'award';
export type CampaignStatus = 'draft' | 'active' | 'ended' | 'cancelled';

export interface CampaignTable {
  program_id: string;
  id: string;
  name: string;
  name_en: string | null;
  description: string | null;
  starts_at: Date;
  ends_at: Date;
  /** null: every member of the program */
  segment_id: string | null;
  kind: CampaignKind;
  award_points: number | null;
  /** kind award: a coupon type issued to each member awarded, besides the points */
  coupon_type_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** null: no budget */
  budget_points: number | null;
  per_member_limit: number | null;
  holdout_pct: Generated<number>;
  holdout_salt: string;
  status: Generated<CampaignStatus>;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/**
 * A campaign's budget in slices (migration 015): a purchase spends from its member's slice,
 * so concurrent purchases do not queue on one row. Σ(used + room) = budget_points; room is
 * null in every slice when there is no budget.
 */
export interface CampaignBudgetSliceTable {
  program_id: string;
  campaign_id: string;
  slice: number;
  used: Generated<number>;
  room: number | null;
}

export interface CampaignMemberPointsTable {
  program_id: string;
  member_id: string;
  campaign_id: string;
  points: number;
}

export interface CampaignAwardTable {
  program_id: string;
  campaign_id: string;
  member_id: string;
  points: number;
  entry_id: string | null;
  job_id: string | null;
  created_at: Generated<Date>;
}

export interface CampaignAwardJobTable {
  program_id: string;
  id: string;
  campaign_id: string;
  status: 'running' | 'done' | 'failed';
  total: Generated<number>;
  done: Generated<number>;
  awarded: Generated<number>;
  skipped: Generated<number>;
  points: Generated<number>;
  stop_reason: string | null;
  error: string | null;
  actor: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BirthdayGreetingTable {
  program_id: string;
  member_id: string;
  year: number;
  sent_on: ColumnType<string, string, string>;
  created_at: Generated<Date>;
}

export interface CampaignTables {
  campaigns: CampaignTable;
  campaign_budget_slices: CampaignBudgetSliceTable;
  campaign_member_points: CampaignMemberPointsTable;
  campaign_awards: CampaignAwardTable;
  campaign_award_jobs: CampaignAwardJobTable;
  birthday_greetings: BirthdayGreetingTable;
}
export type CampaignRow = Selectable<CampaignTable>;
export type AwardJobRow = Selectable<CampaignAwardJobTable>;
