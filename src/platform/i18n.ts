import { z } from 'zod';
import { messageByKey, messages, type Lang, type Message } from './errors.ts';

export type { Lang } from './errors.ts';

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

// Messages a schema names by key (`{ message: 'field.date' }`): the schema keeps its
// rule, this catalog keeps its words. A module registers its own with messages().
export const FIELD = messages('field', {
  required: { en: 'Required', zh: '必填' },
  id: { en: (p: { prefix: string }) => `Invalid id: expected ${p.prefix}_…`, zh: 'ID 格式无效' },
  date: { en: 'Invalid date: expected YYYY-MM-DD', zh: '日期格式应为 YYYY-MM-DD' },
  date_time: { en: 'Invalid ISO date time: expected e.g. 2026-11-23T10:00:00+08:00', zh: '时间格式应为 ISO 8601（含时区）' },
  time_zone: { en: 'Invalid time zone: expected an IANA name such as Asia/Shanghai', zh: '时区无效' },
  nul: { en: 'Invalid text: contains a NUL character', zh: '文本含有不允许的字符（NUL）' },
  code: { en: 'Invalid code: 1–32 letters, digits, - or _', zh: '编码只能包含 1–32 个字母、数字、- 或 _' },
  currency: { en: 'Invalid currency: expected an ISO 4217 code', zh: '币种代码无效' },
  member_no: { en: 'Invalid member number', zh: '会员号无效' },
  actor_ids: { en: 'Give 1–100 actor ids separated by commas (letters, digits, - or _)', zh: '请提供 1–100 个以逗号分隔的操作人 ID（字母、数字、- 或 _）' },
});

/** Every zod issue that reaches a client carries a message key or zod's own code. */
z.config({
  customError: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'field.required' : undefined),
});

/** What validation reports per issue (fastify-type-provider-zod: keyword = zod's code). */
export interface ZodIssueLike {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const SIZE_ZH: Record<string, (n: unknown, inclusive: boolean, big: boolean) => string> = {
  number: (n, inc, big) => (big ? (inc ? `不能大于 ${n}` : `必须小于 ${n}`) : inc ? `不能小于 ${n}` : `必须大于 ${n}`),
  string: (n, _i, big) => (big ? `最多 ${n} 个字符` : `至少 ${n} 个字符`),
  array: (n, _i, big) => (big ? `最多 ${n} 项` : `至少 ${n} 项`),
};

const FORMAT_ZH: Record<string, string> = { email: '邮箱地址无效', datetime: '时间格式应为 ISO 8601（含时区）', date: '日期格式应为 YYYY-MM-DD' };

/** A validation issue's message in both languages, chosen by the issue's code and params. */
export function issueMessage(issue: ZodIssueLike): Message {
  const en = issue.message ?? 'Invalid';
  const p = issue.params ?? {};
  const keyed = messageByKey(en, (p.params as Record<string, unknown> | undefined) ?? {});
  if (keyed) return keyed;
  const zh = (() => {
    switch (issue.keyword) {
      case 'invalid_type':
        return p.expected === 'int' ? '必须是整数' : `类型错误：应为 ${String(p.expected)}`;
      case 'too_small':
      case 'too_big': {
        const big = issue.keyword === 'too_big';
        const size = SIZE_ZH[String(p.origin)];
        return size ? size(big ? p.maximum : p.minimum, p.inclusive !== false, big) : undefined;
      }
      case 'invalid_value':
        return '取值不在允许范围内';
      case 'invalid_format':
        return FORMAT_ZH[String(p.format)] ?? '格式不正确';
      case 'unrecognized_keys':
        return '不允许的字段';
      case 'invalid_union':
        return '不符合任何允许的形式';
      default:
        return undefined;
    }
  })();
  return { key: `zod.${issue.keyword}`, en, zh: zh ?? en };
}

