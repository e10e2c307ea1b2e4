import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

// Refusals a cashier reads out to the member (issue 9: "reasons a cashier can say").
export const REWARD_ERRORS = {
  reward_out_of_stock: { status: 409, title: { zh: '礼品已兑完', en: 'The reward is out of stock' } },
  reward_limit_reached: { status: 409, title: { zh: '已达到兑换次数上限', en: 'The member reached the reward\'s redemption limit' } },
  reward_tier_not_allowed: { status: 409, title: { zh: '会员等级不可兑换此礼品', en: 'The member\'s tier may not redeem this reward' } },
  reward_not_valid: { status: 409, title: { zh: '礼品不在兑换有效期内', en: 'The reward cannot be redeemed today' } },
  reward_store_not_allowed: { status: 409, title: { zh: '该门店不可兑换或领取此礼品', en: 'The reward cannot be collected at this store' } },
  redemption_status: { status: 409, title: { zh: '兑换单当前状态不允许此操作', en: 'The redemption\'s status does not allow this' } },
  pickup_code_mismatch: { status: 422, title: { zh: '提货码不正确', en: 'The pickup code does not match' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = { created: '待领取', fulfilled: '已完成', cancelled: '已取消' };

export const REWARD_MESSAGES = messages('rewards', {
  out_of_stock: { en: 'Out of stock: none left to redeem', zh: '库存已兑完' },
  member_limit: {
    en: (p: { limit: number }) => `Limit reached: at most ${p.limit} per member`,
    zh: (p: { limit: number }) => `已达上限：每位会员最多兑换 ${p.limit} 次`,
  },
  period_limit: {
    en: (p: { limit: number; period: string }) => `Limit reached: at most ${p.limit} per member per ${p.period}`,
    zh: (p: { limit: number; period: string }) => `已达上限：每位会员每${({ day: '天', month: '月', year: '年' } as Record<string, string>)[p.period] ?? p.period}最多兑换 ${p.limit} 次`,
  },
  tier: { en: 'The member\'s tier is not among the tiers allowed for this reward', zh: '会员当前等级不在此礼品的可兑换等级内' },
  not_yet: {
    en: (p: { from: string }) => `Not valid yet: redeemable from ${p.from}`,
    zh: (p: { from: string }) => `尚未开始：${p.from} 起可兑换`,
  },
  expired: {
    en: (p: { to: string }) => `Expired: redeemable until ${p.to}`,
    zh: (p: { to: string }) => `已过期：兑换截止于 ${p.to}`,
  },
  inactive: { en: 'The reward is switched off', zh: '礼品已下架' },
  store: { en: 'This store is not among the reward\'s stores', zh: '此门店不在礼品的可领取门店内' },
  status: {
    en: (p: { status: string; to: string }) => `A redemption that is ${p.status} cannot be ${p.to}`,
    zh: (p: { status: string; to: string }) => `${STATUS_ZH[p.status] ?? p.status}的兑换单不能${p.to === 'cancelled' ? '取消' : '完成'}`,
  },
  pickup_code: { en: 'The pickup code does not match this redemption', zh: '提货码与兑换单不符' },
  payment_ref_required: { en: 'A reward with a cash part needs the POS payment reference (payment_ref)', zh: '含现金部分的礼品须填写收银支付流水号（payment_ref）' },
  pickup_code_required: { en: 'A pickup redemption is fulfilled with its pickup code', zh: '到店领取须核对提货码' },
  tracking_required: { en: 'A shipped redemption is fulfilled with a tracking note', zh: '邮寄须填写物流单号/备注' },
  period_pair: { en: 'period_limit and limit_period go together', zh: '周期上限（period_limit）与周期（limit_period）须同时填写' },
  dates: { en: 'valid_to must not be before valid_from', zh: '截止日期不能早于开始日期' },
  coupon_type: { en: 'Only a coupon reward has a coupon_type_id, and it needs one', zh: '只有券类礼品填写券类型（coupon_type_id），且必须填写' },
  parking_hours: { en: 'Only a parking reward has parking_hours, and it needs them', zh: '只有停车类礼品填写停车时长（parking_hours），且必须填写' },
  image_type: { en: 'The image must be PNG, JPEG or WebP, and its bytes must be one', zh: '图片须为 PNG、JPEG 或 WebP 格式' },
  image_size: { en: 'The image must be at most 1 MiB', zh: '图片不能超过 1 MiB' },
  tier_unknown: {
    en: (p: { id: string }) => `No tier ${p.id} in this program`,
    zh: (p: { id: string }) => `本计划没有等级 ${p.id}`,
  },
  store_unknown: {
    en: (p: { id: string }) => `No store ${p.id} in this program`,
    zh: (p: { id: string }) => `本计划没有门店 ${p.id}`,
  },
});

const fail = failures(REWARD_ERRORS);
export const outOfStock = () => fail('reward_out_of_stock', REWARD_MESSAGES.out_of_stock(), { field: 'reward_id', extra: { stock: 0 } });
export const memberLimit = (limit: number) => fail('reward_limit_reached', REWARD_MESSAGES.member_limit({ limit }), { field: 'reward_id', extra: { limit, scope: 'member' } });
export const periodLimit = (limit: number, period: string) => fail('reward_limit_reached', REWARD_MESSAGES.period_limit({ limit, period }), { field: 'reward_id', extra: { limit, scope: period } });
export const tierNotAllowed = () => fail('reward_tier_not_allowed', REWARD_MESSAGES.tier(), { field: 'reward_id' });
export const notYetValid = (from: string) => fail('reward_not_valid', REWARD_MESSAGES.not_yet({ from }), { field: 'reward_id', extra: { valid_from: from } });
export const expired = (to: string) => fail('reward_not_valid', REWARD_MESSAGES.expired({ to }), { field: 'reward_id', extra: { valid_to: to } });
export const inactive = () => fail('reward_not_valid', REWARD_MESSAGES.inactive(), { field: 'reward_id' });
export const storeNotAllowed = () => fail('reward_store_not_allowed', REWARD_MESSAGES.store(), { field: 'store_id' });
export const redemptionStatus = (status: string, to: string) => fail('redemption_status', REWARD_MESSAGES.status({ status, to }), { field: 'status' });
export const pickupMismatch = () => fail('pickup_code_mismatch', REWARD_MESSAGES.pickup_code(), { field: 'pickup_code' });
