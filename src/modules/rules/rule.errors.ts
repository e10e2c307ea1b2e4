import { messages } from '../../platform/errors.ts';

// The rules module's messages. Its error codes (and their entry in src/errors.ts) come with
// its service; for now only the schema names these, by key.
export const RULE_MESSAGES = messages('rules', {
  hhmm: { en: 'Invalid time: expected HH:MM from 00:00 to 23:59', zh: '时间格式应为 HH:MM（00:00–23:59）' },
  hours_empty: { en: 'Invalid hours: from and to are the same, which leaves no time', zh: '时段的开始与结束不能相同' },
  weekdays_unique: { en: 'Invalid weekdays: a day is listed twice', zh: '星期不能重复' },
  valid_range: { en: 'Invalid validity: valid_to is before valid_from', zh: '有效期结束日期不能早于开始日期' },
});
