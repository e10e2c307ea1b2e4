import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const CASE_ERRORS = {
  case_transition_refused: { status: 409, title: { zh: '当前状态下不能执行该操作', en: 'The case\'s state does not allow this action' } },
  case_already_taken: { status: 409, title: { zh: '该工单已有处理人', en: 'The case is already assigned' } },
  case_reassign_forbidden: { status: 403, title: { zh: '不能改派他人的工单', en: 'Only a supervisor may reassign someone else\'s case' } },
  case_not_assignable: { status: 422, title: { zh: '不能分派给该员工', en: 'The case cannot be assigned to this staff account' } },
  case_goodwill_over_limit: { status: 403, title: { zh: '补偿超出单次上限', en: 'The goodwill is above the per-grant ceiling' } },
} as const satisfies ErrorTable;

const STATUS_ZH: Record<string, string> = {
  inquiry: '客户咨询', account_manager: '客户经理接洽', service_plan: '服务方案制定', implementation: '服务实施', evaluation: '服务效果评估',
  received: '已受理', investigating: '调查核实', solution_ready: '已制定解决方案', solution_told: '已告知客户', resolved: '客户确认满意', closed: '已关闭',
};

export const CASE_MESSAGES = messages('cases', {
  transition: {
    en: (p: { action: string; status: string; allowed: string }) => `The case is ${p.status}: "${p.action}" is not possible (possible now: ${p.allowed || 'nothing'})`,
    zh: (p: { action: string; status: string; allowed: string }) => `工单当前状态为「${STATUS_ZH[p.status] ?? p.status}」，不能执行「${p.action}」（当前可执行：${p.allowed || '无'}）`,
  },
  waiting_already: { en: 'The case is already waiting on the member', zh: '该工单已在等待客户回复' },
  not_waiting: { en: 'The case is not waiting on the member', zh: '该工单没有在等待客户' },
  closed: {
    en: (p: { status: string }) => `The case is ${p.status}: nothing more can be done on it`,
    zh: (p: { status: string }) => `工单状态为「${STATUS_ZH[p.status] ?? p.status}」，不能再处理`,
  },
  complaint_only: { en: 'Mediation and arbitration are recorded on complaints only', zh: '调解、仲裁只能记录在投诉工单上' },
  taken: { en: 'Someone already has this case: ask them or a supervisor to reassign it', zh: '该工单已有处理人，如需接手请联系处理人或主管改派' },
  reassign: {
    en: 'This case is assigned to a colleague: you can take an unassigned case or hand over your own; moving a colleague\'s case needs a supervisor (cases.manage)',
    zh: '该工单已分派给其他同事：您可以领取未分派的工单或转交自己的工单，改派他人的工单须由主管（cases.manage）操作',
  },
  not_assignable: { en: 'Cases go to an active account manager or service agent of the program', zh: '工单只能分派给本计划在职的客户经理或客服专员' },
  account_manager_role: { en: 'A dedicated account manager is an active staff account with the account manager role', zh: '专属客户经理须为在职且角色为「专属客户经理」的员工' },
  staff_only: { en: 'Only a person signed in to the console can take a case', zh: '只有登录控制台的员工才能领取工单' },
  solution_required: { en: 'Record the solution decided (处理完毕) before it is marked ready', zh: '请填写已确定的解决方案' },
  reason_required: { en: 'Say why the member rejected the solution', zh: '请填写客户不满意的原因' },
  text_required: { en: 'This action needs a text', zh: '该操作需要填写内容' },
  over_limit: {
    en: (p: { max: number }) => `A grant above ${p.max} points needs a supervisor (cases.manage)`,
    zh: (p: { max: number }) => `单次补偿超过 ${p.max} 积分，须由主管（cases.manage）操作`,
  },
  purchase_other_member: { en: 'This purchase is another member\'s', zh: '该消费记录不属于此会员' },
  redemption_other_member: { en: 'This redemption is another member\'s', zh: '该兑换记录不属于此会员' },
  store_unknown: { en: 'No such store in the program', zh: '该门店不存在' },
  channel_not_sendable: { en: 'A message by this channel is recorded, not sent: use sms, email or portal to send', zh: '该渠道的消息只做记录，不会发送；如需发送请选择短信、邮件或会员门户' },
});

const fail = failures(CASE_ERRORS);
export const transitionRefused = (action: string, status: string, allowed: string[]) =>
  fail('case_transition_refused', CASE_MESSAGES.transition({ action, status, allowed: allowed.join(', ') }), { field: 'action', extra: { state: status, allowed_actions: allowed } });
export const caseClosed = (status: string) => fail('case_transition_refused', CASE_MESSAGES.closed({ status }), { field: 'case_id', extra: { state: status } });
export const alreadyTaken = () => fail('case_already_taken', CASE_MESSAGES.taken(), { field: 'case_id' });
export const reassignForbidden = (assigneeId: string) =>
  fail('case_reassign_forbidden', CASE_MESSAGES.reassign(), { field: 'case_id', extra: { permission: 'cases.manage', assignee_id: assigneeId } });
export const notAssignable = (field = 'assignee_id') => fail('case_not_assignable', CASE_MESSAGES.not_assignable(), { field });
export const overLimit = (max: number) => fail('case_goodwill_over_limit', CASE_MESSAGES.over_limit({ max }), { field: 'points', extra: { max } });
