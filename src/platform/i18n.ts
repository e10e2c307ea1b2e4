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
  [/^Invalid cursor/, () => '分页游标无效'],
  [/^Invalid text: contains a NUL/, () => '文本含有不允许的字符（NUL）'],
  [/^A text value contains a character that is not allowed/, () => '文本含有不允许的字符'],
  [/^Invalid birthday: in the future/, () => '生日不能晚于今天'],
  [/^Invalid date time: before 2000/, () => '时间不能早于 2000 年'],
  [/^Invalid member number/, () => '会员号无效'],
  [/^Invalid currency/, () => '币种代码无效'],
  [/^Invalid code/, () => '编码只能包含 1–32 个字母、数字、- 或 _'],
  // domain messages
  [/^A member with this phone already exists/, () => '该手机号已在本计划注册会员'],
  [/^Needs (\d+) points, (\d+) available$/, (m) => `需要 ${m[1]} 积分，可用仅 ${m[2]}`],
  [/^Only (\d+) fen of this purchase is left to return$/, (m) => `该笔购买仅剩 ${m[1]} 分可退`],
  [/^Only (\d+) of (.+) are left to return$/, (m) => `${m[2]} 仅剩 ${m[1]} 件可退`],
  [/^SKU (.+) is not on the purchase$/, (m) => `原购买中没有商品 ${m[1]}`],
  [/^The purchase has no lines/, () => '原购买没有商品明细，请按金额退货'],
  [/^The member is (\w+)$/, (m) => `会员状态为 ${STATUS_ZH[m[1]!] ?? m[1]}`],
  [/^A (\w+) member cannot be moved to (\w+)$/, (m) => `${STATUS_ZH[m[1]!] ?? m[1]}会员不能变更为${STATUS_ZH[m[2]!] ?? m[2]}`],
  [/^([\w ]+) not found$/, (m) => `${RESOURCE_ZH[m[1]!] ?? m[1]}不存在`],
  [/^No route (.+)$/, (m) => `没有这个接口：${m[1]}`],
  [/^This Idempotency-Key was already used/, () => '该 Idempotency-Key 已用于另一个请求'],
  [/^Send an Idempotency-Key header/, () => '请发送 Idempotency-Key 请求头'],
  [/^Idempotency-Key must be/, () => 'Idempotency-Key 须为 1–128 个可见 ASCII 字符'],
  [/^Send a valid API key/, () => '请以 "Authorization: Bearer <密钥>" 发送有效的 API 密钥'],
  [/^This key belongs to another program/, () => '该密钥属于另一个会员计划'],
  [/^This needs a key with role (.+)$/, (m) => `需要角色为 ${m[1]} 的密钥`],
  [/^Only the bootstrap admin key/, () => '只有初始管理员密钥可以执行此操作'],
  [/^A pos key records purchases for its own store only/, () => 'POS 密钥只能为其所属门店记录消费'],
  [/^A pos key belongs to one store/, () => 'POS 密钥须属于一个门店：请提供 store_id'],
  [/^An admin key is not tied to a store/, () => '管理员密钥不属于门店'],
  [/^Store code (.+) is taken$/, (m) => `门店编码 ${m[1]} 已被使用`],
  [/^Required: the store/, () => '必填：消费发生的门店'],
  [/^Give exactly one of member_id, member_no or phone/, () => 'member_id、member_no、phone 须且只能提供一个'],
  [/^Line amounts add up to (\d+), not amount_fen (\d+)$/, (m) => `明细金额合计 ${m[1]}，与 amount_fen ${m[2]} 不一致`],
  [/^Give amount_fen or lines, not both/, () => 'amount_fen 与 lines 只能提供一个'],
  [/^The body is not valid JSON/, () => '请求体不是有效的 JSON'],
  [/^The JSON body is empty/, () => 'JSON 请求体为空'],
  [/^Send application\/json/, () => '请以 application/json 发送'],
  [/^The request body is too large/, () => '请求体过大'],
  [/^A value is out of range/, () => '数值超出范围'],
  [/^Conflicts with an existing record/, () => '与现有记录冲突'],
  [/a purchase cannot be in the future/, () => '消费时间不能晚于当前时间'],
  [/^Internal server error$/, () => '服务器内部错误'],
];

const STATUS_ZH: Record<string, string> = { active: '正常', suspended: '已暂停', terminated: '已终止' };
const RESOURCE_ZH: Record<string, string> = {
  program: '会员计划', store: '门店', member: '会员', purchase: '消费记录', 'api key': 'API 密钥',
};

export function translateMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, fn] of ZH_MESSAGES) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  // "field: message" from validation: keep the field, translate the message
  const prefixed = /^([\w.[\]-]+): (.+)$/.exec(message);
  if (prefixed) {
    const inner = translateMessage(prefixed[2]!, lang);
    if (inner !== prefixed[2]) return `${prefixed[1]}: ${inner}`;
  }
  return message;
}
