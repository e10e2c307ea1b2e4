// Data-rights requests (PIPL 第四十五—四十七条: copy, correction, deletion) with their
// working-day deadline and refusal reasons, and the retention periods and runs
// (定期清理过时信息). Carrying a request out spans modules: workflows/rights/.
// Emits rights.received, rights.completed, rights.refused.
export { rightsService, type RightsService } from './rights.service.ts';
export { rightsRoutes } from './rights.routes.ts';
export { renderExportHtml } from './export-html.ts';
export { blockedRedemption, blockedVip, memberErased, retentionRunning, RIGHTS_ERRORS, RIGHTS_MESSAGES } from './rights.errors.ts';
export { cutoff, RETENTION_KIND_NAMES, type RetentionKind } from './retention.ts';
export type { TCorrections, TRetentionRun, TRightsRequest } from './rights.schema.ts';
export type { RightsTables } from './rights.table.ts';
