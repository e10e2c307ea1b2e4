// Points ledger: lots, balances, the append-only entries, redemptions, adjustments,
// pending release and expiry. Emits points.redeemed, points.adjusted, points.expired,
// points.expiring (notice, once per lot), points.awarded (a campaign's award).
export { pointsService, type PointsService } from './points.service.ts';
export { pointsRoutes } from './points.routes.ts';
export { earnPoints, lotTerms } from './points.ts';
export { earnSql, ledgerVersionSql } from './points.repository.ts';
export { ZBreakdownItem, type TBreakdownItem } from './points.schema.ts';
export type { PointsTables } from './points.table.ts';
