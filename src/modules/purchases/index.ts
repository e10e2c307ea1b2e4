// Purchases and returns from POS terminals: the purchase row and its returns, the rules of
// a return (proportional, never more than is left). Recording them moves points, so the
// writes themselves are workflows (src/workflows/record-purchase.ts, record-return.ts).
// Emits purchase.recorded, purchase.returned.
export { purchaseService, lineReturnFen, type PurchaseService } from './purchase.service.ts';
export { hasPurchaseSql, insertPurchaseSql, purchaseAggregatesSql, purchaseDaysSql } from './purchase.repository.ts';
export { purchaseRoutes } from './purchase.routes.ts';
export { PURCHASE_MESSAGES } from './purchase.errors.ts';
export { ZEarnPreview, ZPurchaseCreate } from './purchase.schema.ts';
export type { TPurchase, TPurchaseCreate, TReturnCreate } from './purchase.schema.ts';
export type { PurchaseLine, PurchaseTables } from './purchase.table.ts';
