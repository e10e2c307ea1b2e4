// Programs (tenants): settings the ledger reads (time zone, earn rate, pending days,
// expiry policy). Tiers are the tiers module's. Emits nothing yet.
export { programService, type ProgramService } from './program.service.ts';
export { programRoutes } from './program.routes.ts';
export type { ProgramSettings } from './program.ts';
export type { ProgramTables } from './program.table.ts';
