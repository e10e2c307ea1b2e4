// Earning rules (积分获取方式, seed 000 第四章 第一条款): versioned rules as data, the pure
// engine that judges a purchase by them, and the counters the caps count against. The
// purchase path is a workflow (src/workflows/record-purchase.ts, earn-by-rules.ts).
export { draftVersion, ruleService, type RuleInput, type RuleService, type RuleStatus } from './rule.service.ts';
export { evaluate, localParts, mayFire } from './engine.ts';
export { addCountersSql, countersSql } from './rule.repository.ts';
export { ruleRoutes } from './rule.routes.ts';
export { eventRoutes } from './event.routes.ts';
export type { EngineLine, EngineResult, PeriodUse, RuleCaps, RuleVersion } from './rule.ts';
export type { RuleTables } from './rule.table.ts';
export { eventRewardService, type EventReward, type EventRewardService } from './event.service.ts';
export { EVENTS, type RewardEvent } from './rule.table.ts';
