// Suggestions (issue 12: 客户反馈与建议, 建议采纳与奖励): members' and staff's suggestions
// with a category and the store, members' support (once each, counted exactly), statuses
// new → under_review → adopted / declined / duplicate (merged, supporters carried over),
// and the program's categories. Every action is a workflow in workflows/suggestions/, whose
// transitions pass through after-transitions.ts (outbox events suggestion.<kind>). Uses members, stores.
export { suggestionService, type SuggestionService } from './suggestion.service.ts';
export { suggestionRoutes } from './suggestion.routes.ts';
export { SUGGESTION_ERRORS } from './suggestion.errors.ts';
export type { TCategory, TSuggestion, TSuggestionCreate, TSuggestionDetail } from './suggestion.schema.ts';
export type { SuggestionTables, SuggestionRow, SuggestionStatus } from './suggestion.table.ts';
