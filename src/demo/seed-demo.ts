import { SYSTEM, type Principal } from '../platform/context.ts';
import { residentIdWithCheck } from '../platform/validate.ts';
import { seedRewards } from './seed-rewards.ts';
import type { Services } from '../services.ts';
import { unwrap } from '../platform/errors.ts';
import { addDays, addMonths, localDate } from '../platform/time.ts';
import { rng } from '../platform/rng.ts';
import { seedAuditTrail } from './seed-audit.ts';
import { seedMemberships } from './seed-memberships.ts';
import { seedRights } from './seed-rights.ts';
import { seedCalendar } from './seed-calendar.ts';
import { seedReferrals } from './seed-referrals.ts';
import { seedCoupons } from './seed-coupons.ts';
import { seedConsents, seedPolicies } from './seed-privacy.ts';
import { runSlaDemo, seedSla } from './seed-sla.ts';
import { seedSurveys } from './seed-surveys.ts';
import { seedStaff } from './seed-staff.ts';
import { seedNotifications } from './seed-notifications.ts';
import { seedCases } from './seed-cases.ts';
import { seedSuggestions } from './seed-suggestions.ts';
import { seedQuality } from './seed-quality.ts';

// A demo program a person can click through: four tiers with benefits and a policy, three
// stores, 200 members with Chinese names and valid mobile numbers, a year of purchases and
// some returns, members spread over the tiers, two manual floors (one with an end date) and
// a member close to the next tier. The data is generated from a fixed seed, so every fresh
// install shows the same program.

// Demo addresses (two members in three have one), chosen by position, not by rand(): the rest of the data stays as it was
const ADDRESSES = [
  '上海市浦东新区世纪大道 1168 号 12 楼', '上海市徐汇区漕溪北路 398 号 5 室', '上海市静安区南京西路 1788 号 2201 室',
  '江苏省苏州市工业园区星湖街 328 号', '浙江省杭州市西湖区文三路 90 号 3 幢', '上海市闵行区莘庄镇莘建路 123 弄 8 号',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽浩宇轩然子涵博文一鸣子豪俊杰';
const PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '166', '176', '177', '180', '181', '186', '187', '188', '189', '191', '199'];
const SKUS = [
  { sku: 'FD-1001', category: 'food', price: 3800 }, { sku: 'FD-1002', category: 'food', price: 12800 },
  { sku: 'CL-2001', category: 'clothing', price: 29900 }, { sku: 'CL-2002', category: 'clothing', price: 59900 },
  { sku: 'BT-3001', category: 'beauty', price: 18800 }, { sku: 'BT-3002', category: 'beauty', price: 45000 },
  { sku: 'EL-4001', category: 'electronics', price: 129900 }, { sku: 'HM-5001', category: 'home', price: 8900 },
];


export interface DemoResult {
  programId: string;
  adminKey: string;
  posKey: string;
  members: number;
  purchases: number;
  returns: number;
  rules: number;
}

export async function seedDemo(s: Services, opts: { members?: number; now?: Date } = {}): Promise<DemoResult> {
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = opts.now ?? new Date();
  const program = await s.programs.create({
    name: '星河汇购物中心会员计划', time_zone: 'Asia/Shanghai', earn_rate: { points: 1, per_fen: 100 },
    pending_days: 7, expiry: { policy: 'year_end_following' }, expiry_notice_days: 30,
  });
  // 晋升标准: a rolling year's spend; keeping a tier asks for a little less than reaching it
  const tiers = await s.tiers.create(program.id, [
    { code: 'standard', name: '普卡', name_en: 'Classic', rank: 1, reach_threshold: 0, benefits: { parking_hours: 1 } },
    {
      code: 'silver', name: '银卡', name_en: 'Silver', rank: 2, reach_threshold: 1_000_000, keep_threshold: 800_000,
      benefits: { earn_multiplier_pct: 110, parking_hours: 2, birthday_gift: '生日蛋糕券', reserved_offers: ['银卡会员日 95 折'] },
    },
    {
      code: 'gold', name: '金卡', name_en: 'Gold', rank: 3, reach_threshold: 2_500_000, keep_threshold: 2_000_000,
      benefits: { earn_multiplier_pct: 125, parking_hours: 3, birthday_gift: '生日礼盒', reserved_offers: ['金卡专享折扣', '贵宾休息室'] },
    },
    {
      code: 'diamond', name: '钻石卡', name_en: 'Diamond', rank: 4, reach_threshold: 3_500_000, keep_threshold: 2_800_000,
      benefits: { earn_multiplier_pct: 150, parking_hours: 5, birthday_gift: '定制生日礼遇', account_manager: true, reserved_offers: ['钻石专享新品预览', '私人购物顾问', '贵宾休息室'] },
    },
  ]);
  unwrap(await s.tiers.setPolicy(program.id, { basis: 'spend', window: 'rolling_months', window_months: 12, downgrade: 'one_down', grace_days: 30, warn_days: 30 }));
  const stores = [
    unwrap(await s.stores.create(program.id, { code: 'SH-XH', name: '上海徐汇店', address: '上海市徐汇区漕溪北路 88 号' })),
    unwrap(await s.stores.create(program.id, { code: 'SH-PD', name: '上海浦东店', address: '上海市浦东新区世纪大道 100 号' })),
    unwrap(await s.stores.create(program.id, { code: 'HZ-XH', name: '杭州西湖店', address: '杭州市西湖区延安路 200 号' })),
  ];
  const admin = unwrap(await s.apiKeys.create(program.id, { name: '演示管理员', role: 'admin' }));
  const pos = unwrap(await s.apiKeys.create(program.id, { name: '徐汇店收银台 1', role: 'pos', store_id: stores[0]!.id }));
  const actor: Principal = { ...SYSTEM, keyId: admin.id, name: admin.name, role: 'admin', programId: program.id };

  await seedPolicies(s, program.id, actor, now);
  const count = opts.members ?? 200;
  const phones = new Set<string>();
  const inputs = [];
  while (inputs.length < count) {
    const phone = pick(PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
    if (phones.has(phone)) continue;
    phones.add(phone);
    const year = 1960 + Math.floor(rand() * 45);
    const birthday = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const withId = rand() < 0.3;
    inputs.push({
      // enrolled a year or two ago: before every demo purchase (those are in the last year)
      enrolled_at: new Date(now.getTime() - 366 * 86_400_000 - Math.floor(rand() * 365 * 86_400_000)),
      phone,
      name: pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : ''),
      gender: rand() < 0.55 ? ('female' as const) : ('male' as const),
      birthday,
      email: rand() < 0.4 ? `member${inputs.length + 1}@example.com` : null,
      address: inputs.length % 3 !== 2 ? ADDRESSES[inputs.length % ADDRESSES.length]! : null,
      id_number: withId ? residentIdWithCheck(`310104${birthday.replaceAll('-', '')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`) : null,
      // most agreed to marketing at sign-up (not from rand(): the rest of the data stays as it was)
      marketing_consent: inputs.length % 4 !== 3,
      // one member in ten reads us in English (by position, not rand(): the rest stays as it was),
      // among them one of seed-notifications' three, so the log shows en messages beside zh ones
      ...(inputs.length % 10 === 1 ? { language: 'en' as const } : {}),
    });
  }
  const { created } = await s.flows.enrolMembers(program.id, inputs, actor, 'pos');
  await seedConsents(s, program.id, created, actor, now);

  let purchases = 0;
  let returns = 0;
  // Each purchase is recorded as at its own time, as if the program had been running: it
  // books its qualifying day and lifts its member the moment the figure reaches a tier.
  const yearMs = 365 * 86_400_000;
  for (const memberId of created) {
    const visits = 2 + Math.floor(rand() * 20);
    const times = Array.from({ length: visits }, () => now.getTime() - Math.floor(rand() * yearMs)).sort((a, b) => a - b);
    for (const t of times) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const item = pick(SKUS);
        const quantity = 1 + Math.floor(rand() * 3);
        return { sku: item.sku, category: item.category, quantity, amount_fen: item.price * quantity };
      });
      const amount = lines.reduce((sum, l) => sum + l.amount_fen, 0);
      const store = pick(stores);
      const p = unwrap(await s.flows.recordPurchase(program.id, {
        member_id: memberId, store_id: store.id, amount_fen: amount, occurred_at: new Date(t).toISOString(), lines,
        receipt_no: `R${String(t).slice(-9)}`,
      }, actor, `demo-${memberId}-${t}`, new Date(t)));
      purchases++;
      if (rand() < 0.07) {
        const line = lines[0]!;
        // brought back a few days after the sale, as a shopper would
        const returnedAt = new Date(Math.min(t + (1 + Math.floor(rand() * 6)) * 86_400_000, now.getTime()));
        unwrap(await s.flows.recordReturn(program.id, { purchase_id: p.body.id, lines: [{ sku: line.sku, quantity: 1 }], occurred_at: returnedAt.toISOString() }, actor, `demo-return-${p.body.id}`));
        returns++;
      }
    }
  }
  // The re-evaluation job replayed month by month over the year (as if it had run), so
  // members entered their tiers when their figure got there; then the floors.
  const today = localDate(now, program.time_zone);
  for (let k = 12; k >= 1; k--) unwrap(await s.flows.evaluateTiers({ programId: program.id, asOf: addMonths(today, -k) }, actor, now));
  unwrap(await s.flows.evaluateTiers({ programId: program.id, asOf: today }, actor, now));
  const progress = async (id: string) => unwrap(await s.flows.memberTier(program.id, id, now));
  const [standard, silver, gold] = tiers;
  const classic = (await s.members.tierPage(program.id, null, created.length + 1)).filter((m) => m.tier_id === standard?.id).map((m) => m.id);
  // 人工调整等级: a VIP guest held at gold for good, a complaint settled with silver until a date
  if (classic[0]) unwrap(await s.flows.assignTierFloor(program.id, classic[0], { tier_id: gold!.id, reason: '商场重要客户，经理批准保留金卡' }, actor, `demo-floor-1`, now));
  if (classic[1]) {
    unwrap(await s.flows.assignTierFloor(program.id, classic[1], { tier_id: silver!.id, reason: '投诉补偿：银卡礼遇三个月', ends_on: addDays(today, 90) }, actor, `demo-floor-2`, now));
  }
  // A member a small purchase away from silver.
  const near = classic.slice(2).map(async (id) => ({ id, p: await progress(id) }));
  const closest = (await Promise.all(near)).filter((x) => x.p.next && x.p.next.missing > 5_000).sort((a, b) => a.p.next!.missing - b.p.next!.missing)[0];
  if (closest && standard) {
    const fen = closest.p.next!.missing - 3_000;
    unwrap(await s.flows.recordPurchase(program.id, { member_id: closest.id, store_id: stores[0]!.id, amount_fen: fen, occurred_at: now.toISOString() }, actor, `demo-near-${closest.id}`, now));
    purchases++;
  }
  // Campaigns (营销活动): about 60 % consent to marketing (birthday care goes to them); a
  // member-day award that has run, with a 20 % holdout, so its report compares the last
  // 30 days of spend; a double-points campaign in draft, for a rule to name.
  const award = await s.campaigns.create(program.id, {
    name: '会员日回馈：赠送 100 积分', name_en: 'Member day: 100 points', description: '向全体会员（对照组除外）一次性赠送 100 积分', kind: 'award',
    starts_at: new Date(now.getTime() - 30 * 86_400_000).toISOString(), ends_at: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    award_points: 100, budget_points: count * 100, per_member_limit: 100, holdout_pct: 20,
  }, admin.id);
  unwrap(await s.campaigns.setStatus(program.id, award.id, 'active', now));
  await unwrap(await s.flows.startCampaignAward(program.id, award.id, actor)).done;
  await s.campaigns.create(program.id, {
    name: '周末双倍积分', name_en: 'Double points weekends', description: '活动期间周末消费积分翻倍（在积分规则中关联本活动）', kind: 'rules',
    starts_at: new Date(now.getTime() + 7 * 86_400_000).toISOString(), ends_at: new Date(now.getTime() + 67 * 86_400_000).toISOString(),
    budget_points: 200_000, per_member_limit: 2_000, holdout_pct: 10,
  }, admin.id);
  unwrap(await s.jobs.runExpiry({ programId: program.id }, now));

  // The year above was earned at the base rate. From now on the program has earning rules and
  // a daily cap (set now, so the history stays on the one-statement path and seeds fast), and
  // today's purchases show what they add, rule by rule.
  unwrap(await s.programs.update(program.id, { earn_caps: { per_member_day: 20_000 } }));
  const rules = await seedRules(s, program.id, stores, admin.id, now);
  // event rewards from now on: the newcomer below is paid for signing up
  await s.events.set(program.id, 'signup', { points: 100, active: true }, admin.id);
  await s.events.set(program.id, 'profile_completed', { points: 50, active: true }, admin.id);
  await s.events.set(program.id, 'birthday', { points: 200, active: true }, admin.id);
  await s.events.set(program.id, 'referral', { points: 300, active: false }, admin.id);
  const rightNow = new Date(Math.max(Date.now(), now.getTime()));
  const newcomer = { phone: '13800138000', name: '林小满', gender: 'female' as const, birthday: '1998-06-18', email: null, id_number: null, enrolled_at: rightNow };
  const { created: [fresh] } = await s.flows.enrolMembers(program.id, [newcomer], actor, 'pos');
  if (fresh) unwrap(await s.flows.awardEvent(program.id, fresh, 'signup', 'once', actor, rightNow));
  const month = shanghaiDate(rightNow).slice(5, 7);
  const birthdayMember = inputs.findIndex((m) => m.birthday.slice(5, 7) === month);
  const showcase: [string | undefined, typeof SKUS[number][]][] = [
    [fresh, [SKUS[4]!, SKUS[0]!]], // first purchase, with beauty: +100 and +50
    [created[0], [SKUS[5]!]], // beauty
    [created[birthdayMember], [SKUS[2]!]], // birthday month: triple, alone
  ];
  for (const [memberId, items] of showcase) {
    if (!memberId) continue;
    const lines = items.map((i) => ({ sku: i.sku, category: i.category, quantity: 1, amount_fen: i.price }));
    unwrap(await s.flows.recordPurchase(program.id, {
      member_id: memberId, store_id: stores[0]!.id, amount_fen: lines.reduce((sum, l) => sum + l.amount_fen, 0), occurred_at: rightNow.toISOString(), lines,
      receipt_no: `R${String(rightNow.getTime()).slice(-9)}`,
    }, actor, `demo-rightNow-${memberId}`, rightNow));
    purchases++;
  }
  // Segments a marketer would start with; creating one computes its members at once.
  const active = { any_of: ['active' as const] };
  const tierIds = (codes: string[]) => tiers.filter((t) => codes.includes(t.code)).map((t) => t.id);
  const segments = [
    { name: '高价值会员', name_en: 'High value', description: '最近、常来、花得多：RFM 三项均在前 40%', conditions: { status: active, rfm: { r: { min: 4 }, f: { min: 4 }, m: { min: 4 } } } },
    { name: '沉睡会员', name_en: 'Dormant', description: '90 天没有消费，适合唤醒活动', conditions: { status: active, days_since_last_purchase: { min: 90 } } },
    { name: '本月生日', name_en: 'Birthday this month', description: '本月生日且同意接收营销信息：生日礼遇', conditions: { status: active, birthday_month: 'current' as const, marketing_consent: true } },
    { name: '金卡及以上', name_en: 'Gold and above', conditions: { status: active, tiers: { any_of: tierIds(['gold', 'diamond']) } } },
  ];
  for (const seg of segments) unwrap(await s.segments.create(program.id, seg, actor, undefined, now));
  await seedAuditTrail(s, program.id, actor, stores[0]!.id, created[1]!);
  await seedMemberships(s, program.id, created, gold?.id ?? null, actor, now);
  await seedReferrals(s, program.id, { referrers: created.slice(10, 18), storeId: stores[0]!.id, actor, now: rightNow });
  await seedRewards(s, program.id, { stores, tiers, actor, now });
  await seedCoupons(s, program.id, { members: created, stores, actor, timeZone: program.time_zone, now });
  await seedCalendar(s, program.id, actor, rightNow);
  await seedRights(s, program.id, { members: created, actor, now: rightNow });
  await seedStaff(s, program.id, stores[0]!.id);
  await seedNotifications(s, program.id, { members: created, now: rightNow });
  await seedSla(s, program.id, { actor, diamondTierId: tiers.find((x) => x.code === 'diamond')?.id ?? null });
  await seedCases(s, program.id, { members: created, storeId: stores[0]!.id, now: rightNow });
  await seedSuggestions(s, program.id, { members: created, stores, actor, now: rightNow });
  await seedQuality(s, program.id, { members: created, now: rightNow });
  // after the notifications' story (its one failed SMS): the server's relay sends the survey links within its first minute
  await seedSurveys(s, program.id, { members: created, stores, now: rightNow });
  await runSlaDemo(s, program.id, rightNow);
  await seedStatusChanges(s, program.id, created, actor);
  await s.ctx.db.insertInto('settings').values({ key: 'demo_program', value: program.id }).onConflict((oc) => oc.column('key').doUpdateSet({ value: program.id })).execute();
  return { programId: program.id, adminKey: admin.key, posKey: pos.key, members: created.length + (fresh ? 1 : 0), purchases, returns, rules };
}

/**
 * A member whose card was lost (suspended) and one who left (terminated: the termination
 * settles their points and coupons in the same step, and the member page shows it), chosen
 * among the last enrolled without a VIP seat (a personal membership's refund is its own story).
 */
async function seedStatusChanges(s: Services, programId: string, members: string[], actor: Principal) {
  const plain: string[] = [];
  for (const id of [...members].reverse()) {
    if (plain.length === 2) break;
    if (!(await s.memberships.openSeatOf(programId, id))) plain.push(id);
  }
  const [leaver, lost] = plain;
  if (lost) unwrap(await s.flows.changeMemberStatus(programId, lost, 'suspend', '会员卡挂失，待补办新卡', actor));
  if (leaver) unwrap(await s.flows.changeMemberStatus(programId, leaver, 'terminate', '会员申请注销：已搬离本市', actor));
}

/** Shanghai's calendar date of an instant, `days` later. */
const shanghaiDate = (at: Date, days = 0) => new Date(at.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Earning rules a newcomer understands at a glance. Rules are versioned by time: they are in
 * force from now, so they judge the purchases made from now on, not the year of history below.
 */
async function seedRules(s: Services, programId: string, stores: { id: string }[], actor: string, now: Date): Promise<number> {
  const rule = (input: Parameters<Services['rules']['create']>[1]) => s.rules.create(programId, input, actor);
  await rule({
    name: '生日月三倍积分', name_en: 'Birthday month: triple points', priority: 100, mode: 'exclusive',
    conditions: { birthday_month: true }, effect: { kind: 'multiplier', factor_pct: 300, scope: 'purchase' }, caps: {},
  });
  await rule({
    name: '新会员首单加赠 100 分', name_en: 'Welcome: +100 points on the first purchase', priority: 30, mode: 'stackable',
    conditions: { first_purchase: true }, effect: { kind: 'fixed_bonus', points: 100, scope: 'purchase' }, caps: {},
  });
  await rule({
    name: '美妆品类每单加赠 50 分', name_en: 'Beauty: +50 points per purchase', priority: 20, mode: 'stackable',
    conditions: { categories: ['beauty'] }, effect: { kind: 'fixed_bonus', points: 50, scope: 'purchase' }, caps: {},
  });
  await rule({
    name: '周末双倍积分', name_en: 'Weekend double points', priority: 10, mode: 'stackable',
    conditions: { weekdays: [6, 7] }, effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, caps: { per_purchase: 5_000 },
  });
  await rule({
    name: '杭州西湖店开业每单加赠 20 分', name_en: 'Hangzhou West Lake opening: +20 points per purchase', priority: 5, mode: 'stackable',
    valid_from: shanghaiDate(now), valid_to: shanghaiDate(now, 30),
    conditions: { stores: [stores[2]!.id] }, effect: { kind: 'fixed_bonus', points: 20, scope: 'purchase' }, caps: { per_member_month: 100 },
  });
  const lunch = await rule({
    name: '午市每 1 元 3 分', name_en: 'Lunchtime: 3 points per ¥1', priority: 8, mode: 'stackable',
    conditions: { hours: { from: '11:00', to: '14:00' }, stores: [stores[0]!.id] }, effect: { kind: 'points_per_spend', points: 3, per_fen: 100, scope: 'purchase' }, caps: {},
  });
  unwrap(await s.rules.setStatus(programId, lunch.id, 'paused', actor));
  const singles = await rule({
    name: '双十一双倍积分', name_en: 'Singles\' Day double points', priority: 50, mode: 'stackable',
    conditions: { dates: [`${shanghaiDate(now).slice(0, 4)}-11-11`] }, effect: { kind: 'multiplier', factor_pct: 200, scope: 'purchase' }, caps: {},
  });
  unwrap(await s.rules.setStatus(programId, singles.id, 'archived', actor));
  return 7;
}

export async function demoProgramId(s: Services): Promise<string | null> {
  const row = await s.ctx.db.selectFrom('settings').select('value').where('key', '=', 'demo_program').executeTakeFirst();
  return row?.value ?? null;
}
