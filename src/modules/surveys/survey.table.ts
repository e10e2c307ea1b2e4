import type { ColumnType, Generated, Selectable } from 'kysely';

export type SurveyKind = 'csat' | 'nps' | 'custom';
export type QuestionType = 'rating' | 'single' | 'multiple' | 'text';
export interface Question {
  id: string;
  type: QuestionType;
  label: string;
  required: boolean;
  /** rating: the scale's ends (CSAT 1–5, NPS 0–10) */
  min?: number | undefined;
  max?: number | undefined;
  /** single / multiple choice */
  options?: string[] | undefined;
}
export type AnswerValue = number | string | string[];
type Json<T> = ColumnType<T, string, string>;

export interface SurveyTable {
  program_id: string;
  id: string;
  kind: SurveyKind;
  title: string;
  intro: Generated<string>;
  questions: Json<Question[]>;
  status: Generated<'draft' | 'active' | 'closed'>;
  link_days: Generated<number>;
  sample_size: number | null;
  every_days: number | null;
  recontact_days: number | null;
  last_round_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyInvitationTable {
  program_id: string;
  id: string;
  survey_id: string;
  kind: SurveyKind;
  member_id: string;
  occasion: string;
  token_hash: string | null;
  status: 'sent' | 'answered' | 'skipped';
  reason: string | null;
  case_id: string | null;
  case_number: string | null;
  campaign_id: string | null;
  store_id: string | null;
  agent_staff_id: string | null;
  expires_at: Date | null;
  created_at: Generated<Date>;
  answered_at: Date | null;
}

export interface SurveyAnswerTable {
  program_id: string;
  id: string;
  survey_id: string;
  invitation_id: string;
  member_id: string;
  occasion: string;
  score: number | null;
  comment: string | null;
  answers: Json<Record<string, AnswerValue>>;
  store_id: string | null;
  agent_staff_id: string | null;
  case_id: string | null;
  tier_id: string | null;
  answered_at: Generated<Date>;
}

export interface SurveyTables {
  surveys: SurveyTable;
  survey_invitations: SurveyInvitationTable;
  survey_answers: SurveyAnswerTable;
}
export type SurveyRow = Selectable<SurveyTable>;
export type InvitationRow = Selectable<SurveyInvitationTable>;
export type AnswerRow = Selectable<SurveyAnswerTable>;
