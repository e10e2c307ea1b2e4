// 工作日历（法定节假日与调休按国务院办公厅通知；无官方数据的年份为“待定”）
export const calendarZh = {
  nav: '工作日历',
  title: '工作日历',
  help: '工作日按国务院办公厅公布的节假日安排计算（含周末调休上班）。处理期限（如个人信息权利请求 15 个工作日）按此日历计算，营业时间用于按小时计算的时限。',
  unknownBanner: '{{years}} 年尚无官方节假日安排：落在这些年份的处理期限为暂定，公布后请导入该年安排。',
  hours: '营业时间', saveHours: '保存营业时间', hoursSaved: '营业时间已保存', closed: '休息', open: '营业',
  weekdays: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  overrides: '特殊日期', overridesHelp: '本计划自己的休息日（如店庆闭店）或营业日，优先于官方安排。', addOverride: '添加特殊日期',
  date: '日期', kind: '类型', note: '备注', hoursOf: '营业时间', remove: '删除', removed: '已删除', added: '已添加', noOverrides: '暂无特殊日期',
  dateRequired: '请选择日期', weekdayHours: '按星期设置',
  years: '年度节假日安排', year: '年份', status: '状态', loadedAt: '导入时间', days: '天数',
  statuses: { official: '官方数据', loaded: '已导入', unknown: '待定（无官方数据）' },
  loadYear: '导入年度安排', loadHelp: '粘贴或上传 holiday-cn 格式的 JSON：{"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true},…]}。isOffDay 为 false 表示调休上班。',
  paste: 'JSON 内容', upload: '选择文件', load: '导入', badJson: '不是有效的 JSON', loaded: '{{year}} 年安排已导入',
  moved: '{{n}} 个处理期限已重新计算', movedNone: '没有处理期限需要调整', movedItem: '{{id}}：{{from}} → {{to}}',
  check: '查询日期', checkHelp: '某日是否为工作日，以及其后 N 个工作日是哪一天（从次日起算）。', addDays: '加工作日', ask: '查询',
  working: '工作日', notWorking: '非工作日', provisional: '暂定', result: '{{n}} 个工作日后：{{date}}',
};
