import { localDate } from '../platform/time.ts';
import type { CaseAction, TCaseOpen } from '../modules/cases/index.ts';
import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const HOUR = 3_600_000;
type Step = CaseAction | { note: string } | { reply: string; channel: 'portal' | 'sms' | 'email' | 'phone' } | { said: string } | { text: string; action: CaseAction } | 'take' | 'mediation';

/**
 * 服务台 for the demo: a dozen cases across both types, their states and the six channels,
 * some unassigned for the queue, one complaint reopened once after the member rejected the
 * first solution and taken to mediation, and account managers set for the gold and diamond
 * members (demo staff `manager`, 张客户经理; `service`, 赵客服, is the agent).
 */
export async function seedCases(s: Services, programId: string, o: { members: string[]; storeId: string; now: Date }) {
  if (!o.members.length) return 0;
  const staff = await s.staff.list(programId);
  const person = (username: string): Principal => {
    const a = staff.find((x) => x.username === username)!;
    return { keyId: a.id, name: a.display_name, role: a.role, staffId: a.id, programId, storeId: a.store_id };
  };
  const manager = person('manager');
  const agent = person('service');
  const tiers = (await s.tiers.table(programId)).tiers.slice(-2).map((x) => x.id);
  const vips: string[] = [];
  for (const m of o.members.slice(0, 120)) {
    if (tiers.includes((await s.members.tierInfo(programId, m))?.tier_id ?? '')) vips.push(m);
    if (vips.length >= 6) break;
  }
  for (const m of vips) unwrap(await s.cases.setAccountManager(programId, m, manager.staffId!, manager));
  // members past the first few (demo runs with a handful of members too)
  // members without an account manager (their cases stay in the queue), past the first few; the demo may have only a handful
  const others = o.members.filter((m) => !vips.includes(m));
  const pool = others.length ? others : o.members;
  const plain = Array.from({ length: 10 }, (_, i) => pool[(30 + i) % pool.length]!);
  let n = 0;
  const at = (hoursAgo: number) => new Date(o.now.getTime() - hoursAgo * HOUR);

  const make = async (input: Partial<TCaseOpen> & Pick<TCaseOpen, 'type' | 'channel' | 'subject' | 'member_id'>, hoursAgo: number, steps: Step[], by = agent) => {
    const opened = unwrap(await s.flows.openCase(programId, { description: '', priority: 'normal', route: false, ...input }, agent, undefined, at(hoursAgo)));
    const id = opened.body.id;
    let h = hoursAgo;
    for (const step of steps) {
      h -= Math.max(0.5, hoursAgo / (steps.length + 2));
      const when = at(Math.max(h, 0.1));
      if (step === 'take') unwrap(await s.flows.takeCase(programId, id, by, when));
      else if (step === 'mediation') {
        unwrap(await s.flows.recordProceeding(programId, id, {
          kind: 'mediation', held_on: localDate(when, 'Asia/Shanghai'), parties: ['会员本人', '商场客服部 赵客服', '区消费者协会调解员'],
          body: '区消费者协会', outcome: '双方同意：补发积分并赠送停车券，会员撤回投诉升级', documents: [{ name: '调解协议书.pdf', url: 'demo://cases/mediation-agreement.pdf' }],
        }, by, when));
      } else if (typeof step === 'string') unwrap(await s.flows.actOnCase(programId, id, { action: step }, by, when));
      else if ('note' in step) unwrap(await s.flows.noteCase(programId, id, step.note, by, when));
      else if ('reply' in step) unwrap(await s.flows.messageCase(programId, id, { direction: 'to_member', channel: step.channel, subject: '', body: step.reply }, by, when));
      else if ('said' in step) unwrap(await s.flows.messageCase(programId, id, { direction: 'from_member', channel: 'phone', subject: '', body: step.said }, by, when));
      else unwrap(await s.flows.actOnCase(programId, id, { action: step.action, text: step.text }, by, when));
    }
    n++;
    return id;
  };

  // the queue: unassigned, waiting to be taken
  await make({ type: 'complaint', channel: 'phone', subject: '上周消费积分未到账', member_id: plain[0]!, priority: 'high', description: '会员来电：3 月 2 日在一楼化妆品专柜消费 1,280 元，积分至今未到账。' }, 3, []);
  await make({ type: 'complaint', channel: 'portal', subject: '兑换的礼品一直没有收到', member_id: plain[1]!, description: '会员在门户留言：积分兑换的保温杯两周未发货。' }, 20, []);
  await make({ type: 'service_request', channel: 'sms', subject: '咨询停车优惠如何使用', member_id: plain[2]!, priority: 'low' }, 5, []);
  // complaints in each state
  await make({ type: 'complaint', channel: 'wechat', subject: '导购服务态度差', member_id: plain[3]!, store_id: o.storeId }, 30,
    ['take', 'investigate', { note: '已调取监控，正在与门店店长核实。' }, { reply: '您好，您反映的问题我们已受理，正在调查核实，3 个工作日内给您答复。', channel: 'portal' }]);
  await make({ type: 'complaint', channel: 'email', subject: '生日礼券过期未能使用', member_id: plain[4]! }, 50,
    ['take', 'investigate', { reply: '已收到您的邮件，我们正在核实礼券发放记录。', channel: 'email' }, { text: '补发同等面额礼券一张，有效期 30 天，并致歉。', action: 'record_solution' }]);
  await make({ type: 'complaint', channel: 'store', subject: '退货后积分被多扣', member_id: plain[5]!, store_id: o.storeId, priority: 'high' }, 70,
    ['take', 'investigate', { reply: '您好，已核实到退货扣分有误。', channel: 'sms' }, { text: '退还多扣的 320 积分。', action: 'record_solution' }, 'tell_outcome']);
  // reopened once after the member rejected the first solution, then mediation, then satisfied and closed
  await make({ type: 'complaint', channel: 'phone', subject: '会员等级被错误降级', member_id: plain[6]!, priority: 'urgent', description: '会员称年度消费已达金卡标准，却被降为银卡。' }, 200,
    ['take', 'investigate', { reply: '您好，您的等级问题已受理。', channel: 'phone' }, { text: '核实后维持银卡，赠送 200 积分致歉。', action: 'record_solution' }, 'tell_outcome',
      { said: '不接受，要求恢复金卡。' }, { text: '会员不满意：要求恢复金卡。', action: 'reject' }, 'mediation',
      { text: '恢复金卡至年底，并赠送停车券。', action: 'record_solution' }, 'tell_outcome', 'confirm', 'close']);
  await make({ type: 'complaint', channel: 'portal', subject: '门户无法登录', member_id: plain[7]! }, 120,
    ['take', 'investigate', { reply: '已为您重置登录，请再试。', channel: 'portal' }, { text: '重置会员门户登录。', action: 'record_solution' }, 'tell_outcome', 'confirm', 'close']);
  // VIP service requests go to the member's account manager
  const vip = (i: number) => vips[i] ?? plain[8 + (i % 2)]!;
  await make({ type: 'service_request', channel: 'phone', subject: '预约周末私人导购', member_id: vip(0), route: true }, 2, [], manager);
  await make({ type: 'service_request', channel: 'wechat', subject: '定制生日宴会场地', member_id: vip(1), route: true, priority: 'high' }, 26, ['engage', { reply: '您好，我是您的专属客户经理，已为您预留场地。', channel: 'sms' }], manager);
  await make({ type: 'service_request', channel: 'email', subject: '年度会员答谢活动席位', member_id: vip(2), route: true }, 60, ['engage', { text: '为会员预留答谢会席位 2 个，并安排专车。', action: 'plan' }], manager);
  await make({ type: 'service_request', channel: 'store', subject: '腕表保养服务', member_id: vip(3), route: true, store_id: o.storeId }, 90,
    ['engage', { text: '联系品牌售后，安排上门取表。', action: 'plan' }, 'implement', 'wait'], manager);
  await make({ type: 'service_request', channel: 'portal', subject: '代订餐厅', member_id: vip(4), route: true }, 150,
    ['engage', { text: '代订周六晚六楼餐厅包间。', action: 'plan' }, 'implement', { text: '会员反馈满意。', action: 'evaluate' }, 'close'], manager);
  return n;
}
