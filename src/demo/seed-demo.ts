import { SYSTEM, type Principal } from '../platform/context.ts';
import { residentIdWithCheck } from '../platform/validate.ts';
import type { Services } from '../services.ts';
import { unwrap } from '../platform/errors.ts';

// A demo program a person can click through: four tiers, three stores, 200 members with
// Chinese names and valid mobile numbers, a year of purchases and some returns. The data
// is generated from a fixed seed, so every fresh install shows the same program.

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽浩宇轩然子涵博文一鸣子豪俊杰';
const PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '166', '176', '177', '180', '181', '186', '187', '188', '189', '191', '199'];
const SKUS = [
  { sku: 'FD-1001', category: 'food', price: 3800 }, { sku: 'FD-1002', category: 'food', price: 12800 },
  { sku: 'CL-2001', category: 'clothing', price: 29900 }, { sku: 'CL-2002', category: 'clothing', price: 59900 },
  { sku: 'BT-3001', category: 'beauty', price: 18800 }, { sku: 'BT-3002', category: 'beauty', price: 45000 },
  { sku: 'EL-4001', category: 'electronics', price: 129900 }, { sku: 'HM-5001', category: 'home', price: 8900 },
];

/** Mulberry32: a small deterministic PRNG. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoResult {
  programId: string;
  adminKey: string;
  posKey: string;
  members: number;
  purchases: number;
  returns: number;
}

export async function seedDemo(s: Services, opts: { members?: number; now?: Date } = {}): Promise<DemoResult> {
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = opts.now ?? new Date();
  const program = await s.programs.create({
    name: '星河汇购物中心会员计划', time_zone: 'Asia/Shanghai', earn_rate: { points: 1, per_fen: 100 },
    pending_days: 7, expiry: { policy: 'year_end_following' }, expiry_notice_days: 30,
  });
  const tiers = await s.programs.createTiers(program.id, [
    { code: 'standard', name: '普卡', rank: 1, min_spend_fen: 0 },
    { code: 'silver', name: '银卡', rank: 2, min_spend_fen: 500_000 },
    { code: 'gold', name: '金卡', rank: 3, min_spend_fen: 2_000_000 },
    { code: 'diamond', name: '钻石卡', rank: 4, min_spend_fen: 5_000_000 },
  ]);
  const stores = [
    unwrap(await s.stores.create(program.id, { code: 'SH-XH', name: '上海徐汇店', address: '上海市徐汇区漕溪北路 88 号' })),
    unwrap(await s.stores.create(program.id, { code: 'SH-PD', name: '上海浦东店', address: '上海市浦东新区世纪大道 100 号' })),
    unwrap(await s.stores.create(program.id, { code: 'HZ-XH', name: '杭州西湖店', address: '杭州市西湖区延安路 200 号' })),
  ];
  const admin = unwrap(await s.apiKeys.create(program.id, { name: '演示管理员', role: 'admin' }));
  const pos = unwrap(await s.apiKeys.create(program.id, { name: '徐汇店收银台 1', role: 'pos', store_id: stores[0]!.id }));
  const actor: Principal = { ...SYSTEM, keyId: admin.id, name: admin.name, role: 'admin', programId: program.id };

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
      id_number: withId ? residentIdWithCheck(`310104${birthday.replaceAll('-', '')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`) : null,
    });
  }
  const { created } = await s.flows.enrolMembers(program.id, inputs, actor);

  let purchases = 0;
  let returns = 0;
  const yearMs = 365 * 86_400_000;
  const spend = new Map<string, number>();
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
      }, actor, `demo-${memberId}-${t}`, now));
      purchases++;
      spend.set(memberId, (spend.get(memberId) ?? 0) + amount);
      if (rand() < 0.07) {
        const line = lines[0]!;
        // brought back a few days after the sale, as a shopper would
        const returnedAt = new Date(Math.min(t + (1 + Math.floor(rand() * 6)) * 86_400_000, now.getTime()));
        unwrap(await s.flows.recordReturn(program.id, { purchase_id: p.body.id, lines: [{ sku: line.sku, quantity: 1 }], occurred_at: returnedAt.toISOString() }, actor, `demo-return-${p.body.id}`));
        returns++;
      }
    }
  }
  // Tiers from a year's spend: the demo starts where tier evaluation would have put them.
  const byRank = [...tiers].sort((a, b) => b.rank - a.rank);
  for (const [memberId, fen] of spend) {
    const tier = byRank.find((t) => fen >= t.min_spend_fen)!;
    await s.members.setTier(program.id, memberId, tier.id);
  }
  // Campaigns (营销活动): about 60 % consent to marketing (birthday care goes to them); a
  // member-day award that has run, with a 20 % holdout, so its report compares the last
  // 30 days of spend; a double-points campaign in draft, for a rule to name.
  for (const memberId of created) if (rand() < 0.6) await s.members.setMarketingConsent(program.id, memberId, true);
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
  await s.ctx.db.insertInto('settings').values({ key: 'demo_program', value: program.id }).onConflict((oc) => oc.column('key').doUpdateSet({ value: program.id })).execute();
  return { programId: program.id, adminKey: admin.key, posKey: pos.key, members: created.length, purchases, returns };
}

export async function demoProgramId(s: Services): Promise<string | null> {
  const row = await s.ctx.db.selectFrom('settings').select('value').where('key', '=', 'demo_program').executeTakeFirst();
  return row?.value ?? null;
}
