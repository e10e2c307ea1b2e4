// Rewards catalogue (积分兑换规则): items of five kinds with points or points-plus-cash
// prices, stock, limits, tiers, validity and stores, with an image; redemptions created →
// fulfilled or cancelled. Redeeming and cancelling span the ledger and are workflows
// (src/workflows/redeem-reward.ts). Emits reward.redeemed, reward.fulfilled, reward.cancelled.
export { rewardService, type RewardService } from './reward.service.ts';
export { rewardRoutes, rewardMediaRoutes } from './reward.routes.ts';
export { periodKey } from './reward.ts';
export {
  expired, inactive, memberLimit, notYetValid, outOfStock, periodLimit, storeNotAllowed, tierNotAllowed, REWARD_MESSAGES,
} from './reward.errors.ts';
export type { TRedeem, TRedemption, TReward, TRewardCreate } from './reward.schema.ts';
export type { RewardRow, RewardTables } from './reward.table.ts';
