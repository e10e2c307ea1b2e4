import { localDate } from '../platform/time.ts';
import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;

/** The default scorecard (质量监控, seed 002 §4.2 (3)): five categories, 合规 critical. */
export const DEMO_SCORECARD = {
  name_zh: '服务质检评分表', name_en: 'Service quality scorecard',
  categories: [
    { key: 'greeting', name_zh: '问候与礼貌', name_en: 'Greeting and courtesy', weight: 15, min: 0, max: 2, critical: false, pass_mark: null, na_allowed: true },
    { key: 'diagnosis', name_zh: '问题识别', name_en: 'Understanding the problem', weight: 25, min: 1, max: 5, critical: false, pass_mark: null, na_allowed: false },
    { key: 'solution', name_zh: '解决方案', name_en: 'Solution', weight: 30, min: 1, max: 5, critical: false, pass_mark: null, na_allowed: false },
    { key: 'compliance', name_zh: '合规', name_en: 'Compliance', weight: 20, min: 0, max: 2, critical: true, pass_mark: 2, na_allowed: false },
    { key: 'records', name_zh: '记录完整', name_en: 'Complete records', weight: 10, min: 0, max: 2, critical: false, pass_mark: null, na_allowed: true },
  ],
};
type Marks = [number | null, number, number, number, number | null];
const answers = (m: Marks, comments: Partial<Record<number, string>> = {}) =>
  DEMO_SCORECARD.categories.map((c, i) => ({ key: c.key, value: m[i]!, comment: comments[i] ?? '' }));

/**
 * 质量监控 for the demo: closed cases of the two agents (赵客服 `service`, 张客户经理 `manager`)
 * over the last two months (one in four answered after the 24-hour first-response target), a dozen reviews by 孙质检 (`quality`) with one failed on compliance,
 * one calibration pair with 王经理 (`admin`), an open dispute by 赵客服, and two cases still to
 * score. Two recent closed cases are left unsampled for a new sample.
 */
export async function seedQuality(s: Services, programId: string, o: { members: string[]; now: Date }) {
  if (!o.members.length) return 0;
  const staff = await s.staff.list(programId);
  const person = (username: string): Principal => {
    const a = staff.find((x) => x.username === username)!;
    return { keyId: a.id, name: a.display_name, role: a.role, staffId: a.id, programId, storeId: a.store_id };
  };
  const [agent, manager, reviewer, admin] = [person('service'), person('manager'), person('quality'), person('admin')];
  const at = (daysAgo: number, hour = 0) => new Date(o.now.getTime() - daysAgo * DAY + hour * 3_600_000);
  const subjects = ['咨询积分兑换规则', '预约私人购物顾问', '申请补开发票', '修改会员手机号', '咨询金卡续级条件', '停车券未到账', '礼品配送地址变更', '生日礼遇领取', '积分转赠咨询', '预约专柜试衣'];
  const closeOne = async (i: number, by: Principal, daysAgo: number) => {
    const opened = unwrap(await s.flows.openCase(programId, {
      type: 'service_request', channel: i % 2 ? 'phone' : 'wechat', subject: subjects[i % subjects.length]!, description: '', priority: 'normal', route: false,
      member_id: o.members[(50 + i) % o.members.length]!,
    }, by, undefined, at(daysAgo)));
    const id = opened.body.id;
    unwrap(await s.flows.assignCase(programId, id, by.staffId!, admin, at(daysAgo, 0.2)));
    // the first reply stops the first-response clock (24 hours): one case in four answered late, a breach for the SLA column
    const replied = i % 4 === 1 ? 30 : 2;
    unwrap(await s.flows.messageCase(programId, id, { direction: 'to_member', channel: 'portal', subject: '', body: '您好，您的需求已收到，我们正在为您处理。' }, by, at(daysAgo, replied)));
    for (const [k, action] of (['engage', 'plan', 'implement', 'evaluate', 'close'] as const).entries()) {
      unwrap(await s.flows.actOnCase(programId, id, { action, ...(action === 'plan' ? { text: '电话沟通后确定处理方案' } : {}) }, by, at(daysAgo, replied + 1 + k)));
    }
    return id;
  };
  // older cases (the previous 30 days: the trend's baseline) and recent ones
  const older = [];
  for (let i = 0; i < 4; i++) older.push(await closeOne(i, i % 2 ? manager : agent, 40 + i * 3));
  const recent = [];
  for (let i = 4; i < 15; i++) recent.push(await closeOne(i, i % 3 === 0 ? manager : agent, 2 + (i - 4) * 2));

  const card = await s.quality.createScorecard(programId, DEMO_SCORECARD, reviewer);
  const day = (d: Date) => localDate(d, 'Asia/Shanghai');
  const sample = (from: number, to: number, size: number, reviewers: string[], perCase = 1, kind: 'random' = 'random') => s.flows.sampleCases(programId, {
    kind, from: day(at(from)), to: day(at(to)), size, agent_id: null, scorecard_id: card.id, reviewer_ids: reviewers, reviewers_per_case: perCase,
  }, reviewer);
  const review = async (caseId: string, by: Principal, m: Marks, comment = '', comments: Partial<Record<number, string>> = {}) =>
    unwrap(await s.flows.reviewCase(programId, { case_id: caseId, scorecard_id: card.id, answers: answers(m, comments), comment }, by));

  const marks: Marks[] = [[2, 4, 4, 2, 2], [1, 3, 3, 2, 1], [2, 5, 4, 2, null], [2, 4, 5, 2, 2]];
  unwrap(await sample(50, 35, 4, [reviewer.staffId!]));
  for (const [i, id] of older.entries()) await review(id, reviewer, marks[i]!, '');
  // the last 30 days: six reviews, one failed on compliance (an unverified identity before a phone number change)
  unwrap(await sample(30, 0, 6, [reviewer.staffId!]));
  const recentMarks: Marks[] = [[2, 5, 5, 2, 2], [2, 4, 4, 2, 1], [1, 4, 3, 2, 2], [2, 5, 4, 0, 2], [2, 3, 4, 2, null], [2, 5, 5, 2, 2]];
  for (const [i, a] of (await s.quality.assignmentsFor(programId, reviewer.staffId!)).entries()) {
    const failed = recentMarks[i]![3] === 0;
    await review(a.case_id, reviewer, recentMarks[i]!, failed ? '修改手机号前未核验身份，违反合规要求。' : '处理规范，回复及时。', failed ? { 3: '未按规定核验会员身份' } : {});
  }
  // 赵客服 disputes their lowest-scored review
  const disputed = (await s.quality.reviews(programId, { agent_id: agent.staffId! })).sort((a, b) => (a.score ?? 1) - (b.score ?? 1))[0]?.id ?? null;
  // a calibration pair: 孙质检 and 王经理 score the same case and disagree on two categories
  const pair = unwrap(await sample(30, 0, 1, [reviewer.staffId!, admin.staffId!], 2));
  const pairCase = pair.assignments[0]?.case_id;
  if (pairCase) {
    await review(pairCase, reviewer, [2, 4, 4, 2, 2], '整体良好');
    await review(pairCase, admin, [1, 3, 4, 2, null], '问候略显生硬，记录不适用');
  }
  if (disputed) unwrap(await s.quality.raiseDispute(programId, disputed, '会员当面出示了身份证，核验记录在门店纸质登记簿上，系统里没有补录。', agent));
  // two cases still to score
  unwrap(await sample(30, 0, 2, [reviewer.staffId!]));
  return recent.length + older.length;
}
