// Chinese is the default: the operators are in Chinese stores.
export const zh = {
  app: { title: 'Patron 会员管理', short: 'Patron' },
  nav: { members: '会员', segments: '会员分群' },
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
  segments: {
    title: '会员分群', create: '新建分群', edit: '编辑分群', name: '名称', nameEn: '英文名称', description: '说明',
    nameRequired: '请填写名称', size: '人数', refreshedAt: '计算时间', statsRefreshedAt: '消费数据截至',
    conditions: '条件', noConditions: '全部会员', status: '状态', statuses: { active: '启用', archived: '已归档' },
    refresh: '立即刷新', refreshAll: '重新计算全部', refreshed: '已刷新：{{size}} 人', refreshedAll: '已重新计算 {{count}} 个分群',
    archive: '归档', archiveConfirm: '归档后该分群不再刷新，现有成员全部移出（历史保留）。确定归档？', archived: '已归档',
    save: '保存', saved: '分群已保存', cancel: '取消', empty: '还没有分群', sample: '成员示例', sampleEmpty: '该分群当前没有会员',
    joinedAt: '加入时间', preview: '实时预览', previewSize: '符合条件的会员', previewHint: '会员属性按当前数据，消费数据截至 {{time}}',
    previewNever: '消费数据尚未计算', freshness: '每 10 分钟自动刷新一次；新建或修改条件时立即计算',
    never: '尚未计算', any: '不限', yes: '是', no: '否', min: '最小', max: '最大', to: '至',
    fields: {
      tiers: '会员等级', stores: '入会门店', status: '会员状态', marketingConsent: '同意营销',
      spend: '消费金额（元）', visits: '到店天数', window: '统计周期', daysSince: '距上次消费天数',
      enrolled: '入会日期', birthdayMonth: '生日月份', rfm: 'RFM 评分（1–5，5 为最好）',
      r: '最近消费 R ≥', f: '消费频次 F ≥', m: '消费金额 M ≥',
    },
    windows: { 30: '近 30 天', 90: '近 90 天', 180: '近 180 天', 365: '近 365 天' },
    currentMonth: '本月', month: '{{month}} 月', sep: '、',
    summary: {
      tiers: '等级：{{list}}', stores: '门店：{{list}}', status: '状态：{{list}}', consent: '同意营销', noConsent: '未同意营销',
      spend: '{{window}}消费 {{range}} 元', visits: '{{window}}到店 {{range}} 天', daysSince: '{{range}} 天未消费',
      enrolled: '入会 {{range}}', birthday: '生日：{{month}}', rfm: 'RFM：{{list}}', atLeast: '≥ {{min}}', atMost: '≤ {{max}}',
    },
  },
  errors: { generic: '请求失败' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
