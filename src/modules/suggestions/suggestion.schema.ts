import { z } from 'zod';
import { zId, zText } from '../../platform/schema.ts';
import { SUGGESTION_CHANNELS, SUGGESTION_STATUSES } from './suggestion.table.ts';

export const ZSuggestionParams = z.strictObject({ program_id: zId('prg'), suggestion_id: zId('sug') });
export const ZCategoryParams = z.strictObject({ program_id: zId('prg'), category_id: zId('sgc') });

export const ZCategoryCreate = z.strictObject({ name: zText(40) }).meta({ id: 'SuggestionCategoryCreate' });
export const ZCategoryUpdate = z.strictObject({ name: zText(40).optional(), active: z.boolean().optional() }).meta({ id: 'SuggestionCategoryUpdate' });
export const ZCategory = z.object({ id: z.string(), name: z.string(), active: z.boolean(), suggestions: z.number().int().describe('How many suggestions carry it') })
  .meta({ id: 'SuggestionCategory' });
export type TCategory = z.infer<typeof ZCategory>;

export const ZSuggestionCreate = z.strictObject({
  title: zText(120),
  body: zText(4000),
  category_id: zId('sgc'),
  store_id: zId('sto').optional().describe('The store it is about (store staff: their own store, the default)'),
  channel: z.enum(SUGGESTION_CHANNELS).describe('How it reached us; staff: staff\'s own suggestion (no member_id, no points when adopted)'),
  member_id: zId('mem').optional().describe('The member who made it (required unless channel is staff)'),
}).meta({ id: 'SuggestionCreate' });
export type TSuggestionCreate = z.infer<typeof ZSuggestionCreate>;

export const ZSuggestionQuery = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).optional(),
  category_id: zId('sgc').optional(),
  store_id: zId('sto').optional(),
  member_id: zId('mem').optional().describe('Made by this member'),
  q: zText(100).optional().describe('Words in the title or body'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: zId('sug').optional().describe('next_cursor of the page before'),
});
export type TSuggestionQuery = z.infer<typeof ZSuggestionQuery>;

export const ZSupportCreate = z.strictObject({ member_id: zId('mem') }).meta({ id: 'SuggestionSupportCreate' });
export const ZAdopt = z.strictObject({ note: zText(1000).optional().describe('What will be done, for the record') }).meta({ id: 'SuggestionAdopt' });
export const ZDecline = z.strictObject({ reason: zText(1000).describe('Why, in words the author is told') }).meta({ id: 'SuggestionDecline' });
export const ZMerge = z.strictObject({ target_id: zId('sug').describe('The suggestion this one duplicates') }).meta({ id: 'SuggestionMerge' });

const ZMemberRef = z.object({ id: z.string(), member_no: z.string().nullable(), name: z.string().nullable().describe('Masked') });

export const ZSuggestion = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.object({ id: z.string(), name: z.string() }),
  store_id: z.string().nullable(),
  channel: z.enum(SUGGESTION_CHANNELS),
  member: ZMemberRef.nullable().describe('The member who made it'),
  staff_id: z.string().nullable().describe('The staff account that made it (staff\'s own suggestion)'),
  recorded_by: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
  support_count: z.number().int(),
  merged_into: z.string().nullable(),
  decline_reason: z.string().nullable(),
  decision_note: z.string().nullable(),
  reward_points: z.number().int().nullable().describe('Points paid to the author on adoption (null: none)'),
  submitted_at: z.string(),
  review_started_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
}).meta({ id: 'Suggestion' });
export type TSuggestion = z.infer<typeof ZSuggestion>;

export const ZSuggestionDetail = ZSuggestion.extend({
  supporters: z.array(ZMemberRef.extend({ via: z.enum(['support', 'merged', 'merged_author']), supported_at: z.string() })),
  history: z.array(z.object({ kind: z.string(), actor: z.string(), at: z.string(), detail: z.record(z.string(), z.unknown()).nullable() })),
}).meta({ id: 'SuggestionDetail' });
export type TSuggestionDetail = z.infer<typeof ZSuggestionDetail>;

export const ZSuggestionPage = z.object({ items: z.array(ZSuggestion), next_cursor: z.string().nullable() }).meta({ id: 'SuggestionPage' });
export const ZSuggestionSummary = z.object({
  counts: z.record(z.enum(SUGGESTION_STATUSES), z.number().int()),
  adoption_points: z.number().int().describe('What the suggestion_adopted event reward pays the author now (0: nothing)'),
}).meta({ id: 'SuggestionSummary' });
export const ZMemberSuggestions = z.object({ authored: z.array(ZSuggestion), supported: z.array(ZSuggestion) }).meta({ id: 'MemberSuggestions' });
