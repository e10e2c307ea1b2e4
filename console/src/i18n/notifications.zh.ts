// 消息通知 (issue 11)
export const notificationsZh = {
  nav: '消息通知',
  title: '消息通知',
  intro: '积分到期、等级调整、生日关怀、付费会员到期等事件按模板发送给会员。营销类消息只发给发送时仍同意接收营销信息的会员；发送失败会自动重试。',
  templates: '通知模板', log: '发送记录',
  events: { 'points.expiring': '积分即将过期', 'member.tier_will_drop': '等级即将调整', 'member.birthday': '生日关怀', 'membership.expiring': '付费会员即将到期', 'case.message': '工单回复', 'sla.warning': '服务时限预警', 'sla.breached': '服务超时', 'sla.escalated': '超时升级' },
  channels: { email: '邮件', sms: '短信', wechat: '微信模板消息', portal: '站内信' },
  kinds: { service: '服务通知', marketing: '营销' },
  langs: { zh: '中文', en: '英文' },
  statuses: { queued: '待发送', sent: '已发送', failed: '发送失败', skipped: '未发送' },
  reasons: { no_consent: '会员未同意营销信息', no_address: '会员无此联系方式', inactive_member: '会员非正常状态', erased: '会员信息已删除' },
  event: '事件', channel: '渠道', lang: '语言', kind: '类型', subject: '标题', body: '内容', active: '启用', variables: '可用变量',
  wechatTemplateId: '微信模板 ID', add: '新建模板', edit: '编辑', save: '保存', saved: '模板已保存', preview: '预览', previewHint: '以示例数据预览会员收到的内容',
  none: '未设置', member: '会员', toStaff: '员工', recipient: '接收方', status: '状态', attempts: '尝试次数', lastError: '最后错误', nextAttempt: '下次重试', createdAt: '生成时间', sentAt: '发送时间',
  resend: '重发', resent: '已重新发送', resendFailed: '重发仍失败：{{error}}', all: '全部', empty: '暂无消息', memberTitle: '消息通知', required: '请填写',
};
