// Staff accounts and console sessions: username and scrypt password, roles from the
// permission matrix (platform/permissions.ts), lock-out, idle and absolute session expiry,
// CSRF tokens, optional TOTP. API keys (the api-keys module) stay for machines.
export { staffService, type StaffService } from './staff.service.ts';
export { staffRoutes, type StaffRouteOptions } from './staff.routes.ts';
export { STAFF_ERRORS, STAFF_MESSAGES, staffFailure } from './staff.errors.ts';
export type { StaffTables } from './staff.table.ts';
export type { SessionPolicy } from './staff.sessions.ts';
