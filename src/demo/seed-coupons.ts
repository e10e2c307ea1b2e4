import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import { addDays, localDate } from '../platform/time.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;

/**
 * Coupons for the demo: four types (amount off, percent off, a gift, a flagship-only
 * offer with fixed dates), coupons issued to members in every state (available, used at a
 * store, expired), a goodwill coupon with its reason, and a finished batch of 500
 * unassigned codes.
 */
export async function seedCoupons(s: Services, programId: string, o: { members: string[]; stores: { id: string }[]; actor: Principal; timeZone: string; now: Date }) {
  const { members, stores, actor, now } = o;
  const type = async (input: Parameters<Services['coupons']['createType']>[1]) => unwrap(await s.coupons.createType(programId, input, actor.keyId));
  const today = localDate(now, o.timeZone);
  const off20 = await type({ name: '满100减20', name_en: '¥20 off ¥100', kind: 'amount', amount_off_fen: 2_000, min_spend_fen: 10_000, valid_days: 30 });
  const pct = await type({ name: '九折券（最高减50）', name_en: '10% off (up to ¥50)', kind: 'percent', percent_off: 10, max_off_fen: 5_000, valid_days: 60 });
  const gift = await type({ name: '生日礼：咖啡杯', name_en: 'Birthday gift: coffee mug', kind: 'gift', gift_sku: 'GIFT-MUG', gift_name: '品牌咖啡杯', valid_days: 31 });
  const flagship = await type({
    name: '旗舰店专享 满300减50', name_en: 'Flagship only: ¥50 off ¥300', kind: 'amount', amount_off_fen: 5_000, min_spend_fen: 30_000,
    store_ids: [stores[0]!.id], valid_from: addDays(today, -7), valid_until: addDays(today, 23),
  });
  const till = { ...actor, storeId: null };
  const issue = async (typeId: string, memberId: string, at: Date, source: 'campaign' | 'goodwill' | 'manual' = 'campaign', reason: string | null = null) =>
    unwrap(await s.coupons.issue(programId, { typeId, memberId, source, sourceRef: source === 'campaign' ? 'demo' : null, reason, actor }, at));
  const use = async (code: string, storeId: string, basket: number, at: Date) =>
    unwrap(await s.coupons.consume(programId, { code: code.replaceAll('-', ''), store_id: storeId, basket_fen: basket, purchase_ref: `R${String(at.getTime()).slice(-9)}` }, till, undefined, at));
  for (const [i, memberId] of members.slice(0, 24).entries()) {
    const earlier = new Date(now.getTime() - (3 + (i % 10)) * DAY);
    const available = await issue([off20.id, pct.id, gift.id, flagship.id][i % 4]!, memberId, earlier);
    // every third member used one a day later, in one of the stores
    if (i % 3 === 0 && available.kind !== 'gift') {
      const used = await issue(i % 2 ? pct.id : off20.id, memberId, earlier);
      await use(used.code, stores[i % stores.length]!.id, 12_800 + i * 731, new Date(earlier.getTime() + DAY));
    }
    // and every fourth let one run out: issued 40 days ago with 30 days' validity
    if (i % 4 === 1) await issue(off20.id, memberId, new Date(now.getTime() - 40 * DAY));
  }
  if (members[0]) await issue(pct.id, members[0], new Date(now.getTime() - DAY), 'goodwill', '投诉补偿：排队时间过长（工单 C-1024）');
  const batch = unwrap(await s.coupons.startBatch(programId, { type_id: off20.id, quantity: 500 }, actor));
  await batch.done;
}
