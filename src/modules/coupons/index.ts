// Coupons (issue 9): coupon types (amount off, percent off with a maximum, a gift), coupons
// issued to a member (a redemption, a campaign, goodwill) or in batches of unassigned
// codes, and the POS: validate (hold), consume once, release. Uses programs (time zone),
// stores (names, store checks), members (status). Emits coupon.issued.
export { couponService, type CouponService, type IssueInput } from './coupon.service.ts';
export { couponRoutes } from './coupon.routes.ts';
export { COUPON_ERRORS, typeInactive as couponTypeInactive } from './coupon.errors.ts';
export { CODE_ALPHABET, CODE_BITS, normaliseCode, printCode } from './coupon-code.ts';
export type { TBatch, TCoupon, TCouponHold, TCouponType } from './coupon.schema.ts';
export type { CouponTables } from './coupon.table.ts';
