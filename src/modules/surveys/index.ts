// Surveys (issue 12): CSAT after a case closes (sendCsat, once per case), NPS rounds to a random
// sample of consenting members with a recontact period (the `surveys` job, lock 7_014), custom
// surveys built in the console; single-use links answered on a public page (/s/<token>); results
// computed in SQL. Uses programs, members, privacy, stores, tiers, staff; sends through the
// notification relay (outbox topics survey.csat / survey.nps / survey.custom).
export { surveyService, type SurveyService } from './survey.service.ts';
export { surveyRoutes } from './survey.routes.ts';
export { surveyPublicRoutes } from './survey.public.routes.ts';
export { SURVEY_ERRORS } from './survey.errors.ts';
/** The scores that count as low (CSAT ≤ 2, NPS ≤ 6): followed up, and sampled for quality review. */
export { LOW as LOW_SCORES } from './defaults.ts';
export type { SurveyTables } from './survey.table.ts';
export type { TSurvey, TResults } from './survey.schema.ts';
