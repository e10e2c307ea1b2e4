// Tiers (会员等级): definitions with reach and keep thresholds and benefits, a program's
// qualification policy, the qualifying figure per member and local day (never the points
// balance), tier periods (who was in which tier when), manual floors, drop notices and
// table-change jobs. Emits member.tier_will_drop; member.tier_changed is written by the
// tier workflows (src/workflows/tiers/) and the purchase statement.
export { tierService, toTier, proposedDefs, DEFAULT_BENEFITS, type TierService } from './tier.service.ts';
export { tierRoutes } from './tier.routes.ts';
export { figureSql, tierAtSql, qualifyDaySql, periodChangeSql, type PeriodChange } from './tier.repository.ts';
export {
  windowOf, windowOn, reviews, dropsOn, liftTo, reachTier, keepTier, tableTarget, asks, decide, keepReview, DEFAULT_POLICY,
  type TierDef, type TierPolicy, type TierTableView, type DateWindow, type MemberTierState, type Decision,
} from './tier.ts';
export { TIER_MESSAGES, tierJobRunning } from './tier.errors.ts';
export type { TMemberTier, TTierFloorCreate, TTierPolicyInput, TTierTableInput, TTierPreview, TTierJob, TTier } from './tier.schema.ts';
export type { TierTables, PeriodSource, TierBasis, TierBenefits } from './tier.table.ts';
