import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../platform/errors.ts';
import { apiHeaders, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, whenUnlocked } from '../../testing/harness.ts';
import { staffSession, type StaffSession } from '../../testing/staff-session.ts';

// Quality review through the API on both databases: scorecards (versioned once used), a
// sample of closed cases assigned to reviewers, reviews scored by the formula (critical
// fail, N/A), one review per reviewer per case, calibration, disputes, per-agent figures.

const CATEGORIES = [
  { key: 'greeting', name_zh: '问候与礼貌', name_en: 'Greeting', weight: 10, min: 0, max: 2, na_allowed: true },
  { key: 'diagnosis', name_zh: '问题识别', name_en: 'Diagnosis', weight: 30, min: 1, max: 5 },
  { key: 'solution', name_zh: '解决方案', name_en: 'Solution', weight: 40, min: 1, max: 5 },
  { key: 'compliance', name_zh: '合规', name_en: 'Compliance', weight: 20, min: 0, max: 2, critical: true, pass_mark: 2 },
];
const answers = (g: number | null, d: number, s: number, c: number) =>
  [['greeting', g], ['diagnosis', d], ['solution', s], ['compliance', c]].map(([key, value]) => ({ key, value, comment: '' }));

describe.each(testDbKinds())('quality review on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let agent: StaffSession;
  let other: StaffSession;
  let reviewer: StaffSession;
  let reviewer2: StaffSession;
  let cardId: string;
  let memberId: string;
  const closed: string[] = [];
  const url = (path = '') => `/v1/programs/${p.programId}${path}`;
  const admin = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    t.app.inject({ method, url: url(path), headers: apiHeaders(p.adminKey), ...(payload ? { payload } : {}) });
  const today = () => new Date().toISOString().slice(0, 10);
  async function closedCase(memberId: string, agentId: string) {
    const c = (await admin('POST', '/cases', { type: 'service_request', channel: 'phone', subject: '预约试衣', member_id: memberId, route: false })).json();
    expect((await admin('POST', `/cases/${c.id}/assign`, { assignee_id: agentId })).statusCode).toBe(200);
    for (const [action, text] of [['engage'], ['plan', '方案'], ['implement'], ['evaluate'], ['close']] as const) {
      const r = await admin('POST', `/cases/${c.id}/actions`, { action, ...(text ? { text } : {}) });
      expect(r.statusCode, r.body).toBe(200);
    }
    return c.id as string;
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'UTC' });
    agent = await staffSession(t, p.programId, p.adminKey, { username: 'agent1', role: 'service_agent' });
    other = await staffSession(t, p.programId, p.adminKey, { username: 'agent2', role: 'service_agent' });
    reviewer = await staffSession(t, p.programId, p.adminKey, { username: 'qa1', role: 'quality' });
    reviewer2 = await staffSession(t, p.programId, p.adminKey, { username: 'qa2', role: 'quality' });
    const m = (await admin('POST', '/members', { phone: '13900000021', name: '李雷' })).json();
    memberId = m.id;
    for (let i = 0; i < 3; i++) closed.push(await closedCase(m.id, agent.staffId));
    closed.push(await closedCase(m.id, other.staffId));
    const card = await reviewer.call('POST', url('/quality/scorecards'), { name_zh: '默认评分表', name_en: 'Default', categories: CATEGORIES });
    expect(card.statusCode, card.body).toBe(201);
    cardId = card.json().id;
  });
  afterAll(async () => { await t.close(); });

  it('refuses a scorecard whose critical category has no pass mark, naming the field, in the caller\'s language', async () => {
    const bad = CATEGORIES.map((c) => (c.key === 'compliance' ? { ...c, pass_mark: null } : c));
    const r = await t.app.inject({ method: 'POST', url: url('/quality/scorecards'), headers: { ...apiHeaders(p.adminKey), 'accept-language': 'zh-CN' }, payload: { name_zh: 'x', name_en: 'x', categories: bad } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('categories[3].pass_mark');
    expect(r.json().errors[0].message).toContain('合格线');
  });

  it('samples n closed cases at random, one agent\'s only when asked, dealt among the reviewers', async () => {
    const r = await reviewer.call('POST', url('/quality/samples'), {
      kind: 'random', from: today(), to: today(), size: 2, agent_id: agent.staffId, scorecard_id: cardId, reviewer_ids: [reviewer.staffId, reviewer2.staffId],
    });
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json();
    expect(s.assignments).toHaveLength(2);
    expect(new Set(s.assignments.map((a: { case_id: string }) => a.case_id)).size).toBe(2);
    for (const a of s.assignments) { expect(closed.slice(0, 3)).toContain(a.case_id); expect(a.agent_id).toBe(agent.staffId); }
    expect(s.assignments.map((a: { reviewer_id: string }) => a.reviewer_id).sort()).toEqual([reviewer.staffId, reviewer2.staffId].sort());
    // the agent's third case is all a second sample can draw: sampled cases are not drawn again
    const again = await reviewer.call('POST', url('/quality/samples'), {
      kind: 'random', from: today(), to: today(), size: 5, agent_id: agent.staffId, scorecard_id: cardId, reviewer_ids: [reviewer2.staffId],
    });
    expect(again.json().assignments.map((a: { case_id: string }) => a.case_id)).toEqual(closed.slice(0, 3).filter((id) => !s.assignments.some((a: { case_id: string }) => a.case_id === id)));
    const agentCannot = await agent.call('POST', url('/quality/samples'), { kind: 'random', from: today(), to: today(), scorecard_id: cardId, reviewer_ids: [reviewer.staffId] });
    expect(agentCannot.statusCode).toBe(403);
    const notReviewer = await reviewer.call('POST', url('/quality/samples'), { kind: 'random', from: today(), to: today(), scorecard_id: cardId, reviewer_ids: [agent.staffId] });
    expect(notReviewer.statusCode).toBe(400);
    expect(notReviewer.json().field).toBe('reviewer_ids');
  });

  it('scores by the formula, once per reviewer per case; a failed critical scores 0; the assignment is done', async () => {
    const mine = (await reviewer.call('GET', url('/quality/assignments'))).json().items;
    expect(mine).toHaveLength(1);
    const r = await reviewer.call('POST', url('/quality/reviews'), { case_id: mine[0].case_id, scorecard_id: cardId, answers: answers(null, 4, 2, 2), comment: '整体良好' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().score).toBeCloseTo((30 * 0.75 + 40 * 0.25 + 20 * 1) / 90, 12);
    expect(r.json().agent_id).toBe(agent.staffId);
    expect((await reviewer.call('GET', url('/quality/assignments'))).json().items).toHaveLength(0);
    const twice = await reviewer.call('POST', url('/quality/reviews'), { case_id: mine[0].case_id, scorecard_id: cardId, answers: answers(2, 5, 5, 2) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('quality_already_reviewed');
    const failed = await reviewer.call('POST', url('/quality/reviews'), { case_id: closed[3], scorecard_id: cardId, answers: answers(2, 5, 5, 1) });
    expect(failed.json()).toMatchObject({ score: 0, critical_failed: true, agent_id: other.staffId });
    const offScale = await reviewer2.call('POST', url('/quality/reviews'), { case_id: closed[3], scorecard_id: cardId, answers: answers(2, 9, 5, 2) });
    expect(offScale.statusCode).toBe(400);
    expect(offScale.json().field).toBe('answers');
  });

  it('shows a calibration pair side by side with the categories where they disagree', async () => {
    const first = (await reviewer.call('GET', url(`/quality/reviews?reviewer_id=${reviewer.staffId}&agent_id=${agent.staffId}`))).json().items[0];
    // the first reviewer answered N/A, 4, 2, 2; the second 2, 3, 2, 2: greeting and diagnosis differ
    const r = await reviewer2.call('POST', url('/quality/reviews'), { case_id: first.case_id, scorecard_id: cardId, answers: answers(2, 3, 2, 2) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().score).toBeCloseTo((10 * 1 + 30 * 0.5 + 40 * 0.25 + 20 * 1) / 100, 12);
    const cal = await reviewer.call('GET', url(`/quality/calibration/${first.case_id}`));
    expect(cal.statusCode, cal.body).toBe(200);
    expect(cal.json().reviews.map((x: { reviewer_id: string }) => x.reviewer_id)).toEqual([reviewer.staffId, reviewer2.staffId]);
    expect(cal.json().categories.filter((c: { disagree: boolean }) => c.disagree).map((c: { key: string }) => c.key)).toEqual(['greeting', 'diagnosis']);
    const diagnosis = cal.json().categories.find((c: { key: string }) => c.key === 'diagnosis');
    expect(diagnosis).toMatchObject({ values: [4, 3] });
    expect(diagnosis.gap).toBeCloseTo(0.25, 12);
    expect(cal.json().categories.find((c: { key: string }) => c.key === 'greeting').gap).toBeNull();
    expect(cal.json().score_gap).toBeCloseTo(first.score - r.json().score, 12);
    expect((await reviewer.call('GET', url('/quality/calibration'))).json().items.map((c: { case_id: string }) => c.case_id)).toEqual([first.case_id]);
  });

  it('lets the agent see and dispute their own review once; a reviewer upholds it with a re-score, recorded', async () => {
    const own = await agent.call('GET', url('/quality/my-reviews'));
    expect(own.statusCode).toBe(200);
    const items = own.json().items as { id: string; agent_id: string; score: number; reviewer_id: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.agent_id === agent.staffId)).toBe(true);
    const target = items.find((r) => r.reviewer_id === reviewer.staffId)!;
    const othersReview = (await other.call('GET', url('/quality/my-reviews'))).json().items[0];
    const notMine = await agent.call('POST', url(`/quality/reviews/${othersReview.id}/dispute`), { reason: '不是我的' });
    expect(notMine.statusCode).toBe(404);
    const d = await agent.call('POST', url(`/quality/reviews/${target.id}/dispute`), { reason: '客户事后确认问题已解决' });
    expect(d.statusCode, d.body).toBe(201);
    expect((await agent.call('POST', url(`/quality/reviews/${target.id}/dispute`), { reason: '再次' })).json().code).toBe('quality_already_disputed');
    const ownReviewer = await reviewer.call('POST', url(`/quality/disputes/${d.json().id}/resolve`), { outcome: 'rejected', resolution: '维持' });
    expect(ownReviewer.statusCode).toBe(400);
    const noAnswers = await reviewer2.call('POST', url(`/quality/disputes/${d.json().id}/resolve`), { outcome: 'upheld', resolution: '申诉成立' });
    expect(noAnswers.json().field).toBe('answers');
    const upheld = await reviewer2.call('POST', url(`/quality/disputes/${d.json().id}/resolve`), { outcome: 'upheld', resolution: '申诉成立，重新评分', answers: answers(2, 5, 5, 2) });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json()).toMatchObject({ status: 'upheld', score_before: target.score, score_after: 1, resolved_by: reviewer2.staffId });
    expect((await reviewer.call('GET', url(`/quality/reviews/${target.id}`))).json()).toMatchObject({ score: 1, dispute_status: 'upheld' });
    expect((await reviewer2.call('POST', url(`/quality/disputes/${d.json().id}/resolve`), { outcome: 'rejected', resolution: 'x' })).json().code).toBe('quality_dispute_closed');
  });

  it('gives per-agent quality as the mean of the agent\'s reviews, with SLA and CSAT absent (null) where no figure exists', async () => {
    const all = (await reviewer.call('GET', url('/quality/reviews'))).json().items as { agent_id: string; score: number | null }[];
    const r = await reviewer.call('GET', url(`/quality/agents?from=${today()}&to=${today()}`));
    expect(r.statusCode, r.body).toBe(200);
    for (const who of [agent.staffId, other.staffId]) {
      const scores = all.filter((x) => x.agent_id === who && x.score !== null).map((x) => x.score!);
      const row = r.json().items.find((x: { agent_id: string }) => x.agent_id === who);
      expect(row.reviews).toBe(scores.length);
      expect(row.quality).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
    }
    expect(r.json().items.find((x: { agent_id: string }) => x.agent_id === other.staffId).quality).toBe(0);
  });

  it('samples by rule exactly the cases with a breached SLA clock, and gives the agent\'s SLA compliance from the clocks', async () => {
    const [late, inTime, running] = [await closedCase(memberId, other.staffId), await closedCase(memberId, other.staffId), await closedCase(memberId, other.staffId)];
    const sla = t.services.sla;
    const facets = { tierId: null, priority: null };
    const now = new Date();
    // the service request's first response (24 calendar hours by default): answered 3 days late, in an hour, and not yet
    await sla.start(p.programId, { type: 'service_request', id: late }, 'first_response', new Date(now.getTime() - 4 * 86_400_000), facets, other.staffId);
    await sla.stop(p.programId, { type: 'service_request', id: late }, ['first_response'], now);
    await sla.start(p.programId, { type: 'service_request', id: inTime }, 'first_response', new Date(now.getTime() - 3_600_000), facets, other.staffId);
    await sla.stop(p.programId, { type: 'service_request', id: inTime }, ['first_response'], now);
    await sla.start(p.programId, { type: 'service_request', id: running }, 'first_response', now, facets, other.staffId);

    const r = await reviewer.call('POST', url('/quality/samples'), {
      kind: 'breached_sla', from: today(), to: today(), size: 10, scorecard_id: cardId, reviewer_ids: [reviewer.staffId],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().assignments.map((a: { case_id: string }) => a.case_id)).toEqual([late]);
    const lowCsat = await reviewer.call('POST', url('/quality/samples'), {
      kind: 'low_csat', from: today(), to: today(), size: 10, scorecard_id: cardId, reviewer_ids: [reviewer.staffId],
    });
    expect(lowCsat.json().assignments).toEqual([]);

    const figures = (await reviewer.call('GET', url(`/quality/agents?from=${today()}&to=${today()}`))).json().items;
    // late: breached; in time: met; running: not decided yet
    expect(figures.find((x: { agent_id: string }) => x.agent_id === other.staffId).sla).toBe(0.5);
    expect(figures.find((x: { agent_id: string }) => x.agent_id === agent.staffId).sla).toBeNull();
    expect(figures.every((x: { csat: number | null }) => x.csat === null)).toBe(true);
  });

  it('samples by rule exactly the cases whose CSAT answer is 2 or less, and gives the agent\'s CSAT % (share of 4–5)', async () => {
    // the CSAT link reaches the member through the portal, where the test reads it beside the case number
    unwrap(await t.services.notifications.createTemplate(p.programId, { key: 'survey.csat', channel: 'portal', lang: 'zh', kind: 'service', subject: '满意度', body: '{{case_number}} {{link}}', active: true }));
    const cases = [await closedCase(memberId, agent.staffId), await closedCase(memberId, agent.staffId), await closedCase(memberId, agent.staffId)];
    const numbers = await Promise.all(cases.map(async (id) => (await admin('GET', `/cases/${id}`)).json().number as string));
    // the relay writes the messages; null means another test file's run holds its lock (shared PostgreSQL): wait
    await whenUnlocked(() => t.services.notifications.run({ programId: p.programId }));
    const bodies = (await t.services.notifications.messages(p.programId, { member_id: memberId, limit: 100 })).items.filter((m) => m.template_key === 'survey.csat').map((m) => m.body);
    const tokenOf = (number: string) => /\/s\/([A-Za-z0-9_-]+)/.exec(bodies.find((b) => b.startsWith(`${number} `))!)![1]!;
    for (const [i, score] of [2, 5, 1].entries()) {
      const r = await t.app.inject({ method: 'POST', url: `/s/${tokenOf(numbers[i]!)}`, headers: { accept: 'application/json' }, payload: { answers: { score } } });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
    const r = await reviewer.call('POST', url('/quality/samples'), {
      kind: 'low_csat', from: today(), to: today(), size: 10, agent_id: agent.staffId, scorecard_id: cardId, reviewer_ids: [reviewer.staffId],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().assignments.map((a: { case_id: string }) => a.case_id).sort()).toEqual([cases[0], cases[2]].sort());
    const figures = (await reviewer.call('GET', url(`/quality/agents?from=${today()}&to=${today()}`))).json().items;
    expect(figures.find((x: { agent_id: string }) => x.agent_id === agent.staffId).csat).toBeCloseTo(1 / 3, 12);
    expect(figures.find((x: { agent_id: string }) => x.agent_id === other.staffId).csat).toBeNull();
  });

  it('keeps one review per reviewer per case when the same reviewer submits twice at once', async () => {
    const caseId = await closedCase(memberId, agent.staffId);
    const both = await Promise.all([1, 2].map(() => reviewer2.call('POST', url('/quality/reviews'), { case_id: caseId, scorecard_id: cardId, answers: answers(2, 5, 5, 2) })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await reviewer.call('GET', url(`/quality/reviews?case_id=${caseId}`))).json().items).toHaveLength(1);
  });

  it('versions a scorecard once a review uses it', async () => {
    const r = await reviewer.call('PUT', url(`/quality/scorecards/${cardId}`), { name_zh: '默认评分表', name_en: 'Default', categories: CATEGORIES.map((c) => ({ ...c, weight: 25 })) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ version: 2, active: true });
    expect(r.json().id).not.toBe(cardId);
    expect((await reviewer.call('GET', url(`/quality/scorecards/${cardId}`))).json().active).toBe(false);
    const old = await reviewer.call('POST', url('/quality/reviews'), { case_id: closed[2], scorecard_id: cardId, answers: answers(2, 5, 5, 2) });
    expect(old.statusCode).toBe(400);
    expect(old.json().field).toBe('scorecard_id');
  });
});
