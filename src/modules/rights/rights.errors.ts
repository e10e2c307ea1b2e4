import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const RIGHTS_ERRORS = {
  rights_status: { status: 409, title: { zh: '请求当前状态不允许此操作', en: 'The request\'s status does not allow this' } },
  rights_blocked: { status: 409, title: { zh: '暂不能删除该会员的个人信息', en: 'The member\'s data cannot be erased yet' } },
  rights_member_erased: { status: 409, title: { zh: '该会员的个人信息已删除', en: 'The member\'s personal data was erased' } },
  rights_export_gone: { status: 409, title: { zh: '副本下载期限已过', en: 'The copy is no longer available' } },
  retention_running: { status: 409, title: { zh: '保留期限清理正在运行', en: 'A retention run is in progress' } },
} as const satisfies ErrorTable;

export const STATUS_ZH: Record<string, string> = { received: '已受理', in_progress: '处理中', completed: '已完成', refused: '已拒绝' };

export const RIGHTS_MESSAGES = messages('rights', {
  bad_move: {
    en: (p: { status: string; action: string }) => `A ${p.status} request cannot be ${p.action}`,
    zh: (p: { status: string; action: string }) => `${STATUS_ZH[p.status] ?? p.status}的请求不能${p.action === 'started' ? '开始处理' : p.action === 'completed' ? '完成' : '拒绝'}`,
  },
  blocked_vip: {
    en: 'The member holds an active paid membership: end it (with its refund) first, or refuse with the reason legal_retention',
    zh: '该会员仍有有效的付费会员资格：请先终止（并办理退款），或以“法定保存义务”为由拒绝',
  },
  blocked_redemption: {
    en: (p: { n: number }) => `The member has ${p.n} reward redemption(s) not yet fulfilled or cancelled: settle them first`,
    zh: (p: { n: number }) => `该会员有 ${p.n} 笔礼品兑换尚未完成或取消，请先处理`,
  },
  erased: { en: 'The member\'s personal data was already erased: nothing to copy or correct', zh: '该会员的个人信息已删除，无可查阅或更正的内容' },
  export_gone: {
    en: (p: { until: string }) => `The copy could be downloaded until ${p.until}; file a new request`,
    zh: (p: { until: string }) => `副本下载期限已于 ${p.until} 截止，请重新提交请求`,
  },
  not_copy: { en: 'Only a completed copy request has an export', zh: '只有已完成的查阅复制请求才有副本' },
  corrections_required: { en: 'A correction request names at least one field to correct', zh: '更正请求须至少填写一项要更正的信息' },
  confirm_erasure: { en: 'Confirm the erasure (confirm_erasure: true): it cannot be undone', zh: '请确认删除（confirm_erasure: true），删除后不可恢复' },
  running: { en: 'Another retention run is in progress; try again when it ends', zh: '另一次保留期限清理正在运行，请稍后再试' },
  unknown_kind: { en: (p: { kind: string }) => `Unknown retention kind ${p.kind}`, zh: (p: { kind: string }) => `未知的数据类别 ${p.kind}` },
});

const fail = failures(RIGHTS_ERRORS);
export const badMove = (status: string, action: 'started' | 'completed' | 'refused') =>
  fail('rights_status', RIGHTS_MESSAGES.bad_move({ status, action }), { field: 'status', extra: { request_status: status } });
export const blockedVip = () => fail('rights_blocked', RIGHTS_MESSAGES.blocked_vip(), { field: 'member_id', extra: { blocker: 'vip_membership' } });
export const blockedRedemption = (n: number) => fail('rights_blocked', RIGHTS_MESSAGES.blocked_redemption({ n }), { field: 'member_id', extra: { blocker: 'redemption' } });
export const memberErased = () => fail('rights_member_erased', RIGHTS_MESSAGES.erased(), { field: 'member_id' });
export const exportGone = (until: string) => fail('rights_export_gone', RIGHTS_MESSAGES.export_gone({ until }), { field: 'request_id' });
export const notCopy = () => fail('rights_status', RIGHTS_MESSAGES.not_copy(), { field: 'request_id' });
export const retentionRunning = () => fail('retention_running', RIGHTS_MESSAGES.running(), {});
