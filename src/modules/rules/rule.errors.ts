import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const RULE_ERRORS = {
  rule_archived: { status: 409, title: { zh: '规则已归档', en: 'The rule is archived' } },
} as const satisfies ErrorTable;

export const RULE_MESSAGES = messages('rules', {
  hhmm: { en: 'Invalid time: expected HH:MM from 00:00 to 23:59', zh: '时间格式应为 HH:MM（00:00–23:59）' },
  hours_empty: { en: 'Invalid hours: from and to are the same, which leaves no time', zh: '时段的开始与结束不能相同' },
  weekdays_unique: { en: 'Invalid weekdays: a day is listed twice', zh: '星期不能重复' },
  valid_range: { en: 'Invalid validity: valid_to is before valid_from', zh: '有效期结束日期不能早于开始日期' },
  archived: {
    en: (p: { id: string }) => `Rule ${p.id} is archived and can no longer change`,
    zh: (p: { id: string }) => `规则 ${p.id} 已归档，不能再修改`,
  },
});

const fail = failures(RULE_ERRORS);
export const ruleArchived = (id: string) => fail('rule_archived', RULE_MESSAGES.archived({ id }), { field: 'rule_id' });
