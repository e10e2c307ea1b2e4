// The audit log (管理职责): every change made through the API or the CLI, who, when, from
// where, what, before and after, personal data masked; append-only, in one hash chain per
// program, verified by `patron audit verify` and GET …/audit/verify.
export { auditService, type AuditService, type AuditEntry } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
export { auditHooks } from './audit.hook.ts';
export { maskPersonal } from './audit.mask.ts';
export type { AuditTables } from './audit.table.ts';
