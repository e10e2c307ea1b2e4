import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const PURCHASE_ERRORS = {
  return_exceeds_purchase: { status: 422, title: { zh: '退货超出原购买的可退范围', en: 'The return exceeds what is left of the purchase' } },
} as const satisfies ErrorTable;

export const PURCHASE_MESSAGES = messages('purchases', {
  fen_left: { en: (p: { fen: number }) => `Only ${p.fen} fen of this purchase is left to return`, zh: (p: { fen: number }) => `该笔购买仅剩 ${p.fen} 分可退` },
  units_left: {
    en: (p: { units: number; sku: string }) => `Only ${p.units} of ${p.sku} are left to return`,
    zh: (p: { units: number; sku: string }) => `${p.sku} 仅剩 ${p.units} 件可退`,
  },
  sku_missing: { en: (p: { sku: string }) => `SKU ${p.sku} is not on the purchase`, zh: (p: { sku: string }) => `原购买中没有商品 ${p.sku}` },
  no_lines: { en: 'The purchase has no lines; return by amount_fen', zh: '原购买没有商品明细，请按金额退货' },
  own_store: { en: 'A pos key records purchases for its own store only', zh: 'POS 密钥只能为其所属门店记录消费' },
  store_required: { en: 'Required: the store where the purchase happened', zh: '必填：消费发生的门店' },
  future: { en: 'Invalid date time: a purchase cannot be in the future', zh: '消费时间不能晚于当前时间' },
  before_2000: { en: 'Invalid date time: before 2000', zh: '时间不能早于 2000 年' },
  one_member_ref: { en: 'Give exactly one of member_id, member_no or phone', zh: 'member_id、member_no、phone 须且只能提供一个' },
  lines_sum: {
    en: (p: { sum: number; amount: number }) => `Line amounts add up to ${p.sum}, not amount_fen ${p.amount}`,
    zh: (p: { sum: number; amount: number }) => `明细金额合计 ${p.sum}，与 amount_fen ${p.amount} 不一致`,
  },
  amount_or_lines: { en: 'Give amount_fen or lines, not both', zh: 'amount_fen 与 lines 只能提供一个' },
  not_recorded: { en: 'The purchase could not be recorded; retry with the same Idempotency-Key', zh: '未能记录该笔消费，请使用同一 Idempotency-Key 重试' },
});

const fail = failures(PURCHASE_ERRORS);
export const returnExceedsPurchase = (detail: ReturnType<typeof PURCHASE_MESSAGES.fen_left>, field: string, extra: Record<string, unknown>) =>
  fail('return_exceeds_purchase', detail, { field, extra });
