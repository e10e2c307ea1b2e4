import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const SUGGESTION_ERRORS = {
  suggestion_status: { status: 409, title: { zh: '建议当前状态不允许此操作', en: 'The suggestion\'s status does not allow this' } },
  suggestion_merge: { status: 409, title: { zh: '不能合并到该建议', en: 'The suggestion cannot be merged into that one' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = { new: '新建', under_review: '评审中', adopted: '已采纳', declined: '未采纳', duplicate: '已合并' };
const ACTION_EN: Record<string, string> = { review: 'put under review', adopt: 'adopted', decline: 'declined', merge: 'merged', support: 'supported' };
const ACTION_ZH: Record<string, string> = { review: '开始评审', adopt: '采纳', decline: '拒绝', merge: '合并', support: '附议' };

export const SUGGESTION_MESSAGES = messages('suggestions', {
  bad_move: {
    en: (p: { status: string; action: string }) => `A suggestion that is ${p.status.replace('_', ' ')} cannot be ${ACTION_EN[p.action] ?? p.action}`,
    zh: (p: { status: string; action: string }) => `${STATUS_ZH[p.status] ?? p.status}的建议不能${ACTION_ZH[p.action] ?? p.action}`,
  },
  merge_self: { en: 'A suggestion cannot be merged into itself', zh: '不能将建议合并到其自身' },
  merge_target: {
    en: (p: { status: string }) => `The target is ${p.status.replace('_', ' ')}: merge only into a new or under-review suggestion`,
    zh: (p: { status: string }) => `目标建议为“${STATUS_ZH[p.status] ?? p.status}”，只能合并到新建或评审中的建议`,
  },
  author_member_or_staff: {
    en: 'Give the member who made the suggestion (member_id), or record it as staff\'s own (channel staff) without one',
    zh: '请填写提出建议的会员（member_id），或以员工身份登记（渠道为 staff，不填会员）',
  },
  category_inactive: { en: 'This category is no longer in use', zh: '该分类已停用' },
  category_name_taken: { en: 'A category with this name exists', zh: '已有同名分类' },
  own_suggestion: { en: 'The author already stands behind their own suggestion', zh: '提出者无需为自己的建议附议' },
});

const fail = failures(SUGGESTION_ERRORS);
export type SuggestionAction = 'review' | 'adopt' | 'decline' | 'merge' | 'support';
export const badMove = (status: string, action: SuggestionAction) =>
  fail('suggestion_status', SUGGESTION_MESSAGES.bad_move({ status, action }), { field: 'status', extra: { suggestion_status: status } });
export const mergeSelf = () => fail('suggestion_merge', SUGGESTION_MESSAGES.merge_self(), { field: 'target_id' });
export const mergeTarget = (status: string) => fail('suggestion_merge', SUGGESTION_MESSAGES.merge_target({ status }), { field: 'target_id', extra: { target_status: status } });
