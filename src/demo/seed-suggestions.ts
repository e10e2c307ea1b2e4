import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;
type Channel = 'phone' | 'sms' | 'email' | 'portal' | 'wechat' | 'store' | 'staff';

/**
 * 客户反馈与建议 for the demo: five categories, fifteen suggestions across the statuses,
 * categories, stores and channels, with supporters; one merged duplicate (its supporters
 * carried over), one adopted with its author's reward paid (the suggestion_adopted event
 * pays 200 points), one declined with the reason its author was told, one staff's own.
 */
export async function seedSuggestions(s: Services, programId: string, o: { members: string[]; stores: { id: string }[]; actor: Principal; now: Date }) {
  const { actor, now } = o;
  // members 30–59 of the demo's (a smaller demo, as in tests, wraps round its own)
  const pool = o.members.length >= 60 ? o.members.slice(30, 60) : o.members;
  if (pool.length < 8) return;
  const m = Array.from({ length: 30 }, (_, i) => pool[i % pool.length]!);
  if (!(await s.events.pays(programId, 'suggestion_adopted'))) await s.events.set(programId, 'suggestion_adopted', { points: 200, active: true }, actor.keyId);
  const cat: Record<string, string> = {};
  for (const name of ['门店服务', '商品与品类', '停车与交通', '会员权益', '线上小程序']) cat[name] = unwrap(await s.suggestions.createCategory(programId, { name })).id;
  const [xh, pd, hz] = o.stores.map((x) => x.id);
  // never later than now: a support an hour after a suggestion made today is now
  const at = (days: number, hours = 0) => new Date(Math.min(now.getTime(), now.getTime() - days * DAY - hours * 3_600_000));
  let n = 0;
  const add = async (days: number, category: string, store: string | undefined, channel: Channel, author: string | null, title: string, body: string, supporters: string[] = []) => {
    const row = unwrap(await s.flows.submitSuggestion(programId, {
      title, body, category_id: cat[category]!, channel, ...(store ? { store_id: store } : {}), ...(author ? { member_id: author } : {}),
    }, actor, `demo-suggestion-${++n}`, at(days))).body;
    for (const fan of supporters) if (fan !== author) unwrap(await s.flows.supportSuggestion(programId, row.id, fan, actor, at(days, -1 - supporters.indexOf(fan))));
    return row.id;
  };

  // new, waiting
  await add(1, '停车与交通', xh, 'portal', m[0]!, '周末停车场增加引导员', '周六下午地下车库排队超过 20 分钟，希望高峰期安排人员引导空位。', [m[1]!, m[2]!, m[3]!]);
  await add(2, '商品与品类', pd, 'wechat', m[4]!, '增加进口零食专柜', '浦东店的进口零食品种太少，希望能增加日韩零食。', [m[5]!]);
  await add(0, '线上小程序', undefined, 'portal', m[6]!, '小程序支持积分查询明细导出', '希望可以导出积分明细，方便报销和对账。');
  await add(3, '门店服务', hz, 'store', m[7]!, '收银台增加自助结账机', '杭州西湖店晚上只有一个收银台开放，排队较久。', [m[8]!, m[9]!]);
  await add(0, '门店服务', xh, 'staff', null, '服务台配置充电宝租借', '多位顾客在服务台询问充电宝，建议引入共享充电宝。');
  // under review
  const parking = await add(6, '停车与交通', xh, 'phone', m[10]!, '会员停车减免时长按等级提高', '金卡会员每月停车次数多，希望按等级提高免费停车时长。', [m[11]!, m[12]!, m[13]!, m[14]!]);
  unwrap(await s.flows.reviewSuggestion(programId, parking, actor, at(5)));
  const kids = await add(8, '会员权益', pd, 'email', m[15]!, '会员日增加亲子活动', '希望每月会员日增加亲子手工活动，带孩子的家庭会更愿意来。', [m[16]!, m[17]!]);
  unwrap(await s.flows.reviewSuggestion(programId, kids, actor, at(7)));
  await add(4, '商品与品类', hz, 'sms', m[18]!, '引进本地老字号糕点', '希望杭州店引进知味观等本地老字号。', [m[19]!]);
  // a duplicate of the parking one, merged: its supporters (one of whom supported both) carried over
  const dup = await add(5, '停车与交通', xh, 'portal', m[20]!, '停车优惠太少', '停车只减免 1 小时不够，能否多给一些？', [m[11]!, m[21]!]);
  unwrap(await s.flows.mergeSuggestion(programId, dup, parking, actor, at(4)));
  // adopted, the author paid the event reward, supporters told
  const room = await add(20, '门店服务', xh, 'store', m[22]!, '增设母婴室', '徐汇店三楼没有母婴室，带婴儿的顾客很不方便。', [m[23]!, m[24]!, m[25]!]);
  unwrap(await s.flows.reviewSuggestion(programId, room, actor, at(18)));
  unwrap(await s.flows.adoptSuggestion(programId, room, { note: '已列入下季度改造计划，三楼东侧设置母婴室' }, actor, at(12)));
  // adopted, staff's own: no points
  const mini = await add(15, '线上小程序', undefined, 'staff', null, '小程序首页显示即将过期积分', '客服常被问积分何时过期，建议首页直接提示。');
  unwrap(await s.flows.adoptSuggestion(programId, mini, { note: '随 12 月版本上线' }, actor, at(10)));
  // declined, with the reason the author was told
  const late = await add(14, '门店服务', pd, 'phone', m[26]!, '延长营业时间到 24 点', '希望周末营业到午夜。', [m[27]!]);
  unwrap(await s.flows.reviewSuggestion(programId, late, actor, at(13)));
  unwrap(await s.flows.declineSuggestion(programId, late, '商场统一闭店时间为 22 点，门店无法单独延长；我们会在节假日前后评估延时营业。', actor, at(9)));
  const pets = await add(11, '门店服务', hz, 'wechat', m[28]!, '允许携带宠物进店', '希望商场对宠物友好。');
  unwrap(await s.flows.declineSuggestion(programId, pets, '出于食品区卫生和其他顾客安全考虑，暂不开放宠物进店；户外广场设有宠物休息区。', actor, at(8)));
  // older, still new: waiting longest
  await add(9, '会员权益', pd, 'email', m[29]!, '生日月积分翻倍延长到整月', '生日当天才能翻倍，希望整个生日月都有效。', [m[0]!, m[4]!]);
}
