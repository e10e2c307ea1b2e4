import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const MEMBER_ERRORS = {
  duplicate_phone: { status: 409, title: { zh: '该手机号已是本计划会员', en: 'A member with this phone already exists' } },
  member_not_active: { status: 422, title: { zh: '会员状态不允许此操作', en: 'The member is not active' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = { active: '正常', suspended: '已暂停', terminated: '已终止' };
const zhStatus = (s: string) => STATUS_ZH[s] ?? s;

export const MEMBER_MESSAGES = messages('members', {
  duplicate_phone: { en: 'A member with this phone already exists in this program', zh: '该手机号已在本计划注册会员' },
  not_active: { en: (p: { status: string }) => `The member is ${p.status}`, zh: (p: { status: string }) => `会员状态为 ${zhStatus(p.status)}` },
  bad_move: {
    en: (p: { from: string; to: string }) => `A ${p.from} member cannot be moved to ${p.to}`,
    zh: (p: { from: string; to: string }) => `${zhStatus(p.from)}会员不能变更为${zhStatus(p.to)}`,
  },
  till_lists: {
    en: 'A till finds a member by phone, e-mail, member number or a name of two characters or more (q), one page; it does not list the program\'s members',
    zh: '收银请按手机号、邮箱、会员号或至少两个字的姓名查找会员（仅一页结果），不能浏览全部会员列表',
  },
  mobile: { en: 'Invalid mobile number: expected a mainland China mobile such as 13812345678', zh: '不是有效的中国大陆手机号' },
  resident_id: { en: 'Invalid resident ID number: wrong length, birth date or check digit', zh: '身份证号码无效' },
  email: { en: 'Invalid email address', zh: '邮箱地址无效' },
  birthday_future: { en: 'Invalid birthday: in the future', zh: '生日不能晚于今天' },
  enrolled_range: { en: 'The enrolment range ends before it starts', zh: '注册日期范围的结束日期早于开始日期' },
  unknown_tier: { en: 'No such tier in this program', zh: '本计划没有该等级' },
  reveal_note: { en: 'Say what the data is for: a note is required when the purpose is other', zh: '用途为“其他”时须填写说明' },
});

const fail = failures(MEMBER_ERRORS);
export const duplicatePhone = () => fail('duplicate_phone', MEMBER_MESSAGES.duplicate_phone(), { field: 'phone' });
export const memberNotActive = (status: string) =>
  fail('member_not_active', MEMBER_MESSAGES.not_active({ status }), { field: 'member_id', extra: { member_status: status } });
