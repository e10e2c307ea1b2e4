import { z } from 'zod';
import { zDate, zFen, zId, zPositiveFen, zText } from '../../platform/schema.ts';
import { normaliseCode } from './coupon-code.ts';
import { COUPON_MESSAGES as MSG } from './coupon.errors.ts';

export const COUPON_KINDS = ['amount', 'percent', 'gift'] as const;
export const COUPON_SOURCES = ['redemption', 'campaign', 'goodwill', 'batch', 'manual'] as const;
export const COUPON_STATES = ['available', 'reserved', 'consumed', 'expired', 'not_yet_valid', 'void'] as const;

/** A code as a cashier types it: any case, with or without dashes and spaces; the stored form comes out. */
export const zCode = z.string().max(40).transform((v, c) => {
  const code = normaliseCode(v);
  if (code === null) {
    c.addIssue({ code: 'custom', message: MSG.code_shape.key });
    return z.NEVER;
  }
  return code;
}).describe('The coupon code, XXXX-XXXX-XXXXX; case, dashes and spaces do not matter');

const typeFields = {
  name: zText(100).describe('Name (zh)'),
  name_en: zText(100).nullable().optional().describe('Name (en)'),
  min_spend_fen: zFen.optional().describe('The basket must reach this (fen) for the coupon to apply. Default 0'),
  store_ids: z.array(zId('sto')).max(200).optional().describe('Stores where it may be used; empty or absent: every store'),
  hold_minutes: z.number().int().min(1).max(60).optional().describe('How long a validation holds the coupon for its till (minutes). Default 5'),
};

export const ZCouponTypeCreate = z.strictObject({
  ...typeFields,
  kind: z.enum(COUPON_KINDS).describe('amount: amount_off_fen off; percent: percent_off % off, at most max_off_fen; gift: a gift item'),
  amount_off_fen: zPositiveFen.optional().describe('kind amount: fen off (never more than the basket)'),
  percent_off: z.number().int().min(1).max(100).optional().describe('kind percent: percent off the basket'),
  max_off_fen: zPositiveFen.optional().describe('kind percent: the most it takes off (fen)'),
  gift_sku: zText(64).optional().describe('kind gift: the gift\'s SKU'),
  gift_name: zText(100).optional().describe('kind gift: the gift, as the member sees it'),
  valid_from: zDate.optional().describe('First valid local day (program time zone); absent: from the issue'),
  valid_until: zDate.optional().describe('Last valid local day (fixed dates)'),
  valid_days: z.number().int().min(1).max(3660).optional().describe('Or: valid until the end of the local day this many days after the issue'),
}).refine((v) => (v.kind === 'amount' ? v.amount_off_fen !== undefined : v.kind === 'percent' ? v.percent_off !== undefined && v.max_off_fen !== undefined : v.gift_name !== undefined),
  { path: ['kind'], message: MSG.kind_fields.key })
  .refine((v) => (v.valid_until === undefined) !== (v.valid_days === undefined), { path: ['valid_until'], message: MSG.validity.key })
  .refine((v) => !v.valid_from || !v.valid_until || v.valid_from <= v.valid_until, { path: ['valid_from'], message: MSG.from_after_until.key })
  .meta({ id: 'CouponTypeCreate' });
export type TCouponTypeCreate = z.infer<typeof ZCouponTypeCreate>;

export const ZCouponTypeUpdate = z.strictObject({
  name: typeFields.name.optional(), name_en: typeFields.name_en,
  active: z.boolean().optional().describe('false: no new coupons of this type (those issued stay usable)'),
}).meta({ id: 'CouponTypeUpdate' });

export const ZCouponType = z.object({
  id: z.string(), name: z.string(), name_en: z.string().nullable(), kind: z.enum(COUPON_KINDS),
  amount_off_fen: z.number().int().nullable(), percent_off: z.number().int().nullable(), max_off_fen: z.number().int().nullable(),
  gift_sku: z.string().nullable(), gift_name: z.string().nullable(), min_spend_fen: z.number().int(), store_ids: z.array(z.string()),
  valid_from: z.string().nullable(), valid_until: z.string().nullable(), valid_days: z.number().int().nullable(),
  hold_minutes: z.number().int(), active: z.boolean(), created_at: z.string(),
}).meta({ id: 'CouponType' });
export type TCouponType = z.infer<typeof ZCouponType>;

export const ZCoupon = z.object({
  id: z.string(), code: z.string().describe('Printed form XXXX-XXXX-XXXXX'), type_id: z.string(),
  type_name: z.string(), type_name_en: z.string().nullable(), kind: z.enum(COUPON_KINDS),
  member_id: z.string().nullable().describe('The member it was issued to; null: whoever holds the code'),
  status: z.enum(['issued', 'consumed', 'void']),
  state: z.enum(COUPON_STATES).describe('issued coupons are available, reserved (held by a till), expired or not yet valid'),
  source: z.enum(COUPON_SOURCES), source_ref: z.string().nullable(), reason: z.string().nullable(), batch_id: z.string().nullable(),
  issued_at: z.string(), valid_from: z.string(), valid_until: z.string().describe('Exclusive: the instant it stops being valid'),
  reserved_until: z.string().nullable(),
  consumed_at: z.string().nullable(), consumed_store_id: z.string().nullable(), consumed_store_name: z.string().nullable(),
  purchase_ref: z.string().nullable(), basket_fen: z.number().int().nullable(), discount_fen: z.number().int().nullable(),
}).meta({ id: 'Coupon' });
export type TCoupon = z.infer<typeof ZCoupon>;

const till = {
  code: zCode,
  store_id: zId('sto').optional().describe('The till\'s store; a store\'s POS key may leave it out'),
  basket_fen: zFen.describe('The basket\'s amount (fen), for the minimum spend and the discount'),
  member_id: zId('mem').optional().describe('The member at the till, when known: a coupon issued to someone else is refused'),
  reservation_token: z.string().min(1).max(64).optional().describe('The token a validation gave: this till\'s hold'),
};
export const ZCouponValidate = z.strictObject(till).meta({ id: 'CouponValidateRequest' });
export const ZCouponConsume = z.strictObject({
  ...till, purchase_ref: zText(100).describe('The POS\'s purchase or receipt reference'),
}).meta({ id: 'CouponConsumeRequest' });
export const ZCouponVoid = z.strictObject({ reason: zText(200).describe('Why it is voided (kept on the coupon)') }).meta({ id: 'CouponVoidRequest' });
export const ZCouponRelease = z.strictObject({ code: zCode, reservation_token: z.string().min(1).max(64) }).meta({ id: 'CouponReleaseRequest' });
export type TTill = z.infer<typeof ZCouponValidate>;

export const ZCouponHold = z.object({
  code: z.string(), coupon_id: z.string(), kind: z.enum(COUPON_KINDS), type_name: z.string(), type_name_en: z.string().nullable(),
  gift_sku: z.string().nullable(), gift_name: z.string().nullable(), member_id: z.string().nullable(),
  discount_fen: z.number().int().describe('What the coupon takes off this basket (0 for a gift)'),
  reservation_token: z.string().nullable().describe('validate: this till\'s hold, to consume or release with'),
  reserved_until: z.string().nullable().describe('validate: the hold lapses by itself then'),
  consumed_at: z.string().nullable(), valid_until: z.string(),
}).meta({ id: 'CouponHold' });
export type TCouponHold = z.infer<typeof ZCouponHold>;

export const ZGoodwill = z.strictObject({
  type_id: zId('cpt'), reason: zText(500).describe('Why (the service case): kept on the coupon'),
}).meta({ id: 'CouponGoodwillRequest' });

export const ZCouponListQuery = z.strictObject({
  member_id: zId('mem').optional(), batch_id: zId('cbt').optional(), status: z.enum(['issued', 'consumed', 'void']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Default 50'),
});

export const ZBatchCreate = z.strictObject({
  type_id: zId('cpt'), quantity: z.number().int().min(1).max(100_000).describe('Codes to generate, unassigned (up to 100,000)'),
}).meta({ id: 'CouponBatchCreate' });
export const ZBatch = z.object({
  id: z.string(), type_id: z.string(), quantity: z.number().int(), done: z.number().int().describe('Codes generated so far'),
  status: z.enum(['running', 'done', 'failed']), error: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'CouponBatch' });
export type TBatch = z.infer<typeof ZBatch>;

export const ZTypeParams = z.strictObject({ program_id: zId('prg'), type_id: zId('cpt') });
export const ZBatchParams = z.strictObject({ program_id: zId('prg'), batch_id: zId('cbt') });
export const ZCodeParams = z.strictObject({ program_id: zId('prg'), code: zCode });
export const ZMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });
