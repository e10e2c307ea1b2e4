import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const SURVEY_ERRORS = {
  survey_frozen: { status: 409, title: { zh: '调查已有答卷，题目不能再改', en: 'The survey has answers: its questions are frozen' } },
  survey_not_active: { status: 409, title: { zh: '调查未启用', en: 'The survey is not active' } },
  survey_wrong_kind: { status: 422, title: { zh: '该类调查不能这样发送', en: 'This kind of survey is not sent this way' } },
  survey_link_unknown: { status: 404, title: { zh: '调查链接无效', en: 'Unknown survey link' } },
  survey_link_used: { status: 409, title: { zh: '该调查已提交过', en: 'This survey has been answered' } },
  survey_link_expired: { status: 410, title: { zh: '调查链接已过期', en: 'The survey link has expired' } },
  survey_rate_limited: { status: 429, title: { zh: '请求过于频繁', en: 'Too many requests' } },
} as const satisfies ErrorTable;

export const SURVEY_MESSAGES = messages('surveys', {
  frozen: { en: 'Members have answered this survey: its questions stay as they were answered (make a new survey to ask something else)', zh: '已有会员作答，题目保持作答时的样子（如需调整请新建调查）' },
  not_active: { en: (p: { status: string }) => `The survey is ${p.status}: activate it first`, zh: (p: { status: string }) => `调查状态为 ${p.status}，请先启用` },
  wrong_kind: { en: (p: { kind: string; how: string }) => `A ${p.kind} survey is not ${p.how}`, zh: (p: { kind: string; how: string }) => `${p.kind} 调查不能${p.how === 'sampled' ? '抽样发送' : '手工发送'}` },
  link_unknown: { en: 'This survey link is not valid. Check that it was copied whole.', zh: '调查链接无效，请确认链接完整。' },
  link_used: { en: 'This survey has already been answered. Thank you!', zh: '您已提交过本次调查，感谢您的反馈！' },
  link_expired: { en: 'This survey link has expired.', zh: '调查链接已过期。' },
  rate_limited: { en: (p: { seconds: number }) => `Too many requests: try again in ${p.seconds} s`, zh: (p: { seconds: number }) => `请求过于频繁，请 ${p.seconds} 秒后再试` },
  one_csat: { en: 'The program already has an active CSAT survey (closed cases are surveyed with it): close that one first', zh: '已有启用中的 CSAT 调查（结案后的满意度调查使用它），请先关闭该调查' },
  who: { en: 'Give either member_ids or segment_id', zh: '请指定会员（member_ids）或会员分群（segment_id），二选一' },
  required: { en: 'Please answer this question', zh: '请回答此题' },
  rating: { en: (p: { min: number; max: number }) => `Choose a whole number from ${p.min} to ${p.max}`, zh: (p: { min: number; max: number }) => `请选择 ${p.min} 到 ${p.max} 之间的整数` },
  option: { en: 'Choose one of the options offered', zh: '请从给出的选项中选择' },
  text_long: { en: 'At most 2000 characters', zh: '最多 2000 个字' },
  rating_range: { en: 'A rating runs from a lower to a higher whole number (0–10)', zh: '评分须从较小整数到较大整数（0–10）' },
  options_needed: { en: 'A choice question needs 2 to 20 different options', zh: '选择题须有 2 到 20 个不同的选项' },
  question_ids: { en: 'Each question needs its own id', zh: '题目 ID 不能重复' },
  csat_shape: { en: 'A CSAT survey asks a 1–5 rating first', zh: 'CSAT 调查第一题须为 1–5 分评分' },
  nps_shape: { en: 'An NPS survey asks a 0–10 rating first', zh: 'NPS 调查第一题须为 0–10 分评分' },
  nps_settings: { en: 'An NPS survey needs sample_size, every_days and recontact_days', zh: 'NPS 调查须设置抽样人数、抽样间隔天数和免打扰天数' },
});

const fail = failures(SURVEY_ERRORS);
export const surveyFrozen = () => fail('survey_frozen', SURVEY_MESSAGES.frozen(), { field: 'questions' });
export const surveyNotActive = (status: string) => fail('survey_not_active', SURVEY_MESSAGES.not_active({ status }), { field: 'status' });
export const wrongKind = (kind: string, how: 'sampled' | 'sent by hand') => fail('survey_wrong_kind', SURVEY_MESSAGES.wrong_kind({ kind, how }), { field: 'survey_id' });
export const linkUnknown = () => fail('survey_link_unknown', SURVEY_MESSAGES.link_unknown(), { field: 'token' });
export const linkUsed = () => fail('survey_link_used', SURVEY_MESSAGES.link_used(), { field: 'token' });
export const linkExpired = () => fail('survey_link_expired', SURVEY_MESSAGES.link_expired(), { field: 'token' });
export const rateLimited = (seconds: number) => fail('survey_rate_limited', SURVEY_MESSAGES.rate_limited({ seconds }), { extra: { retry_after: seconds } });
