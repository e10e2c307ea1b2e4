import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Answer, Category } from './quality.score.ts';

type Json<T> = ColumnType<T, string, string>;

export interface QualityScorecardTable {
  program_id: string;
  id: string;
  family_id: string;
  version: number;
  name_zh: string;
  name_en: string;
  categories: Json<Category[]>;
  active: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
}
export type SampleKind = 'random' | 'low_csat' | 'breached_sla';
export interface QualitySampleTable {
  program_id: string;
  id: string;
  kind: SampleKind;
  from_date: ColumnType<string, string, string>;
  to_date: ColumnType<string, string, string>;
  agent_id: string | null;
  requested: number;
  scorecard_id: string;
  created_by: string;
  created_at: Generated<Date>;
}
export interface QualityAssignmentTable {
  program_id: string;
  id: string;
  sample_id: string;
  case_id: string;
  case_number: string;
  agent_id: string | null;
  reviewer_id: string;
  review_id: string | null;
  created_at: Generated<Date>;
}
export interface QualityReviewTable {
  program_id: string;
  id: string;
  case_id: string;
  case_number: string;
  case_closed_at: Date;
  agent_id: string | null;
  reviewer_id: string;
  scorecard_id: string;
  answers: Json<Answer[]>;
  comment: string;
  score: number | null;
  critical_failed: boolean;
  reviewed_at: Date;
  updated_at: Date;
}
export type DisputeStatus = 'open' | 'upheld' | 'rejected';
export interface QualityDisputeTable {
  program_id: string;
  id: string;
  review_id: string;
  agent_id: string;
  reason: string;
  status: DisputeStatus;
  raised_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution: string | null;
  score_before: number | null;
  score_after: number | null;
}

export interface QualityTables {
  quality_scorecards: QualityScorecardTable;
  quality_samples: QualitySampleTable;
  quality_assignments: QualityAssignmentTable;
  quality_reviews: QualityReviewTable;
  quality_disputes: QualityDisputeTable;
}
export type ScorecardRow = Selectable<QualityScorecardTable>;
export type SampleRow = Selectable<QualitySampleTable>;
export type AssignmentRow = Selectable<QualityAssignmentTable>;
export type ReviewRow = Selectable<QualityReviewTable>;
export type DisputeRow = Selectable<QualityDisputeTable>;
