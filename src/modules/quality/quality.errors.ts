import { failures, messages, type ErrorTable } from '../../platform/errors.ts';
import type { AnswerProblem } from './quality.score.ts';

export const QUALITY_ERRORS = {
  quality_already_reviewed: { status: 409, title: { zh: '您已评过该工单', en: 'You have already reviewed this case' } },
  quality_already_disputed: { status: 409, title: { zh: '该评分已申诉过', en: 'This review has already been disputed' } },
  quality_dispute_closed: { status: 409, title: { zh: '该申诉已处理', en: 'This dispute has already been resolved' } },
  quality_case_not_closed: { status: 422, title: { zh: '只能评审已关闭的工单', en: 'Only closed cases are reviewed' } },
} as const satisfies ErrorTable;

export const QUALITY_MESSAGES = messages('quality', {
  scale: { en: 'The top of the scale must be above its bottom', zh: '量表最大值须大于最小值' },
  pass_mark: { en: 'A critical category needs a pass mark above the bottom of its scale and within it', zh: '关键项须设置合格线，且在量表范围内、高于最小值' },
  duplicate_key: { en: 'Each category needs its own key', zh: '评分项的标识不能重复' },
  range: { en: 'The end of the range is before its start', zh: '结束日期早于开始日期' },
  rescore_required: { en: 'An upheld dispute re-scores the review: give its new answers', zh: '申诉成立时须重新评分（填写新的评分）' },
  missing: { en: (p: { key: string }) => `Category "${p.key}" is not answered`, zh: (p: { key: string }) => `评分项「${p.key}」未评分` },
  unknown: { en: (p: { key: string }) => `The scorecard has no category "${p.key}"`, zh: (p: { key: string }) => `评分表中没有评分项「${p.key}」` },
  na_not_allowed: { en: (p: { key: string }) => `Category "${p.key}" cannot be N/A`, zh: (p: { key: string }) => `评分项「${p.key}」不能选「不适用」` },
  off_scale: {
    en: (p: { key: string; min: number; max: number }) => `Category "${p.key}" is scored from ${p.min} to ${p.max}`,
    zh: (p: { key: string; min: number; max: number }) => `评分项「${p.key}」的分值须在 ${p.min}–${p.max} 之间`,
  },
  retired: { en: 'This scorecard has a newer version: use that one', zh: '该评分表已有新版本，请使用新版本' },
  reviewed: { en: 'You have already reviewed this case: each reviewer scores a case once', zh: '您已评过该工单，每位质检员对同一工单只能评一次' },
  not_closed: { en: 'The case is not closed yet', zh: '该工单尚未关闭' },
  no_agent: { en: 'The case was closed without an agent: there is nobody to review', zh: '该工单关闭时没有处理人，无法质检' },
  not_reviewer: { en: 'Reviewers are active staff who may score reviews (quality.review)', zh: '质检员须为在职且有质检评分权限的员工' },
  own_only: { en: 'You can dispute your own reviews only', zh: '只能对自己的质检结果提出申诉' },
  staff_only: { en: 'Only a person signed in to the console has reviews of their own', zh: '只有登录控制台的员工才有自己的质检记录' },
  disputed: { en: 'This review has already been disputed', zh: '该质检结果已申诉过' },
  resolved: { en: 'This dispute has already been resolved', zh: '该申诉已处理' },
  own_review: { en: 'A reviewer does not resolve a dispute of their own review', zh: '不能处理针对自己评分的申诉' },
});

const fail = failures(QUALITY_ERRORS);
export const alreadyReviewed = () => fail('quality_already_reviewed', QUALITY_MESSAGES.reviewed(), { field: 'case_id' });
export const alreadyDisputed = () => fail('quality_already_disputed', QUALITY_MESSAGES.disputed(), { field: 'review_id' });
export const disputeClosed = () => fail('quality_dispute_closed', QUALITY_MESSAGES.resolved(), { field: 'dispute_id' });
export const caseNotClosed = () => fail('quality_case_not_closed', QUALITY_MESSAGES.not_closed(), { field: 'case_id' });
export const answerMessage = (p: AnswerProblem) =>
  p.kind === 'off_scale' ? QUALITY_MESSAGES.off_scale(p) : QUALITY_MESSAGES[p.kind]({ key: p.key });
