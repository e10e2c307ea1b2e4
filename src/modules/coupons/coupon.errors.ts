import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

// The refusals a cashier reads out to the member: each says why, with what they need (when
// and where it was used, since when it expired, the minimum spend, until when it is held).
export const COUPON_ERRORS = {
  coupon_unknown: { status: 404, title: { zh: '券码不存在', en: 'No coupon has this code' } },
  coupon_used: { status: 409, title: { zh: '该券已使用', en: 'The coupon was already used' } },
  coupon_expired: { status: 409, title: { zh: '该券已过期', en: 'The coupon has expired' } },
  coupon_not_yet_valid: { status: 409, title: { zh: '该券尚未生效', en: 'The coupon is not valid yet' } },
  coupon_wrong_store: { status: 409, title: { zh: '该券不能在本门店使用', en: 'The coupon cannot be used in this store' } },
  coupon_min_spend: { status: 409, title: { zh: '未达到最低消费金额', en: 'The basket is below the coupon\'s minimum spend' } },
  coupon_other_member: { status: 409, title: { zh: '该券属于其他会员', en: 'The coupon was issued to another member' } },
  coupon_reserved: { status: 409, title: { zh: '该券正被其他收银台使用', en: 'Another till is holding the coupon' } },
  coupon_void: { status: 409, title: { zh: '该券已作废', en: 'The coupon was voided' } },
  coupon_type_inactive: { status: 409, title: { zh: '券类型已停用', en: 'The coupon type is inactive' } },
} as const satisfies ErrorTable;

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const COUPON_MESSAGES = messages('coupons', {
  unknown: { en: (p: { code: string }) => `No coupon has the code ${p.code}`, zh: (p: { code: string }) => `券码 ${p.code} 不存在` },
  code_shape: { en: 'A coupon code is 13 letters and digits (XXXX-XXXX-XXXXX)', zh: '券码为 13 位字母和数字（XXXX-XXXX-XXXXX）' },
  used: {
    en: (p: { at: string; store: string }) => `Already used on ${p.at} at ${p.store}`,
    zh: (p: { at: string; store: string }) => `已于 ${p.at} 在${p.store}使用`,
  },
  expired: { en: (p: { at: string }) => `Expired on ${p.at}`, zh: (p: { at: string }) => `已于 ${p.at} 过期` },
  not_yet_valid: { en: (p: { at: string }) => `Valid from ${p.at}`, zh: (p: { at: string }) => `${p.at} 起才可使用` },
  wrong_store: { en: (p: { stores: string }) => `Only valid at: ${p.stores}`, zh: (p: { stores: string }) => `仅限以下门店使用：${p.stores}` },
  min_spend: {
    en: (p: { min: number; basket: number }) => `Needs a spend of at least ¥${yuan(p.min)} (basket ¥${yuan(p.basket)})`,
    zh: (p: { min: number; basket: number }) => `需消费满 ¥${yuan(p.min)} 才可使用（当前 ¥${yuan(p.basket)}）`,
  },
  other_member: { en: 'This coupon belongs to another member', zh: '该券属于其他会员，不能使用' },
  reserved: {
    en: (p: { until: string }) => `Another till is holding this coupon until ${p.until}`,
    zh: (p: { until: string }) => `其他收银台正在使用该券，保留至 ${p.until}`,
  },
  void: { en: 'This coupon was voided', zh: '该券已作废' },
  type_inactive: { en: 'This coupon type is inactive: no new coupons of it', zh: '该券类型已停用，不能再发放' },
  store_required: { en: 'Name the store (store_id)', zh: '请填写门店（store_id）' },
  store_mismatch: { en: 'A store key can only use its own store', zh: '门店密钥只能用于本门店' },
  kind_fields: {
    en: 'amount needs amount_off_fen; percent needs percent_off and max_off_fen; gift needs gift_name',
    zh: '满减券须填写 amount_off_fen；折扣券须填写 percent_off 和 max_off_fen；礼品券须填写 gift_name',
  },
  validity: { en: 'Give either valid_until (fixed dates) or valid_days (days from issue)', zh: '请填写 valid_until（固定日期）或 valid_days（领取后天数）之一' },
  from_after_until: { en: 'valid_from must not be after valid_until', zh: '开始日期不能晚于结束日期' },
  unknown_store: { en: (p: { id: string }) => `No store ${p.id} in this program`, zh: (p: { id: string }) => `门店 ${p.id} 不存在` },
});

const fail = failures(COUPON_ERRORS);
const f = (code: keyof typeof COUPON_ERRORS, m: ReturnType<typeof COUPON_MESSAGES.void>, extra: Record<string, unknown>) =>
  fail(code, m, { field: 'code', extra });
export const unknownCode = (code: string) => f('coupon_unknown', COUPON_MESSAGES.unknown({ code }), {});
export const couponUsed = (at: Date, local: string, storeId: string | null, store: string) =>
  f('coupon_used', COUPON_MESSAGES.used({ at: local, store }), { used_at: at.toISOString(), used_store_id: storeId, used_store_name: store });
export const couponExpired = (at: Date, local: string) => f('coupon_expired', COUPON_MESSAGES.expired({ at: local }), { expired_at: at.toISOString() });
export const couponNotYetValid = (at: Date, local: string) => f('coupon_not_yet_valid', COUPON_MESSAGES.not_yet_valid({ at: local }), { valid_from: at.toISOString() });
export const couponWrongStore = (storeIds: string[], names: string) => f('coupon_wrong_store', COUPON_MESSAGES.wrong_store({ stores: names }), { store_ids: storeIds });
export const couponMinSpend = (min: number, basket: number) => f('coupon_min_spend', COUPON_MESSAGES.min_spend({ min, basket }), { min_spend_fen: min });
export const couponOtherMember = () => f('coupon_other_member', COUPON_MESSAGES.other_member(), {});
export const couponReserved = (until: Date, local: string) => f('coupon_reserved', COUPON_MESSAGES.reserved({ until: local }), { reserved_until: until.toISOString() });
export const couponVoid = () => f('coupon_void', COUPON_MESSAGES.void(), {});
export const typeInactive = () => fail('coupon_type_inactive', COUPON_MESSAGES.type_inactive(), { field: 'type_id' });
