// Quality review of closed cases (issue 12, 质量监控; seed 002 §4.2 (3)): scorecards with
// weighted categories, a critical category and N/A; samples of closed cases assigned to
// reviewers; reviews (one per reviewer per case), calibration pairs, agents' disputes.
// The cases, SLA clocks and CSAT answers come through workflows/quality/ (the CaseSource).
export { qualityService, type QualityService } from './quality.service.ts';
export { qualityRoutes } from './quality.routes.ts';
export { QUALITY_ERRORS, QUALITY_MESSAGES, caseNotClosed } from './quality.errors.ts';
export { scoreReview, checkAnswers, type Category, type Answer } from './quality.score.ts';
export type { QualityTables } from './quality.table.ts';
export type { TAssignment, TDispute, TResolveIn, TReview, TReviewIn, TSampleIn, TScorecard, TScorecardIn } from './quality.schema.ts';
