import type { ColumnType, Generated, Selectable } from 'kysely';

export const SUGGESTION_STATUSES = ['new', 'under_review', 'adopted', 'declined', 'duplicate'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
/** A member's channels as the service desk records them, and `staff` for staff's own. */
export const SUGGESTION_CHANNELS = ['phone', 'sms', 'email', 'portal', 'wechat', 'store', 'staff'] as const;
export type SuggestionChannel = (typeof SUGGESTION_CHANNELS)[number];
export type SupportVia = 'support' | 'merged' | 'merged_author';

export interface SuggestionCategoryTable {
  program_id: string;
  id: string;
  name: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SuggestionTable {
  program_id: string;
  id: string;
  title: string;
  body: string;
  category_id: string;
  store_id: string | null;
  channel: SuggestionChannel;
  member_id: string | null;
  staff_id: string | null;
  recorded_by: string;
  status: Generated<SuggestionStatus>;
  support_count: Generated<number>;
  merged_into: string | null;
  decline_reason: string | null;
  decision_note: string | null;
  reward_points: number | null;
  submitted_at: Date;
  review_started_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SuggestionSupporterTable {
  program_id: string;
  suggestion_id: string;
  member_id: string;
  via: Generated<SupportVia>;
  supported_at: Generated<Date>;
}

export interface SuggestionHistoryTable {
  program_id: string;
  id: Generated<string>;
  suggestion_id: string;
  kind: string;
  actor: string;
  at: Date;
  detail: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface SuggestionTables {
  suggestion_categories: SuggestionCategoryTable;
  suggestions: SuggestionTable;
  suggestion_supporters: SuggestionSupporterTable;
  suggestion_history: SuggestionHistoryTable;
}
export type SuggestionRow = Selectable<SuggestionTable>;
export type CategoryRow = Selectable<SuggestionCategoryTable>;
