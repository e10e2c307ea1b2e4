// 满意度调查（客户满意度调查, seed 000 第七章；CSAT / NPS / 自定义问卷）
export const surveysZh = {
  nav: '满意度调查',
  title: '满意度调查',
  help: '结案后自动发送 CSAT 调查（每个服务单一次，计入结案客服）；NPS 按计划随机抽样发送，免打扰期内不重复打扰；自定义问卷在此设计。链接一次有效、到期失效；只发给同意相应用途的会员（CSAT 属服务，NPS 与自定义问卷属营销）。',
  add: '新建调查', empty: '暂无调查', open: '查看结果',
  kinds: { csat: 'CSAT 服务满意度', nps: 'NPS 推荐意愿', custom: '自定义问卷' },
  statuses: { draft: '草稿', active: '启用中', closed: '已关闭' },
  col: { title: '名称', kind: '类型', status: '状态', invited: '已邀请', answered: '已作答', rate: '回复率', created: '创建时间' },
  builder: {
    title: '设计调查', kind: '类型', name: '调查名称', intro: '开头说明', linkDays: '链接有效天数', sample: '每轮抽样人数', every: '抽样间隔（天）', recontact: '免打扰期（天）',
    questions: '题目', addRating: '评分题', addSingle: '单选题', addMultiple: '多选题', addText: '文字题', label: '题目内容', required: '必答',
    min: '最低分', max: '最高分', options: '选项（每行一个）', remove: '删除', up: '上移', preview: '会员看到的样子', save: '保存调查', saved: '调查已保存',
    nameRequired: '请填写调查名称', labelRequired: '请填写题目内容', needQuestion: '请至少添加一道题', defaultNote: 'CSAT 与 NPS 使用标准题目（1–5 分 / 0–10 分评分及“原因”）。',
    types: { rating: '评分', single: '单选', multiple: '多选', text: '文字' }, submit: '提交', low: '非常不满意', high: '非常满意',
  },
  results: {
    back: '返回调查列表', csat: 'CSAT（4–5 分占比）', nps: 'NPS（推荐者 − 贬损者）', average: '平均评分', answers: '答卷数', invited: '已邀请', rate: '回复率',
    promoters: '推荐者 9–10', passives: '中立者 7–8', detractors: '贬损者 0–6', trend: '趋势', week: '按周', month: '按月', byStore: '按门店', byTier: '按等级', byAgent: '按客服',
    none: '暂无', unlinked: '未关联', noAnswers: '还没有答卷', comments: '会员留言', score: '评分', comment: '留言', when: '时间', store: '门店', agent: '客服', caseId: '服务单',
    questions: '各题统计', distribution: '分数分布', frozen: '已有答卷，题目已锁定', activate: '启用', close: '关闭调查', statusSaved: '状态已更新', settings: '设置',
    followUp: '跟进',
    lowHint: '低分（CSAT 1–2、NPS 0–6）可在服务单中跟进',
  },
  send: { open: '发送给会员分群', title: '发送调查', ok: '发送', segment: '会员分群', segmentRequired: '请选择会员分群',
    help: '分群中的每位会员收到一个一次性链接；未同意营销信息的会员不会收到，已收到过的不会重复发送。', done: '已发送 {{sent}} 人，未获同意 {{skipped}} 人，此前已发送 {{already}} 人' },
  member: { title: '满意度调查', empty: '暂无调查记录', survey: '调查', status: '状态', sent: '发送时间', answer: '答卷', caseNo: '服务单',
    statuses: { sent: '待作答', answered: '已作答', skipped: '未发送', expired: '已过期' }, reasons: { no_consent: '未获同意', inactive_member: '会员非活跃', erased: '已删除' } },
};
