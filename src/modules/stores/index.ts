// Stores of a program (code, name, address). POS API keys belong to one store.
export { storeService, type StoreService } from './store.service.ts';
export { storeRoutes } from './store.routes.ts';
export type { StoreTables } from './store.table.ts';
export { storeExistsSql } from './store.service.ts';
