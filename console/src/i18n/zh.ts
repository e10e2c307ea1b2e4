// Chinese is the default: the operators are in Chinese stores.
export const zh = {
  app: { title: 'Patron 会员管理', short: 'Patron' },
  nav: { members: '会员', tiers: '会员等级' },
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
  tiers: {
    title: '会员等级', policy: '晋升规则', basis: '考核依据', bases: { spend: '消费金额', points: '消费积分', visits: '到店天数' },
    window: '考核周期', windows: { rolling_months: '滚动 {{months}} 个月', calendar_year: '自然年', membership_year: '会员年度（入会周年起）' },
    downgrade: '降级方式', downgrades: { one_down: '降一级', to_supported: '降至业绩对应等级' },
    grace: '降级宽限期', warn: '降级提醒', days: '{{days}} 天', warnDays: '考核日前 {{days}} 天',
    rank: '级别', name: '等级名称', nameEn: '英文名称', code: '编码', reach: '晋升门槛', keep: '保级门槛', benefits: '等级权益',
    multiplier: '积分 ×{{x}}', parking: '免费停车 {{h}} 小时', gift: '生日礼：{{gift}}', manager: '专属客户经理', basic: '基础权益',
    empty: '尚未设置会员等级', edit: '调整等级表', editTitle: '调整等级表', addTier: '添加等级', remove: '移除',
    multiplierPct: '积分倍率（%）', parkingHours: '停车（小时）', required: '必填',
    preview: '预览变动', apply: '应用新等级表', previewTitle: '变动预览',
    members: '评估会员', up: '升级', down: '降级', unchanged: '不变', before: '当前人数', after: '调整后人数',
    movingUp: '其中升级', movingDown: '其中降级', newTier: '新增', retired: '将停用',
    previewFirst: '应用前请先预览变动；修改后需重新预览。', applying: '正在调整会员等级…', progress: '已处理 {{done}} / {{total}}',
    jobDone: '新等级表已生效：{{up}} 人升级，{{down}} 人降级', jobFailed: '等级调整任务失败',
    previewHint: '按考核业绩：达到晋升门槛的升入该等级；仍满足当前等级保级门槛的保留；人工指定的保底等级不会降低。',
    unit: { spend: '元', points: '积分', visits: '天' },
  },
  memberTier: {
    title: '会员等级与进度', none: '暂无等级', since: '自 {{date}} 起', figure: '考核业绩', window: '{{from}} 至 {{to}}',
    next: '距{{tier}}还差', top: '已是最高等级', reachAt: '晋升门槛 {{value}}',
    keep: '保级', reviewOn: '考核日 {{date}}', keepMissing: '保级还差 {{value}}', keepOk: '已满足保级条件',
    dropsOn: '如考核日仍未达标，将于 {{date}} 降级', floorHeld: '人工保底中，不会降级',
    floor: '人工指定等级：{{tier}}', floorUntil: '保底至 {{date}}（含）：此前不会降到该等级以下，到期后按业绩重新评定。',
    floorForever: '长期保底，直到手动结束：期间不会降到该等级以下。', floorReason: '原因：{{reason}}（{{actor}}，{{time}}）',
    assign: '指定等级', assignTitle: '人工指定会员等级', tier: '等级', tierRequired: '请选择等级', reason: '原因', reasonRequired: '请填写原因',
    endsOn: '保底截止日', endsOnHelp: '不填则长期有效，直到手动结束', assignHelp: '会员立即调整到所选等级，并以此为保底：消费仍可晋升，但保底期内不会降级。',
    endFloor: '结束保底', endFloorConfirm: '结束后将按业绩重新评定等级，确定吗？', assigned: '已指定等级：{{tier}}', ended: '已结束保底',
    history: '等级变更记录', tierCol: '等级', from: '原等级', started: '开始时间', ended_: '结束时间', source: '来源', reasonCol: '原因', actor: '操作人',
    sources: { enrol: '入会', purchase: '消费晋升', evaluation: '定期评定', manual: '人工指定', floor_end: '保底结束', table_change: '等级表调整', import: '数据导入' },
  },
  errors: { generic: '请求失败' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
