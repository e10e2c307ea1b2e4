// 质量监控 (issue 12; seed 002 §4.2 (3) 质量监控部门负责服务质量监控和改进)
export const qualityZh = {
  nav: '质量监控',
  navMine: '我的质检',
  title: '质量监控',
  intro: '抽检已关闭的工单并按评分表打分：各评分项按权重加权平均，「不适用」不计入权重，关键项低于合格线则整单为 0 分。',
  tabs: { todo: '待我评分', samples: '抽检', calibration: '校准', agents: '坐席表现', disputes: '申诉', scorecards: '评分表' },
  cards: { weight: '权重', scale: '分值范围', naAllowed: '可选「不适用」', versioned: '评分表一经使用即固定版本：修改会生成新版本，已有评分仍按原版本计算。' },
  kinds: { random: '随机抽检', low_csat: '低满意度（≤2 分）', breached_sla: '超时（SLA 违约）' },
  sample: {
    create: '新建抽检', kind: '抽检方式', range: '关闭日期', size: '数量', agent: '坐席（可选）', scorecard: '评分表', reviewers: '质检员',
    perCase: '每单评审人数', perCaseHint: '选 2 人即为校准：两位质检员评同一工单', created: '已抽取 {{n}} 个工单', none: '该范围内没有符合条件的已关闭工单',
    list: '抽检记录', at: '抽检时间', cases: '工单', done: '已评', open: '待评',
  },
  case: '工单号', agent: '坐席', reviewer: '质检员', score: '得分', reviewed: '评分时间', closed: '关闭时间', comment: '评语', overall: '总体评语',
  review: {
    title: '评分：{{number}}', start: '评分', submit: '提交评分', submitted: '已提交，得分 {{score}}', na: '不适用', critical: '关键项',
    passMark: '合格线 {{mark}}', commentPh: '本项评语（可选）', overallPh: '总体评语（可选）', weight: '权重 {{w}}', notScorable: '不可评分（全部不适用）',
    failed: '关键项不合格', openCase: '查看工单处理记录', unanswered: '请为每个评分项选择分值或「不适用」',
  },
  todoEmpty: '没有待评分的工单', empty: '暂无记录',
  calibration: { none: '还没有两位质检员评过同一工单', category: '评分项', gap: '差距', scoreGap: '总分差距 {{gap}}', disagree: '不一致' },
  agents: { range: '关闭日期', quality: '质检得分', sla: 'SLA 达标率', csat: 'CSAT 满意率', reviews: '评分数', trend: '较上期', none: '该时段没有坐席数据', noFigure: '—：暂无该数据' },
  dispute: {
    button: '申诉', reason: '申诉理由', reasonPh: '请说明您认为评分不当的原因', sent: '申诉已提交', status: { open: '处理中', upheld: '申诉成立', rejected: '维持原评分' },
    resolve: '处理', uphold: '申诉成立（重新评分）', reject: '维持原评分', resolution: '处理意见', resolved: '已处理', before: '原得分', after: '现得分', raised: '申诉时间',
  },
  editor: {
    create: '新建评分表', edit: '编辑', createTitle: '新建评分表', editTitle: '编辑评分表：{{name}}（v{{version}}）',
    nameZh: '名称（中文）', nameEn: '名称（英文）', catNameZh: '评分项（中文）', catNameEn: '评分项（英文）', untitled: '未命名评分项',
    key: '标识', keyHint: '报表与校准用它对应同一评分项：改名时请保留原标识', min: '最低分', max: '最高分',
    passMark: '合格线', passMarkHint: '低于合格线，整张评分为 0 分', criticalHint: '关键项：低于合格线则整单 0 分', naHint: '允许质检员选「不适用」，该项不计入权重',
    up: '上移', down: '下移', remove: '删除评分项', add: '添加评分项',
    formula: '得分 = 各项 (所选分值 − 最低分) ÷ (最高分 − 最低分) 按权重加权平均；选「不适用」的项不计入权重；关键项低于合格线则整单 0 分。当前权重合计 {{total}}，按占比计算。',
    save: '保存', saveAsVersion: '保存为新版本 v{{version}}', saved: '评分表已保存', created: '已新建评分表「{{name}}」', newVersion: '已保存为新版本 v{{version}}',
    usedTitle: '该评分表（v{{version}}）已有评分在使用', usedDetail: '保存后将生成新版本 v{{next}} 并停用 v{{version}}；已有评分仍按 v{{version}} 计算，之后的抽检和评分使用 v{{next}}。',
    reading: {
      weight: '权重 {{pct}}%', noWeight: '权重未填', scale: '{{min}}–{{max}} 分', noScale: '分值范围未填好',
      critical: '关键项，合格线 {{mark}}', criticalNoMark: '关键项，合格线待填写', na: '可选「不适用」',
    },
    check: {
      required: '请填写', tooLong: '最多 {{max}} 个字', key: '标识须以小写字母开头，只含小写字母、数字和下划线（最多 40 位）', duplicateKey: '评分项的标识不能重复',
      weight: '权重须为 1–100 的整数', min: '最低分须为 0–10 的整数', max: '最高分须为 1–10 的整数', scale: '量表最大值须大于最小值',
      passMarkRequired: '关键项须设置合格线', passMark: '合格线须高于最低分且不超过最高分', noCategory: '至少需要一个评分项',
    },
  },
  mine: { title: '我的质检', intro: '质检团队对您处理的工单的评分。对评分有异议可申诉一次，结果会记录在此。', empty: '还没有您的质检记录', average: '平均得分' },
};
