import { z } from 'zod';
import { zDate, zFen, zId, zPoints, zText } from '../../platform/schema.ts';
import { REWARD_MESSAGES as MSG } from './reward.errors.ts';

export const REWARD_KINDS = ['goods', 'coupon', 'parking', 'service', 'partner'] as const;
export const LIMIT_PERIODS = ['day', 'month', 'year'] as const;
export const REDEMPTION_STATUSES = ['created', 'fulfilled', 'cancelled'] as const;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_IMAGE_BYTES = 1_048_576;

const zCount = z.number().int().min(1).max(1_000_000);
const fields = {
  name: zText(100).describe('Name (zh)'),
  name_en: zText(100).nullable().optional().describe('Name (en)'),
  description: zText(2000).nullable().optional().describe('Description (zh)'),
  description_en: zText(2000).nullable().optional().describe('Description (en)'),
  points: zPoints.describe('Price in points'),
  cash_fen: zFen.optional().describe('Cash part of a points-plus-cash price, fen; 0 or absent: points only'),
  stock: z.number().int().min(0).max(100_000_000).nullable().optional().describe('Units left to redeem; null or absent: unlimited'),
  per_member_limit: zCount.nullable().optional().describe('Redemptions one member may hold in all (cancelled ones do not count); null: no limit'),
  period_limit: zCount.nullable().optional().describe('Redemptions one member may make per limit_period (local day, month or year of the program); null: no limit'),
  limit_period: z.enum(LIMIT_PERIODS).nullable().optional().describe('The period of period_limit'),
  tier_ids: z.array(zId('tier')).max(50).optional().describe('Tiers whose members may redeem (the member\'s current tier); empty or absent: every member'),
  store_ids: z.array(zId('sto')).max(500).optional().describe('Stores where it can be redeemed and collected; empty or absent: every store'),
  valid_from: zDate.nullable().optional().describe('First local day it can be redeemed; null: from now'),
  valid_to: zDate.nullable().optional().describe('Last local day it can be redeemed; null: no end'),
  parking_hours: z.number().int().min(1).max(720).nullable().optional().describe('kind parking: hours of parking it gives'),
  coupon_type_id: zText(64).nullable().optional().describe('kind coupon: the coupon type a redemption issues (coupons module)'),
  active: z.boolean().optional().describe('false: listed but not redeemable. Default true'),
};

type Shape = { kind?: string; period_limit?: number | null; limit_period?: string | null; valid_from?: string | null; valid_to?: string | null; coupon_type_id?: string | null; parking_hours?: number | null };
const pairOk = (v: Shape) => v.period_limit === undefined && v.limit_period === undefined ? true : (v.period_limit ?? null) === null === ((v.limit_period ?? null) === null);
const datesOk = (v: Shape) => !v.valid_from || !v.valid_to || v.valid_from <= v.valid_to;

export const ZRewardCreate = z.strictObject({ kind: z.enum(REWARD_KINDS).describe('goods, coupon, parking (hours), service, partner item'), ...fields })
  .refine(pairOk, { path: ['limit_period'], message: MSG.period_pair.key })
  .refine(datesOk, { path: ['valid_to'], message: MSG.dates.key })
  .refine((v) => (v.kind === 'coupon') === Boolean(v.coupon_type_id), { path: ['coupon_type_id'], message: MSG.coupon_type.key })
  .refine((v) => (v.kind === 'parking') === Boolean(v.parking_hours), { path: ['parking_hours'], message: MSG.parking_hours.key })
  .meta({ id: 'RewardCreate' });
export type TRewardCreate = z.infer<typeof ZRewardCreate>;

export const ZRewardUpdate = z.strictObject({
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> },
}).refine(pairOk, { path: ['limit_period'], message: MSG.period_pair.key })
  .refine(datesOk, { path: ['valid_to'], message: MSG.dates.key })
  .meta({ id: 'RewardUpdate', description: 'Fields left out keep their value. stock sets what is left to redeem now.' });
export type TRewardUpdate = z.infer<typeof ZRewardUpdate>;

export const ZReward = z.object({
  id: z.string(), kind: z.enum(REWARD_KINDS), name: z.string(), name_en: z.string().nullable(),
  description: z.string().nullable(), description_en: z.string().nullable(),
  points: z.number().int(), cash_fen: z.number().int(),
  stock: z.number().int().nullable().describe('Units left; null: unlimited'),
  redeemed: z.number().int().describe('Redemptions not cancelled'),
  per_member_limit: z.number().int().nullable(), period_limit: z.number().int().nullable(), limit_period: z.enum(LIMIT_PERIODS).nullable(),
  tier_ids: z.array(z.string()), store_ids: z.array(z.string()),
  valid_from: z.string().nullable(), valid_to: z.string().nullable(),
  parking_hours: z.number().int().nullable(), coupon_type_id: z.string().nullable(), active: z.boolean(),
  image_url: z.string().nullable().describe('Where the image is served (public, cacheable; the query changes with the image)'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Reward' });
export type TReward = z.infer<typeof ZReward>;

export const ZRewardParams = z.strictObject({ program_id: zId('prg'), reward_id: zId('rwd') });
export const ZRewardListQuery = z.strictObject({
  kind: z.enum(REWARD_KINDS).optional().describe('Only this kind'),
  active: z.enum(['true', 'false']).optional().describe('Only switched on (true) or off (false) rewards'),
  q: zText(100).optional().describe('Name (zh or en) contains'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZRewardImageUpload = z.strictObject({
  content_type: z.enum(IMAGE_TYPES).describe('The image\'s type; its bytes must be that type'),
  data_base64: z.string().min(1).max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4).describe('The image bytes, base64; at most 1 MiB decoded'),
}).meta({ id: 'RewardImageUpload' });

export const ZRedeem = z.strictObject({
  reward_id: zId('rwd').describe('The reward to redeem'),
  store_id: zId('sto').optional().describe('Where it is redeemed and collected; a POS key\'s own store when absent'),
  delivery: z.enum(['pickup', 'shipping']).optional().describe('pickup (default): collected in store with a pickup code; shipping: sent, fulfilled with a tracking note'),
  payment_ref: zText(100).optional().describe('The POS payment reference of the cash part; required when the reward has one'),
  note: zText(500).optional(),
}).meta({ id: 'RedeemReward' });
export type TRedeem = z.infer<typeof ZRedeem>;

export const ZRedemption = z.object({
  id: z.string(), reward_id: z.string(), reward_name: z.string(), reward_name_en: z.string().nullable(), reward_kind: z.enum(REWARD_KINDS),
  member_id: z.string(), member_no: z.string().optional().describe('In lists: the member\'s number'), member_name: z.string().nullable().optional().describe('In lists: the member\'s name'),
  status: z.enum(REDEMPTION_STATUSES),
  points: z.number().int(), cash_fen: z.number().int(), payment_ref: z.string().nullable(),
  store_id: z.string().nullable(), delivery: z.enum(['pickup', 'shipping']),
  pickup_code: z.string().nullable().describe('Shown to the member; checked when collected (pickup only)'),
  tracking_note: z.string().nullable(), entry_id: z.string().describe('The ledger entry that debited the points'),
  coupon_ref: z.string().nullable().describe('kind coupon: the coupon issued'),
  cancel_reason: z.string().nullable(),
  points_restored: z.number().int().nullable().describe('On cancel: points given back to the lots they came from'),
  points_fresh: z.number().int().nullable().describe('On cancel: points of lots that had expired, given back in a fresh lot'),
  points_forfeited: z.number().int().nullable().describe('On cancel: points of lots that had expired, not given back (setting forfeit)'),
  balance_after: z.number().int().optional().describe('Available points after this change (on redeem and cancel answers)'),
  actor: z.string().nullable(), created_at: z.string(), fulfilled_at: z.string().nullable(), cancelled_at: z.string().nullable(),
}).meta({ id: 'RewardRedemption' });
export type TRedemption = z.infer<typeof ZRedemption>;

export const ZRedemptionParams = z.strictObject({ program_id: zId('prg'), redemption_id: zId('rrd') });
export const ZMemberRedemptionParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });
export const ZRedemptionListQuery = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES).optional(), store_id: zId('sto').optional(), member_id: zId('mem').optional(), reward_id: zId('rwd').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZFulfil = z.strictObject({
  pickup_code: z.string().trim().min(1).max(20).optional().describe('pickup: the code the member shows'),
  tracking_note: zText(500).optional().describe('shipping: carrier and tracking number'),
}).meta({ id: 'FulfilRedemption' });
export const ZCancel = z.strictObject({ reason: zText(500).describe('Why it is cancelled') }).meta({ id: 'CancelRedemption' });

export const ZRewardSettings = z.object({
  expired_points: z.enum(['fresh_lot', 'forfeit']).describe('On cancel, points whose lots expired meanwhile: fresh_lot gives them back in a new lot with the program\'s expiry from now; forfeit keeps them lost'),
}).meta({ id: 'RewardSettings' });
export const ZRewardSettingsUpdate = z.strictObject({ expired_points: ZRewardSettings.shape.expired_points }).meta({ id: 'RewardSettingsUpdate' });
