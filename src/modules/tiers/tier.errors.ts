import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const TIER_ERRORS = {
  tier_job_running: { status: 409, title: { zh: '等级表变更任务正在进行', en: 'A tier-table change is still being applied' } },
} as const satisfies ErrorTable;

export const TIER_MESSAGES = messages('tiers', {
  reach_order: {
    en: (p: { previous: number }) => `Invalid reach threshold: must be above the previous tier's (${p.previous})`,
    zh: (p: { previous: number }) => `晋升门槛须高于上一等级（${p.previous}）`,
  },
  keep_above_reach: { en: 'Invalid keep threshold: must not be above the reach threshold', zh: '保级门槛不能高于晋升门槛' },
  duplicate_code: { en: 'Invalid code: another tier in the table has it', zh: '等级编码在表中重复' },
  duplicate_id: { en: 'Invalid id: the tier is listed twice', zh: '同一等级在表中出现两次' },
  unknown_tier: { en: 'Invalid id: not a tier of this program', zh: '不是本计划的等级' },
  ends_on_past: { en: 'Invalid date: the end date is before today', zh: '结束日期不能早于今天' },
  months_not_rolling: { en: 'window_months applies to rolling_months only', zh: 'window_months 仅适用于 rolling_months' },
  job_running: { en: 'Wait for the running tier-table change to finish', zh: '请等待当前等级表变更任务完成' },
  no_floor: { en: 'The member has no manual tier floor', zh: '该会员没有人工指定的等级' },
});

const fail = failures(TIER_ERRORS);
export const tierJobRunning = (jobId: string) => fail('tier_job_running', TIER_MESSAGES.job_running(), { extra: { job_id: jobId } });
