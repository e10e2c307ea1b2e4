import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import { addDays, addMonths, localDate } from '../platform/time.ts';
import type { Services } from '../services.ts';

// Paid VIP membership in the demo (VIP客户服务费用, seed 002 §1.3, §8): an individual plan
// and a corporate plan; individual memberships that run, renew, are about to expire,
// have expired, and one ended early with its pro rata refund; a company with three named
// members. Each is started as on its own day, so the dates and the job's work look real.

const noonIn = (day: string) => new Date(`${day}T04:00:00Z`); // noon in Shanghai

export async function seedMemberships(s: Services, programId: string, memberIds: string[], goldTierId: string | null, actor: Principal, now: Date) {
  const today = localDate(now, 'Asia/Shanghai');
  const plan = await s.memberships.createPlan(programId, {
    kind: 'individual', name: '个人 VIP 年卡', name_en: 'Individual VIP', annual_fee_fen: 199_900, refund_policy: 'pro_rata',
    tier_id: goldTierId, earn_multiplier_pct: 150, account_manager: true,
  }, actor.keyId);
  const corp = await s.memberships.createPlan(programId, {
    kind: 'corporate', name: '企业 VIP', name_en: 'Corporate VIP', annual_fee_fen: 1_000_000, max_seats: 5, refund_policy: 'none',
    tier_id: goldTierId, earn_multiplier_pct: 120, account_manager: true,
  }, actor.keyId);
  let receipt = 0;
  const pay = (amount: number, paidOn: string, method: 'bank_transfer' | 'cash' | 'other' = 'bank_transfer') =>
    ({ method, amount_fen: amount, paid_on: paidOn, receipt_no: `VIP-${paidOn.replaceAll('-', '')}-${String(++receipt).padStart(3, '0')}` });
  const individual = async (memberId: string, startsOn: string, manager: string | null = null) =>
    unwrap(await s.flows.startMembership(programId, { plan_id: plan.id, member_id: memberId, starts_on: startsOn, account_manager: manager, payment: pay(199_900, startsOn, 'cash') }, actor, noonIn(startsOn)));

  const [a, b, c, d, e, f, g, h] = memberIds.slice(-8);
  if (!h) return;
  await individual(a!, addDays(today, -100), '客户经理 李娜 138 1234 5678');
  // expiring within 30 days: its term ends in 19 days
  await individual(b!, addDays(addMonths(today, -12), 20), '客户经理 李娜 138 1234 5678');
  // lapsed: ended a month ago, the job below expires it
  await individual(c!, addDays(addMonths(today, -13), 0));
  // renewed ten days ago, before its end: the new term runs from the old end
  const renewed = await individual(d!, addDays(today, -300), '客户经理 周强 139 8765 4321');
  const renewOn = addDays(today, -10);
  unwrap(await s.flows.renewMembership(programId, renewed.id, { payment: pay(199_900, renewOn) }, actor, noonIn(renewOn)));
  // ended early today with its pro rata refund
  const early = await individual(e!, addDays(today, -200));
  const preview = unwrap(await s.flows.previewEnd(programId, early.id, now));
  unwrap(await s.flows.endMembership(programId, early.id, { refund_fen: preview.refund_fen, method: 'bank_transfer', reference: `RF-${today.replaceAll('-', '')}-01` }, actor, now));
  // a company with three named members at a negotiated fee
  const corpStart = addDays(today, -60);
  unwrap(await s.flows.startMembership(programId, {
    plan_id: corp.id, company_name: '星河贸易有限公司', contact_name: '陈志明', contact_phone: '13816881688', member_ids: [f!, g!, h!], fee_fen: 2_400_000,
    account_manager: '大客户经理 王芳 136 0000 1234', payment: pay(2_400_000, corpStart),
  }, actor, noonIn(corpStart)));
  unwrap(await s.flows.runMembershipsJob({ programId, asOf: today }, now));
}
