import type { ErrorCode } from './errors.ts';

export type Lang = 'zh' | 'en';

/** Picks zh or en from an Accept-Language header; Chinese is the default. */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

export const TITLES: Record<ErrorCode, Record<Lang, string>> = {
  validation: { zh: '请求参数不正确', en: 'The request is not valid' },
  malformed_json: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  unauthorized: { zh: '缺少或无效的 API 密钥', en: 'Missing or invalid API key' },
  forbidden: { zh: '无权执行此操作', en: 'This key may not do that' },
  not_found: { zh: '资源不存在', en: 'Not found' },
  conflict: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  duplicate_phone: { zh: '该手机号已是本计划会员', en: 'A member with this phone already exists' },
  idempotency_conflict: { zh: '幂等键已用于另一个请求', en: 'This idempotency key was used for a different request' },
  idempotency_key_required: { zh: '缺少 Idempotency-Key 请求头', en: 'The Idempotency-Key header is required' },
  insufficient_points: { zh: '可用积分不足', en: 'Not enough available points' },
  return_exceeds_purchase: { zh: '退货超出原购买的可退范围', en: 'The return exceeds what is left of the purchase' },
  member_not_active: { zh: '会员状态不允许此操作', en: 'The member is not active' },
  payload_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
};

// Field-level messages from validation, translated by pattern; anything unmatched is
// passed through in English.
const ZH_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Required$|^Invalid input: expected \w+, received undefined$/, () => '必填'],
  [/^Unrecognized key/, () => '不允许的字段'],
  [/^Invalid input: expected int, received number$/, () => '必须是整数'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `类型错误：应为 ${m[1]}，实际为 ${m[2]}`],
  [/^Too small: expected number to be >=?(\d+)$/, (m) => `不能小于 ${m[1]}`],
  [/^Too small: expected number to be >(\d+)$/, (m) => `必须大于 ${m[1]}`],
  [/^Too big: expected number to be <=?(\d+)$/, (m) => `不能大于 ${m[1]}`],
  [/^Too small: expected string to have >=?(\d+) characters?$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (m) => `最多 ${m[1]} 个字符`],
  [/^Invalid option/, () => '取值不在允许范围内'],
  [/^Invalid mobile number/, () => '不是有效的中国大陆手机号'],
  [/^Invalid resident ID/, () => '身份证号码无效'],
  [/^Invalid date/, () => '日期格式应为 YYYY-MM-DD'],
  [/^Invalid (ISO )?date ?time/i, () => '时间格式应为 ISO 8601（含时区）'],
  [/^Invalid email/i, () => '邮箱地址无效'],
  [/^Invalid id/, () => 'ID 格式无效'],
  [/^Invalid time zone/, () => '时区无效'],
];

export function translateMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, fn] of ZH_MESSAGES) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}
