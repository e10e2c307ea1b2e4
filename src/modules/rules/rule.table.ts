import type { ColumnType, Generated, Selectable } from 'kysely';
import type { RuleCaps, RuleConditions, RuleEffect } from './rule.ts';

type Json<T> = ColumnType<T, string, string>;

export interface EarningRuleTable {
  program_id: string;
  id: string;
  version: number;
  name: string;
  name_en: string | null;
  status: 'active' | 'paused' | 'archived';
  priority: number;
  mode: 'exclusive' | 'stackable';
  valid_from: ColumnType<string | null, string | null, string | null>;
  valid_to: ColumnType<string | null, string | null, string | null>;
  conditions: Json<RuleConditions>;
  effect: Json<RuleEffect>;
  caps: Json<RuleCaps>;
  campaign_id: string | null;
  effective_from: Date;
  effective_to: Date | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface EarnCounterTable {
  program_id: string;
  member_id: string;
  scope: string;
  period: string;
  points: number;
}

export const EVENTS = ['signup', 'profile_completed', 'birthday', 'referral', 'referred', 'survey_answered', 'suggestion_adopted', 'goodwill'] as const;
export type RewardEvent = (typeof EVENTS)[number];

export interface EventRewardTable {
  program_id: string;
  event: RewardEvent;
  points: number;
  active: Generated<boolean>;
  actor: string | null;
  updated_at: Generated<Date>;
}

export interface EventAwardTable {
  program_id: string;
  member_id: string;
  event: RewardEvent;
  occurrence: string;
  points: number;
  entry_id: string | null;
  created_at: Generated<Date>;
}

export interface RuleTables {
  earning_rules: EarningRuleTable;
  earn_counters: EarnCounterTable;
  event_rewards: EventRewardTable;
  event_awards: EventAwardTable;
}
export type RuleRow = Selectable<EarningRuleTable>;
