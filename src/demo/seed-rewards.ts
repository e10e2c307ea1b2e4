import { crc32, deflateSync } from 'node:zlib';
import type { Principal } from '../platform/context.ts';
import { isFailure, unwrap } from '../platform/errors.ts';
import { addDays, localDate } from '../platform/time.ts';
import type { TRewardCreate } from '../modules/rewards/index.ts';
import type { Services } from '../services.ts';

// The demo's rewards catalogue (积分商城): eight items of every kind with generated images,
// one sold out, one not on sale yet, one for gold and diamond members only, and
// redemptions waiting to be collected, fulfilled (collected and shipped) and cancelled.

/** A small PNG: a solid colour with a lighter band, made here so no binary file is checked in. */
export function solidPng(rgb: [number, number, number], size = 96): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const band = y > size * 0.62 && y < size * 0.78;
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(band ? rgb.map((c) => Math.min(255, c + 70)) : rgb, 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export async function seedRewards(s: Services, programId: string, ctx: { stores: { id: string }[]; tiers: { id: string; code: string }[]; actor: Principal; now: Date }) {
  const today = localDate(ctx.now, 'Asia/Shanghai');
  const tier = (code: string) => ctx.tiers.find((t) => t.code === code)!.id;
  const items: (TRewardCreate & { colour: [number, number, number] })[] = [
    { colour: [216, 67, 21], kind: 'goods', name: '星河汇定制保温杯', name_en: 'Galaxy Mall thermos', description: '316 不锈钢，500 毫升，到店领取', points: 2_000, stock: 50, per_member_limit: 2 },
    { colour: [25, 118, 210], kind: 'parking', name: '停车 2 小时', name_en: '2 hours of parking', description: '当天有效，每人每天限兑 3 次', points: 300, parking_hours: 2, period_limit: 3, limit_period: 'day' },
    { colour: [123, 31, 162], kind: 'coupon', name: '满 200 减 20 元券', name_en: '¥20 off ¥200', description: '全场通用，兑换后发放至会员账户', points: 1_500, stock: 500, coupon_type_id: 'demo-coupon-20-off-200' },
    { colour: [0, 137, 123], kind: 'service', name: '免费精致洗车', name_en: 'Car wash', description: '仅限徐汇店地下车库洗车点', points: 800, stock: 30, store_ids: [ctx.stores[0]!.id] },
    { colour: [121, 85, 72], kind: 'partner', name: '街角咖啡 拿铁一杯', name_en: 'Corner Café latte', description: '积分加 9.90 元兑换，合作商户提供', points: 500, cash_fen: 990, stock: 100 },
    { colour: [194, 24, 91], kind: 'goods', name: '金卡专享香薰礼盒', name_en: 'Gold members\' scent box', description: '金卡及钻石卡会员专享', points: 8_000, stock: 10, tier_ids: [tier('gold'), tier('diamond')] },
    { colour: [69, 90, 100], kind: 'goods', name: '中秋月饼礼盒', name_en: 'Mooncake box', description: '已兑完', points: 3_000, stock: 0 },
    { colour: [56, 142, 60], kind: 'goods', name: '圣诞限定公仔', name_en: 'Christmas plush', description: '节日限定，开放兑换前可预览', points: 1_200, stock: 80, valid_from: addDays(today, 3), valid_to: addDays(today, 40) },
  ];
  const made = [];
  for (const { colour, ...item } of items) {
    const r = unwrap(await s.rewards.create(programId, item, ctx.actor));
    unwrap(await s.rewards.setImage(programId, r.id, 'image/png', solidPng(colour).toString('base64')));
    made.push(r);
  }
  // members with points enough: the first active ones whose available balance covers the item
  const ids = (await s.members.activeIds(programId)).slice(0, 120);
  const rich: string[] = [];
  for (const id of ids) {
    const b = await s.points.balance(programId, id, ctx.now);
    if (!isFailure(b) && b.available >= 3_000) rich.push(id);
    if (rich.length >= 9) break;
  }
  const [cup, parking, , wash, latte] = made;
  const plan = [
    { reward: cup!, body: { store_id: ctx.stores[1]!.id } }, { reward: parking!, body: { store_id: ctx.stores[0]!.id } }, { reward: latte!, body: { payment_ref: 'POS-XH-20261128-0042', store_id: ctx.stores[0]!.id } },
    { reward: wash!, body: { store_id: ctx.stores[0]!.id } }, { reward: cup!, body: { delivery: 'shipping' as const } }, { reward: parking!, body: {} },
    { reward: latte!, body: { payment_ref: 'POS-PD-20261129-0007', store_id: ctx.stores[1]!.id } }, { reward: cup!, body: { store_id: ctx.stores[2]!.id } }, { reward: wash!, body: { store_id: ctx.stores[0]!.id } },
  ];
  const redeemed = [];
  for (const [i, p] of plan.entries()) {
    const m = rich[i % Math.max(rich.length, 1)];
    if (!m) break;
    const r = await s.flows.redeemReward(programId, m, { reward_id: p.reward.id, ...p.body }, ctx.actor, `demo-reward-${i}`);
    if (!isFailure(r)) redeemed.push(r.body);
  }
  // two collected at the counter, one shipped, two cancelled; the rest wait in the queue
  for (const r of redeemed.filter((x) => x.delivery === 'pickup').slice(0, 2)) unwrap(await s.rewards.fulfil(programId, r.id, { pickup_code: r.pickup_code! }, ctx.actor));
  for (const r of redeemed.filter((x) => x.delivery === 'shipping').slice(0, 1)) unwrap(await s.rewards.fulfil(programId, r.id, { tracking_note: '顺丰 SF1432 8890 2211' }, ctx.actor));
  const waiting = redeemed.filter((x) => x.delivery === 'pickup').slice(2);
  for (const [i, r] of waiting.slice(0, 2).entries()) unwrap(await s.flows.cancelRedemption(programId, r.id, i === 0 ? '会员临时改变主意' : '礼品破损，换货前先取消', ctx.actor));
  return { rewards: made.length, redemptions: redeemed.length };
}
