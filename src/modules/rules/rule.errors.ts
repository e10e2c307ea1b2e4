import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const RULE_ERRORS = {
  rule_archived: { status: 409, title: { zh: '规则已归档', en: 'The rule is archived' } },
  earn_busy: { status: 409, title: { zh: '该会员正有其他积分写入，请重试', en: 'Another earn for this member is in progress; retry' } },
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
  busy: {
    en: 'Too many simultaneous purchases for this member; retry with the same Idempotency-Key',
    zh: '该会员同时有过多消费写入，请用同一 Idempotency-Key 重试',
  },
});

const fail = failures(RULE_ERRORS);
export const ruleArchived = (id: string) => fail('rule_archived', RULE_MESSAGES.archived({ id }), { field: 'rule_id' });
export const earnBusy = () => fail('earn_busy', RULE_MESSAGES.busy());
