import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const CAMPAIGN_ERRORS = {
  campaign_status: { status: 409, title: { zh: '营销活动当前状态不允许此操作', en: 'The campaign\'s status does not allow this' } },
  campaign_budget_spent: { status: 409, title: { zh: '营销活动预算已用完', en: 'The campaign\'s budget is spent' } },
  campaign_member_limit: { status: 409, title: { zh: '已达到该会员在此活动中的上限', en: 'The member reached the campaign\'s per-member limit' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = { draft: '草稿', active: '进行中', ended: '已结束', cancelled: '已取消' };

export const CAMPAIGN_MESSAGES = messages('campaigns', {
  ends_before_start: { en: 'Invalid dates: ends_at must be after starts_at', zh: '结束时间必须晚于开始时间' },
  award_points_required: { en: 'An award campaign needs award_points', zh: '一次性赠送活动须填写赠送积分（award_points）' },
  ends_in_past: { en: 'Invalid end: an active campaign cannot end in the past; end it now instead', zh: '进行中的活动结束时间不能早于现在，如需立即结束请结束活动' },
  coupon_type_rules: { en: 'Only an award campaign issues coupons', zh: '只有一次性赠送活动可以发放优惠券' },
  award_points_rules: { en: 'Only an award campaign has award_points', zh: '只有一次性赠送活动可以填写赠送积分' },
  budget_below_used: {
    en: (p: { used: number }) => `The budget cannot be below the ${p.used} points already used`,
    zh: (p: { used: number }) => `预算不能低于已使用的 ${p.used} 积分`,
  },
  status_change: {
    en: (p: { from: string; to: string }) => `A campaign that is ${p.from} cannot become ${p.to}`,
    zh: (p: { from: string; to: string }) => `${STATUS_ZH[p.from] ?? p.from}的活动不能变为${STATUS_ZH[p.to] ?? p.to}`,
  },
  not_editable: {
    en: (p: { status: string }) => `A campaign that is ${p.status} can no longer be edited`,
    zh: (p: { status: string }) => `${STATUS_ZH[p.status] ?? p.status}的活动不能再修改`,
  },
  draft_only: {
    en: (p: { field: string }) => `${p.field} can only change while the campaign is a draft`,
    zh: (p: { field: string }) => `${p.field} 只能在活动为草稿时修改`,
  },
  not_award: { en: 'Only an award campaign awards points', zh: '只有一次性赠送活动可以发放积分' },
  award_inactive: { en: 'Points are awarded only while the campaign is active', zh: '只有进行中的活动可以发放积分' },
  budget_spent: {
    en: (p: { left: number; asked: number }) => `The campaign's budget has ${p.left} points left, ${p.asked} asked`,
    zh: (p: { left: number; asked: number }) => `活动预算剩余 ${p.left} 积分，不足 ${p.asked}`,
  },
  member_limit: { en: 'The member reached the campaign\'s per-member limit', zh: '该会员已达到本活动的单人上限' },
});

const fail = failures(CAMPAIGN_ERRORS);
export const statusChange = (from: string, to: string) => fail('campaign_status', CAMPAIGN_MESSAGES.status_change({ from, to }), { field: 'status' });
export const notEditable = (status: string) => fail('campaign_status', CAMPAIGN_MESSAGES.not_editable({ status }));
export const draftOnly = (field: string) => fail('campaign_status', CAMPAIGN_MESSAGES.draft_only({ field }), { field });
export const notAward = () => fail('campaign_status', CAMPAIGN_MESSAGES.not_award(), { field: 'kind' });
export const awardInactive = () => fail('campaign_status', CAMPAIGN_MESSAGES.award_inactive(), { field: 'status' });
export const budgetSpent = (left: number, asked: number) => fail('campaign_budget_spent', CAMPAIGN_MESSAGES.budget_spent({ left, asked }), { field: 'budget_points' });
export const memberLimit = () => fail('campaign_member_limit', CAMPAIGN_MESSAGES.member_limit(), { field: 'per_member_limit' });
