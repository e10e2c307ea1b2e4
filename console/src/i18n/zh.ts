// Chinese is the default: the operators are in Chinese stores.
export const zh = {
  app: { title: 'Patron 会员管理', short: 'Patron' },
  nav: { members: '会员', campaigns: '营销活动' },
  header: { program: '会员计划', signOut: '退出登录', role: { bootstrap: '超级管理员', admin: '管理员', pos: '门店收银' } },
  common: {
    submit: '提交', cancel: '取消', confirm: '确定', loading: '加载中…', none: '—', yes: '是', no: '否',
    success: '操作成功', refresh: '刷新', copy: '复制', points: '积分', yuan: '元', actions: '操作',
    noPrograms: '当前密钥还没有可用的会员计划', back: '返回',
  },
  signIn: {
    title: '登录管理后台', subtitle: '使用 API 密钥登录', apiKey: 'API 密钥', apiKeyPlaceholder: '粘贴 API 密钥',
    apiKeyRequired: '请输入 API 密钥', submit: '登录', failed: '登录失败',
    hint: '首次启动时，引导管理员密钥会打印在服务器控制台中。',
  },
  search: {
    title: '会员查询', placeholder: '输入手机号或会员号', button: '查询', enrol: '新增会员',
    empty: '没有找到匹配的会员', prompt: '输入手机号或会员号查询会员', results: '查询结果',
  },
  member: {
    memberNo: '会员号', name: '姓名', phone: '手机号', email: '邮箱', gender: '性别', birthday: '生日', idNumber: '身份证号',
    tier: '等级', status: '状态', statusReason: '状态原因', createdAt: '入会时间', profile: '会员资料',
    genders: { male: '男', female: '女', unknown: '未知' },
    statuses: { active: '正常', suspended: '已冻结', terminated: '已注销' },
    noName: '（未填写）', notFound: '会员不存在',
  },
  status: {
    suspend: '冻结', reactivate: '解冻', terminate: '注销', reason: '原因', reasonRequired: '请填写原因',
    titles: { suspend: '冻结会员', reactivate: '解冻会员', terminate: '注销会员' },
    terminateWarning: '注销后会员不可恢复，剩余积分将不能再使用。',
  },
  enrol: {
    title: '新增会员', phoneRequired: '请输入手机号', phoneInvalid: '请输入 11 位手机号',
    emailInvalid: '邮箱格式不正确', done: '会员已创建：{{memberNo}}',
  },
  balance: {
    available: '可用积分', pending: '待生效积分', expiring: '30 天内到期', lifetimeEarned: '累计获得',
    spent: '已使用', expired: '已过期', asOf: '截至 {{time}}', noneExpiring: '近期无到期积分', on: '{{date}} 到期',
  },
  lots: {
    title: '未用完的积分批次', source: '来源', points: '原始积分', remaining: '剩余', state: '状态',
    availableAt: '生效时间', expiresOn: '到期日', purchase: '消费单', earnedAt: '获得时间',
    states: { pending: '待生效', available: '可用', spent: '已用完', expired: '已过期', reversed: '已冲回', none: '无积分' },
    sources: { purchase: '消费', earn: '消费', adjust: '人工调整', adjustment: '人工调整', import: '数据导入', migration: '数据迁移', return: '退货' },
    empty: '暂无积分批次',
  },
  statement: {
    title: '积分流水', time: '时间', kind: '类型', points: '积分', reason: '原因', note: '备注',
    reference: '关联单据', store: '门店', actor: '操作人', loadMore: '加载更多', end: '没有更多了', empty: '暂无积分流水',
    kinds: { earn: '消费得积分', return: '退货扣回', redeem: '积分兑换', adjust: '人工调整', expire: '积分过期' },
    purchase: '消费', return: '退货', redemption: '兑换',
  },
  purchase: {
    record: '录入消费', title: '录入消费', store: '门店', storeRequired: '请选择门店', amount: '消费金额（元）',
    amountRequired: '请输入金额', amountInvalid: '金额须为最多两位小数的正数', receiptNo: '小票号',
    done: '已录入消费，获得 {{points}} 积分', detail: '消费详情', id: '消费单号', occurredAt: '消费时间',
    earned: '获得积分', state: '积分状态', availableAt: '生效时间', expiresOn: '到期日', returnIt: '退货',
  },
  returnForm: {
    record: '录入退货', title: '录入退货', purchaseId: '消费单号', purchaseIdRequired: '请输入消费单号',
    amount: '退货金额（元）', amountHelp: '不填则退回剩余全部金额', done: '已退货，扣回 {{points}} 积分',
    unrecovered: '，{{points}} 积分已被使用无法扣回',
  },
  redeem: {
    record: '积分兑换', title: '积分兑换', points: '兑换积分', pointsRequired: '请输入积分', description: '兑换说明',
    done: '已兑换 {{points}} 积分，余额 {{balance}}',
  },
  adjust: {
    record: '积分调整', title: '积分调整', direction: '方向', credit: '增加', debit: '扣减', points: '积分',
    pointsRequired: '请输入积分', reason: '原因', reasonRequired: '请选择原因', note: '备注', noteRequired: '请填写备注',
    reasons: { goodwill: '客户关怀', correction: '更正错误', service_recovery: '服务补偿', migration: '数据迁移', other: '其他' },
    done: '已调整积分，余额 {{balance}}',
  },
  campaigns: {
    nav: '营销活动', title: '营销活动', create: '新建活动', edit: '编辑', empty: '还没有营销活动',
    name: '名称', nameEn: '英文名称', description: '说明', kind: '类型', status: '状态', dates: '活动时间', startsAt: '开始', endsAt: '结束',
    kinds: { rules: '规则活动（如双倍积分日）', award: '一次性赠送积分' },
    statuses: { draft: '草稿', active: '进行中', ended: '已结束', cancelled: '已取消' },
    segment: '目标分群', everyone: '全部会员', awardPoints: '每人赠送积分', budget: '预算（积分）', noBudget: '不限',
    budgetUsed: '已用预算', budgetLeft: '剩余预算', perMemberLimit: '单人上限（积分）', holdout: '对照组比例（%）',
    holdoutHelp: '随机保留这部分会员不参与活动（每位会员固定分组），用于衡量活动效果',
    reached: '获得积分会员数', awarded: '已赠送会员数', activate: '启动', end: '结束', cancel: '取消活动',
    endConfirm: '结束后活动立即停止生效，确定结束？', cancelConfirm: '取消后活动不再生效，确定取消？',
    saved: '活动已保存', required: '必填', datesInvalid: '结束时间须晚于开始时间',
    rules: '关联的积分规则', noRules: '没有规则关联此活动（在积分规则中选择本活动）',
    award: '发放积分', awardConfirm: '向目标分群中（对照组除外）的每位会员发放 {{points}} 积分，每人仅一次。确定发放？',
    job: '发放进度', jobStatus: { running: '进行中', done: '已完成', failed: '失败' }, budgetStop: '预算已用完，发放停止',
    jobLine: '{{done}} / {{total}}，已发放 {{awarded}} 人，共 {{points}} 积分',
    report: '对照组效果报告', treated: '活动组', heldOut: '对照组', members: '会员数', spend: '消费额（元）', visits: '到店天数', points: '积分',
    perMember: '人均', lift: '提升', meanSpendDaily: '人均消费（元/天）',
    liftText: '人均消费 {{diff}} 元（{{pct}}），95% 置信区间 {{low}} 至 {{high}} 元',
    liftVisits: '人均到店 {{diff}} 天，95% 置信区间 {{low}} 至 {{high}} 天',
    significant: '显著', notSignificant: '不显著', noHoldout: '未设置对照组，无法计算提升', tooFew: '样本太少，无法计算置信区间',
    window: '统计区间 {{from}} — {{to}}',
  },
  errors: { generic: '请求失败' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
