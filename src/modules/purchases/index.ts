// Purchases and returns from POS terminals: the purchase row, its points (through the
// points module's earning function), returns reversing them in proportion.
// Emits purchase.recorded, purchase.returned.
export { purchaseService, type PurchaseService } from './purchase.service.ts';
export { purchaseRoutes } from './purchase.routes.ts';
export type { PurchaseTables } from './purchase.table.ts';
