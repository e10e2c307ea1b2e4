import type { Generated, Selectable } from 'kysely';
import type { TConditions } from './segment.schema.ts';

export interface SegmentTable {
  program_id: string;
  id: string;
  name: string;
  name_en: string | null;
  description: string | null;
  conditions: TConditions;
  status: Generated<'active' | 'archived'>;
  size: number | null;
  refreshed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SegmentMemberTable {
  program_id: string;
  member_id: string;
  segment_id: string;
  joined_at: Date;
  left_at: Date | null;
}

export interface SegmentMemberStatsTable {
  program_id: string;
  member_id: string;
  last_purchase_at: Date | null;
  spend_fen_30d: Generated<number>;
  spend_fen_90d: Generated<number>;
  spend_fen_180d: Generated<number>;
  spend_fen_365d: Generated<number>;
  visits_30d: Generated<number>;
  visits_90d: Generated<number>;
  visits_180d: Generated<number>;
  visits_365d: Generated<number>;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  refreshed_at: Date;
}

export interface SegmentTables {
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
  segment_member_stats: SegmentMemberStatsTable;
}
export type SegmentRow = Selectable<SegmentTable>;
