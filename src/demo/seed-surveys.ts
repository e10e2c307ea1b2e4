import { isFailure, unwrap } from '../platform/errors.ts';
import { rng } from '../platform/rng.ts';
import type { Services } from '../services.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const GOOD = ['处理很快，客服很耐心', '问题一次就解决了', '态度很好', '回电及时', '积分补录很顺利', '', ''];
const BAD = ['等了好几天才有人回复', '问题没有真正解决', '来回转了好几个人', ''];
const WHY = ['停车方便，活动多', '积分好用', '商场环境不错', '餐饮选择少了点', '周末人太多', '礼品兑换太难', ''];

/**
 * 满意度调查 for the demo: the CSAT survey with ~40 closed cases over the last 8 weeks across
 * the stores and three agents (赵客服 mostly praised, 张客户经理 mixed, 王经理 lower) so the
 * trend and the breakdowns say something; an NPS round with its answers; a custom store
 * survey with a few. Each answered through its own link as a member would.
 */
export async function seedSurveys(s: Services, programId: string, o: { members: string[]; stores: { id: string }[]; now: Date }) {
  const rand = rng(20261212);
  const staff = await s.staff.list(programId);
  const agents = ['service', 'manager', 'admin'].map((u) => staff.find((x) => x.username === u)?.id ?? null);
  const lean = [[5, 5, 5, 4, 4, 3], [5, 4, 4, 3, 3, 2, 1], [4, 3, 3, 2, 2, 1]];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  for (let i = 0; i < 44; i++) {
    const closedAt = new Date(o.now.getTime() - (55 - i * 1.25) * DAY - Math.floor(rand() * 8) * HOUR);
    const who = i % 3;
    const sent = await s.surveys.sendCsat(programId, {
      caseId: `demo-case-${i + 1}`, caseNumber: `C${String(20260000 + i + 1)}`, memberId: o.members[i % o.members.length]!,
      agentStaffId: agents[who]!, storeId: o.stores[i % o.stores.length]!.id, closedAt,
    }, closedAt);
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
