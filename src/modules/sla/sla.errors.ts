import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const SLA_ERRORS = {
  sla_policy_exists: { status: 409, title: { zh: '已有相同适用范围的时限规则', en: 'A policy for this scope exists' } },
} as const satisfies ErrorTable;

export const SLA_MESSAGES = messages('sla', {
  exists: {
    en: 'There is already a policy for this subject type, metric, tier and priority: edit it instead',
    zh: '该类型、指标、等级与优先级已有时限规则，请直接修改',
  },
  target_too_long: {
    en: (p: { max: number; unit: string }) => `At most ${p.max} ${p.unit === 'working_days' ? 'working days' : p.unit === 'working_hours' ? 'working hours' : 'hours'}`,
    zh: (p: { max: number; unit: string }) => `最多 ${p.max} ${p.unit === 'working_days' ? '个工作日' : p.unit === 'working_hours' ? '工作小时' : '小时'}`,
  },
  outcome_complaints: { en: 'The outcome metric is for complaints (003 §7.2: the member told within 5 working days)', zh: '结果告知时限仅适用于投诉（003 §7.2）' },
  time: { en: 'A time HH:MM (00:00–23:59)', zh: '时间格式应为 HH:MM（00:00–23:59）' },
  quiet_both: { en: 'Quiet hours need a start and an end', zh: '免打扰时段须同时设置开始和结束时间' },
  quiet_same: { en: 'Quiet hours must not start and end at the same time', zh: '免打扰时段的开始和结束时间不能相同' },
  staff_inactive: { en: 'This staff account is disabled', zh: '该员工账号已停用' },
});

const fail = failures(SLA_ERRORS);
export const policyExists = () => fail('sla_policy_exists', SLA_MESSAGES.exists(), { field: 'metric' });
