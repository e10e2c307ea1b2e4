import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';
import { residentIdWithCheck } from '../platform/validate.ts';

// Referrals in the demo program (issue 9 "Referral"): referrers among the demo members and
// friends in every status: rewarded (paid after the return window), void (first purchase
// returned), pending, released by staff (and paid), and blocked for each reason. Phones
// are unique in a program, so "same phone" is what it is in real life: a member who changed
// their number enrolled the old SIM as a "friend". The other self-referrals are a shared
// device, a resident ID and a payment account.

const DAY = 86_400_000;
const MIN = 60_000;
const FRIENDS = ['周子墨', '吴思远', '郑雨桐', '孙可欣', '钱浩然', '冯若曦', '陈一诺', '褚明轩', '卫佳怡', '蒋天佑', '沈梦瑶', '韩子轩', '杨书涵', '朱嘉禾', '秦语嫣', '尤俊熙', '许沐阳', '何安然', '吕欣妍', '施博远', '张清扬', '孔诗雨', '曹景行', '严若溪', '华思源'];

export async function seedReferrals(s: Services, programId: string, opts: { referrers: string[]; storeId: string; actor: Principal; now: Date }): Promise<{ referrals: number }> {
  const { actor, now, storeId } = opts;
  const [rewardedBy, pendingBy, deviceBy, idBy, phoneBy, payBy, capBy, burstBy] = opts.referrers;
  if (!burstBy) return { referrals: 0 };
  unwrap(await s.programs.get(programId));
  await s.referrals.updateSettings(programId, { share_base_url: 'https://join.xinghehui.example/r/', monthly_cap: 8, burst_count: 3, burst_minutes: 10, min_purchase_fen: 5_000 }, actor.keyId);
  await s.events.set(programId, 'referral', { points: 300, active: true }, actor.keyId);
  await s.events.set(programId, 'referred', { points: 150, active: true }, actor.keyId);

  let n = 0;
  const code = async (memberId: string) => unwrap(await s.referrals.codeOf(programId, memberId)).code;
  /** Enrols a friend at `at` with what the sign-up reported, and links them to the referrer as of then. */
  const friend = async (referrerId: string, at: Date, extra: { phone?: string; id_number?: string | null; device?: string; payment?: string } = {}) => {
    const name = FRIENDS[n % FRIENDS.length]!;
    const phone = extra.phone ?? `147${String(20_260_000 + n).padStart(8, '0')}`;
    n++;
    const { created: [id] } = await s.flows.enrolMembers(programId, [{ phone, name, id_number: extra.id_number ?? null, enrolled_at: at }], actor);
    if (!id) return null;
    const signals = { phone, idNumber: extra.id_number ?? null, device: extra.device, payment: extra.payment };
    await s.referrals.recordSignals(programId, id, signals);
    const r = unwrap(await s.referrals.link(programId, { referrerId, friendId: id, code: await code(referrerId), signals, actor }, at));
    return { id, referral: r };
  };
  const buy = async (memberId: string, fen: number, at: Date) =>
    unwrap(await s.flows.recordPurchase(programId, { member_id: memberId, store_id: storeId, amount_fen: fen, occurred_at: at.toISOString() }, actor, `demo-ref-buy-${memberId}`, now)).body.id;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  // rewarded: first purchases a month ago, long past the 7-day return window
  for (const [days, fen] of [[40, 26_800], [33, 12_900]] as const) {
    const f = await friend(rewardedBy!, ago(days));
    if (f) await buy(f.id, fen, ago(days - 5));
  }
  // void: the first purchase came back in full
  const back = await friend(rewardedBy!, ago(30));
  if (back) {
    const p = await buy(back.id, 45_000, ago(25));
    unwrap(await s.flows.recordReturn(programId, { purchase_id: p, occurred_at: ago(23).toISOString() }, actor, `demo-ref-return-${p}`));
  }
  // pending: a purchase still inside its return window, and a friend who has not bought yet
  const recent = await friend(pendingBy!, ago(4));
  if (recent) await buy(recent.id, 8_800, ago(2));
  await friend(pendingBy!, ago(1));

  // blocked, one per self-referral reason
  await s.referrals.recordSignals(programId, deviceBy!, { device: 'ios-7F3A9C21-家用iPad' });
  await friend(deviceBy!, ago(12), { device: 'ios-7F3A9C21-家用iPad' });
  const ref = unwrap(await s.members.get(programId, idBy!, actor));
  const idNumber = (await s.members.identity(programId, idBy!))?.idNumber ?? residentIdWithCheck('31010119850715003');
  if (!ref.id_number) unwrap(await s.flows.updateMember(programId, idBy!, { id_number: idNumber }, actor));
  await friend(idBy!, ago(9), { id_number: idNumber });
  const oldPhone = (await s.members.identity(programId, phoneBy!))!.phone;
  unwrap(await s.flows.updateMember(programId, phoneBy!, { phone: `147${String(30_260_000 + n).padStart(8, '0')}` }, actor));
  await friend(phoneBy!, ago(6), { phone: oldPhone });
  await s.referrals.recordSignals(programId, payBy!, { payment: 'alipay:2088****6621' });
  await friend(payBy!, ago(3), { payment: 'alipay:2088****6621' });

  // released by staff: a couple sharing the family iPad, checked at the desk; paid once the first purchase qualified
  const shared = await friend(deviceBy!, ago(20), { device: 'ios-7F3A9C21-家用iPad' });
  if (shared) {
    unwrap(await s.referrals.release(programId, shared.referral.id, '夫妻共用家中 iPad 注册，前台核实为两位顾客', actor, ago(19)));
    await buy(shared.id, 31_500, ago(15));
  }
  // the monthly cap (8): nine sign-ups this month, a quarter of an hour apart (no burst)
  for (let i = 9; i >= 1; i--) await friend(capBy!, new Date(now.getTime() - i * 15 * MIN - 3 * 60 * MIN));
  // a burst: five sign-ups on one code within five minutes (more than 3 in 10 minutes)
  const burst = [];
  for (let i = 5; i >= 1; i--) burst.push(await friend(burstBy!, new Date(now.getTime() - i * MIN - 30 * MIN)));
  // one of them released: signed up together at an in-store event, checked by the desk; waits for a first purchase
  const checked = burst.find((f) => f?.referral.status === 'blocked');
  if (checked) unwrap(await s.referrals.release(programId, checked.referral.id, '门店路演现场集中登记，前台逐一核实为新顾客', actor, new Date(now.getTime() - 10 * MIN)));

  unwrap(await s.flows.rewardReferrals({ programId }, now));
  return { referrals: n };
}
