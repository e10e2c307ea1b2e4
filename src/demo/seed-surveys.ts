import { isFailure, unwrap } from '../platform/errors.ts';
import { rng } from '../platform/rng.ts';
import type { Principal } from '../platform/context.ts';
import type { Services } from '../services.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const GOOD = ['处理很快，客服很耐心', '问题一次就解决了', '态度很好', '回电及时', '积分补录很顺利', '', ''];
const BAD = ['等了好几天才有人回复', '问题没有真正解决', '来回转了好几个人', ''];
const COMPLAINTS = ['积分未到账', '导购态度不好', '停车缴费出错', '礼品兑换延迟', '退货积分扣错'];
const REQUESTS = ['预约私人导购', '代订餐厅', '咨询会员权益', '预留活动席位', '礼品包装服务'];
const WHY = ['停车方便，活动多', '积分好用', '商场环境不错', '餐饮选择少了点', '周末人太多', '礼品兑换太难', ''];

/**
 * 满意度调查 for the demo: the CSAT survey with 44 real cases opened, worked and closed over the
 * last 8 weeks across the stores and three agents (赵客服 mostly praised, 张客户经理 mixed, 王经理 lower) so the
 * trend and the breakdowns say something; an NPS round with its answers; a custom store
 * survey with a few. Each answered through its own link as a member would.
 */
export async function seedSurveys(s: Services, programId: string, o: { members: string[]; stores: { id: string }[]; now: Date }) {
  const rand = rng(20261212);
  const staff = await s.staff.list(programId);
    const lean = [[5, 5, 5, 4, 4, 3], [5, 4, 4, 3, 3, 2, 1], [4, 3, 3, 2, 2, 1]];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  const people = ['service', 'manager', 'admin'].map((u) => staff.find((x) => x.username === u)).filter((x) => x !== undefined)
    .map((a): Principal => ({ keyId: a.id, name: a.display_name, role: a.role, staffId: a.id, programId, storeId: a.store_id }));
  const supervisor = people.find((x) => x.role === 'admin')!;
  for (let i = 0; i < 44; i++) {
    const closedAt = new Date(o.now.getTime() - (55 - i * 1.25) * DAY - Math.floor(rand() * 8) * HOUR);
    const who = i % people.length;
    const by = people[who]!;
    const at = (hours: number) => new Date(closedAt.getTime() - hours * HOUR);
    // a real case, worked and closed by its agent: the CSAT survey it sends is answered through its link
    const complaint = i % 2 === 1;
    const { body: c } = unwrap(await s.flows.openCase(programId, {
      type: complaint ? 'complaint' : 'service_request', channel: pick(['phone', 'portal', 'store', 'wechat'] as const), subject: pick(complaint ? COMPLAINTS : REQUESTS),
      description: '', priority: 'normal', member_id: o.members[i % o.members.length]!, store_id: o.stores[i % o.stores.length]!.id, route: false,
    }, by, undefined, at(30)));
    // a member with an account manager is routed to them at intake: moving it to another agent is the supervisor's (cases.manage)
    unwrap(await s.flows.assignCase(programId, c.id, by.staffId!, supervisor, at(29)));
    unwrap(await s.flows.messageCase(programId, c.id, { direction: 'to_member', channel: 'portal', subject: '', body: '您好，您的问题已受理，我们正在处理。' }, by, at(26)));
    for (const [n, step] of (complaint ? ['investigate', 'record_solution', 'tell_outcome', 'confirm'] as const : ['engage', 'plan', 'implement', 'evaluate'] as const).entries()) {
      unwrap(await s.flows.actOnCase(programId, c.id, { action: step, text: step === 'record_solution' || step === 'plan' ? '按会员诉求处理并回访。' : undefined }, by, at(20 - n * 4)));
    }
    // the survey is sent when the case closes (workflows/cases/after-transitions.ts); the demo takes
    // the link first, as the member would find it in their message, and the close then finds it sent
    const sent = await s.surveys.sendCsat(programId, {
      caseId: c.id, caseNumber: c.number, memberId: c.member_id, agentStaffId: by.staffId!, storeId: c.store_id, closedAt,
    }, closedAt);
    unwrap(await s.flows.actOnCase(programId, c.id, { action: 'close' }, by, closedAt));
    // about one in eight never answers: the response rate is not 100 %
    if (!sent.token || rand() < 0.12) continue;
    const score = pick(lean[who]!);
    const comment = score >= 4 ? pick(GOOD) : pick(BAD);
    unwrap(await s.surveys.answer(sent.token, { score, comment }, new Date(closedAt.getTime() + (2 + Math.floor(rand() * 30)) * HOUR)));
  }

  const consenting = [...await s.members.marketingConsent(programId, o.members)];
  const nps = unwrap(await s.surveys.create(programId, { kind: 'nps', title: '会员推荐意愿调查（NPS）', sample_size: 200, every_days: 30, recontact_days: 90 }));
  const npsAt = new Date(o.now.getTime() - 20 * DAY);
  const round = unwrap(await s.surveys.invite(programId, nps.id, { member_ids: consenting.slice(0, 16) }, npsAt));
  for (const [i, r] of round.items.entries()) {
    if (!r.token || i % 5 === 4) continue;
    const score = pick([10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3]);
    unwrap(await s.surveys.answer(r.token, { score, comment: pick(WHY) }, new Date(npsAt.getTime() + (1 + i) * 7 * HOUR)));
  }

  const custom = unwrap(await s.surveys.create(programId, {
    kind: 'custom', title: '门店购物体验调查', intro: '感谢您近期到店，请花 1 分钟告诉我们您的体验。', link_days: 30,
    questions: [
      { id: 'overall', type: 'rating', label: '您对本次购物体验的总体评分', min: 1, max: 5, required: true },
      { id: 'visit', type: 'single', label: '您多久来一次商场？', options: ['每周', '每月', '更少'], required: false },
      { id: 'likes', type: 'multiple', label: '您最满意的是哪些方面？', options: ['导购服务', '商场环境', '停车', '会员活动'], required: false },
      { id: 'more', type: 'text', label: '还有什么建议？', required: false },
    ],
  }));
  const customAt = new Date(o.now.getTime() - 6 * DAY);
  const sentCustom = await s.surveys.invite(programId, custom.id, { member_ids: consenting.slice(16, 24), store_id: o.stores[0]!.id }, customAt);
  if (isFailure(sentCustom)) return;
  for (const [i, r] of sentCustom.items.entries()) {
    if (!r.token || i % 3 === 2) continue;
    unwrap(await s.surveys.answer(r.token, {
      overall: pick([5, 4, 4, 3]), visit: pick(['每周', '每月', '更少']), likes: [pick(['导购服务', '商场环境']), pick(['停车', '会员活动'])], more: pick(['希望多些亲子活动', '停车场指引不清楚', '']),
    }, new Date(customAt.getTime() + (i + 1) * 5 * HOUR)));
  }
}
