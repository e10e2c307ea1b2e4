import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const REFERRAL_ERRORS = {
  referral_code_invalid: { status: 422, title: { zh: '推荐码无效', en: 'The referral code is not valid' } },
  referral_self: { status: 422, title: { zh: '不能使用自己的推荐码', en: 'A member cannot use their own referral code' } },
  referral_exists: { status: 409, title: { zh: '该会员已有推荐人', en: 'The member already has a referrer' } },
  referral_too_late: { status: 409, title: { zh: '已消费的会员不能再绑定推荐人', en: 'A member who has bought cannot be linked to a referrer' } },
  referral_status: { status: 409, title: { zh: '推荐记录当前状态不允许此操作', en: 'The referral\'s status does not allow this' } },
} as const satisfies ErrorTable;

export const REFERRAL_MESSAGES = messages('referrals', {
  code_shape: {
    en: 'Invalid referral code: 9 characters from 2–9 and A–Z without I, L, O, U (spaces and dashes are ignored)',
    zh: '推荐码格式不正确：应为 9 位，由数字 2–9 和除 I、L、O、U 以外的字母组成（空格与短横线可忽略）',
  },
  code_unknown: { en: 'No member has this referral code: check it with the member', zh: '没有会员使用此推荐码，请与会员核对' },
  code_inactive: { en: 'The member who owns this code is not active, so it cannot be used', zh: '此推荐码的会员状态不正常，暂不能使用' },
  self: { en: 'This is the member\'s own referral code', zh: '这是该会员自己的推荐码' },
  exists: { en: 'The member was already referred by another member', zh: '该会员已由其他会员推荐' },
  too_late: { en: 'A referrer can only be added before the member\'s first purchase', zh: '只能在会员首次消费前绑定推荐人' },
  not_blocked: {
    en: (p: { status: string }) => `Only a blocked referral can be released; this one is ${p.status}`,
    zh: (p: { status: string }) => `只有被拦截的推荐可以放行，该推荐状态为 ${STATUS_ZH[p.status] ?? p.status}`,
  },
  burst_window: { en: 'burst_minutes must be between 1 and 1440', zh: '突发窗口须在 1 到 1440 分钟之间' },
  share_url: { en: 'Invalid share link base: an http(s) URL', zh: '分享链接前缀须为 http(s) 地址' },
});

const STATUS_ZH: Record<string, string> = { pending: '待首单', blocked: '已拦截', released: '已放行', rewarded: '已奖励', void: '已作废' };

const fail = failures(REFERRAL_ERRORS);
export const codeUnknown = () => fail('referral_code_invalid', REFERRAL_MESSAGES.code_unknown(), { field: 'referral_code' });
export const codeInactive = () => fail('referral_code_invalid', REFERRAL_MESSAGES.code_inactive(), { field: 'referral_code' });
export const selfCode = () => fail('referral_self', REFERRAL_MESSAGES.self(), { field: 'referral_code' });
export const alreadyReferred = () => fail('referral_exists', REFERRAL_MESSAGES.exists(), { field: 'member_id' });
export const tooLate = () => fail('referral_too_late', REFERRAL_MESSAGES.too_late(), { field: 'member_id' });
export const notBlocked = (status: string) => fail('referral_status', REFERRAL_MESSAGES.not_blocked({ status }), { field: 'referral_id', extra: { referral_status: status } });
