// Paid VIP membership (VIP客户服务费用; seed 002 §1.3, §8): plans (individual, corporate)
// with a fee, a term and benefits (a tier floor, an earn multiplier, an account manager),
// memberships started and renewed by payments staff record, named members of corporate
// memberships, early ends with a pro rata refund, expiry notices. The purchase path reads
// vipAtSql; the flows that span modules are in src/workflows/memberships/.
// Emits membership.started, .renewed, .ended (written by the workflows), .expiring, .expired (the job).
export { membershipService, type MembershipService } from './membership.service.ts';
export { membershipRoutes } from './membership.routes.ts';
export { vipAtSql, type VipAt } from './membership.repository.ts';
export { daysIn, proRata, renewalFrom, termFrom, type RefundFigures } from './membership.ts';
export { badStatus, memberTaken, receiptTaken, refundChanged, seatsFull, MEMBERSHIP_MESSAGES } from './membership.errors.ts';
export { ZEndEarly } from './membership.schema.ts';
export type { TMembershipCreate, TRenewal, TEndEarly, TRefundPreview, TPaymentInput as PaymentInput, TMembershipDetail, TPlan } from './membership.schema.ts';
export type { MembershipTables, MembershipRow, PlanRow, SeatRow } from './membership.table.ts';
