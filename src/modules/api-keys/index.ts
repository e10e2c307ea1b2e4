// API keys: per program with a role (admin; pos for one store) and the bootstrap admin
// key. Stored as SHA-256 digests; the plain key is shown once.
export { apiKeyService, type ApiKeyService } from './api-key.service.ts';
export { apiKeyRoutes } from './api-key.routes.ts';
export type { ApiKeyTables, Role } from './api-key.table.ts';
