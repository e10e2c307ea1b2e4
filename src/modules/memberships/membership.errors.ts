import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const MEMBERSHIP_ERRORS = {
  vip_membership_status: { status: 409, title: { zh: 'VIP 会籍当前状态不允许此操作', en: 'The VIP membership\'s status does not allow this' } },
  vip_seats_full: { status: 409, title: { zh: 'VIP 会籍名额已满', en: 'The VIP membership has no seat left' } },
  vip_receipt_taken: { status: 409, title: { zh: '收据号已使用', en: 'The receipt number is already recorded' } },
  vip_member_taken: { status: 409, title: { zh: '会员已有有效的 VIP 会籍', en: 'The member already has a VIP membership' } },
  vip_refund_changed: { status: 409, title: { zh: '退款金额已变化，请重新确认', en: 'The refund changed; confirm the new amount' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = { active: '有效', expired: '已到期', ended: '已提前终止' };

export const MEMBERSHIP_MESSAGES = messages('memberships', {
  fee_plan: { en: 'An individual plan needs annual_fee_fen', zh: '个人 VIP 方案须填写年费（annual_fee_fen）' },
  fee_required: { en: 'A corporate membership needs its negotiated fee_fen', zh: '企业 VIP 须填写协商费用（fee_fen）' },
  fee_individual: { en: 'An individual membership pays the plan\'s annual fee; leave fee_fen out', zh: '个人 VIP 按方案年费收费，不能另填费用' },
  amount_mismatch: {
    en: (p: { fee: number }) => `A payment pays one term in full: ${p.fee} fen`,
    zh: (p: { fee: number }) => `每笔付款须付清一个周期：${p.fee} 分`,
  },
  company_required: { en: 'A corporate membership needs the company and its contact person', zh: '企业 VIP 须填写公司名称和联系人' },
  member_required: { en: 'An individual membership needs member_id', zh: '个人 VIP 须指定会员（member_id）' },
  corporate_only: { en: 'Only a corporate membership has named members', zh: '只有企业 VIP 可以增减指定会员' },
  term_over: { en: 'The term would already be over: choose a later start', zh: '该周期已经结束，请选择更晚的开始日期' },
  plan_inactive: { en: 'The plan is no longer offered', zh: '该 VIP 方案已停用' },
  status: {
    en: (p: { status: string }) => `The membership is ${p.status}`,
    zh: (p: { status: string }) => `该 VIP 会籍${STATUS_ZH[p.status] ?? p.status}`,
  },
  seats_full: {
    en: (p: { max: number }) => `The plan allows ${p.max} named members`,
    zh: (p: { max: number }) => `该方案最多 ${p.max} 名指定会员`,
  },
  receipt_taken: {
    en: (p: { receipt: string }) => `Receipt ${p.receipt} is already recorded`,
    zh: (p: { receipt: string }) => `收据号 ${p.receipt} 已登记`,
  },
  member_taken: { en: 'The member already holds a seat of a VIP membership', zh: '该会员已在另一个有效的 VIP 会籍中' },
  refund_changed: {
    en: (p: { amount: number }) => `The refund is now ${p.amount} fen`,
    zh: (p: { amount: number }) => `退款金额现为 ${p.amount} 分`,
  },
  refund_on_termination: {
    en: (p: { amount: number }) => `Terminating the member ends their VIP membership, which refunds ${p.amount} fen pro rata: give vip_refund (refund_fen, method)`,
    zh: (p: { amount: number }) => `终止合同将结束该会员的 VIP 会籍，按比例应退 ${p.amount} 分：请填写退款方式（vip_refund）`,
  },
  no_refund_due: { en: 'The member holds no personal VIP membership to refund', zh: '该会员没有需要退款的个人 VIP 会籍' },
  not_seated: { en: 'The member is not a named member of this membership', zh: '该会员不在此 VIP 会籍中' },
});

const fail = failures(MEMBERSHIP_ERRORS);
export const badStatus = (status: string) => fail('vip_membership_status', MEMBERSHIP_MESSAGES.status({ status }), { field: 'status' });
export const seatsFull = (max: number) => fail('vip_seats_full', MEMBERSHIP_MESSAGES.seats_full({ max }), { field: 'member_id' });
export const receiptTaken = (receipt: string, field = 'payment.receipt_no') => fail('vip_receipt_taken', MEMBERSHIP_MESSAGES.receipt_taken({ receipt }), { field });
export const memberTaken = (field = 'member_id') => fail('vip_member_taken', MEMBERSHIP_MESSAGES.member_taken(), { field });
export const refundChanged = (amount: number, field = 'refund_fen') => fail('vip_refund_changed', MEMBERSHIP_MESSAGES.refund_changed({ amount }), { field });
