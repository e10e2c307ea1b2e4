import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../platform/errors.ts';
import { apiHeaders as auth, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, whenUnlocked } from '../../testing/harness.ts';
import { PUBLIC_LIMIT } from './survey.public.routes.ts';
import type { TResults, TSurvey } from './survey.schema.ts';

// Surveys on both databases, as a member and an operator see them: CSAT sent once per closed
// case (also twice at once) through a single-use link that is answered once; expired links;
// consent at send time; NPS rounds and their recontact period; results against figures
// computed here; bad input as problem+json.

const DAY = 86_400_000;

describe.each(testDbKinds())('surveys on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let phone = 0;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, lang = 'en') =>
    t.app.inject({ method, url, headers: { ...auth(p.adminKey), 'accept-language': lang }, ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}`;
  const member = async (marketing = true) => {
    const r = await call('POST', `${base()}/members`, { phone: `1370000${String(++phone).padStart(4, '0')}`, name: '会员', marketing_consent: marketing });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  /** The links the member was sent (newest first), as the relay wrote them into their messages. */
  const links = async (memberId: string) => {
    await whenUnlocked(() => t.services.notifications.run({ programId: p.programId }));
    const msgs = await t.services.notifications.messages(p.programId, { member_id: memberId, limit: 50 });
    return msgs.items.filter((m) => m.template_key.startsWith('survey.')).map((m) => /\/s\/([A-Za-z0-9_-]+)/.exec(m.body)![1]!);
  };
  const answerJson = (token: string, answers: object) =>
    t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { accept: 'application/json', 'accept-language': 'zh' }, payload: { answers } });
  const closed = (memberId: string, n: string, agent = 'stf_agent_a', store?: string) => ({
    caseId: `cas_${n}`, caseNumber: `C-${n}`, memberId, agentStaffId: agent, storeId: store ?? p.storeId, closedAt: new Date(),
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    // the portal channel keeps the message as written: where the test reads the link a member got
    for (const key of ['survey.csat', 'survey.nps', 'survey.custom']) {
      unwrap(await t.services.notifications.createTemplate(p.programId, { key, channel: 'portal', lang: 'zh', kind: key === 'survey.csat' ? 'service' : 'marketing', subject: '调查', body: '{{survey_title}} {{link}}', active: true }));
    }
  });
  afterAll(async () => { await t.close(); });

  it('sends a closed case\'s CSAT once, even when asked twice at once, and its link is answered once', async () => {
    const m = await member(false); // CSAT is service: no marketing consent needed
    const c = closed(m, '1001');
    const both = await Promise.all([t.services.surveys.sendCsat(p.programId, c), t.services.surveys.sendCsat(p.programId, c)]);
    expect(both.map((r) => r.status).sort()).toEqual(['already', 'sent']);
    expect(await t.services.ctx.db.selectFrom('survey_invitations').select('token_hash').where('program_id', '=', p.programId).where('case_id', '=', c.caseId).execute()).toEqual([{ token_hash: expect.not.stringContaining(both.find((r) => r.token)!.token!) }]);
    expect((await t.services.surveys.sendCsat(p.programId, c)).status).toBe('already');
    const tokens = await links(m);
    expect(tokens).toHaveLength(1);

    const page = await t.app.inject({ method: 'GET', url: `/s/${tokens[0]}`, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('您对本次服务满意吗');
    expect(page.body).toContain('提交');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!crm)/);

    // two answers at once: one is taken, the other refused
    const [a, b] = await Promise.all([answerJson(tokens[0]!, { score: 5, comment: '很快' }), answerJson(tokens[0]!, { score: 1 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = [a, b].find((r) => r.statusCode === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'survey_link_used' });
    const again = await t.app.inject({ method: 'GET', url: `/s/${tokens[0]}`, headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been answered');

    const card = (await call('GET', `${base()}/members/${m}/surveys`)).json();
    expect(card.items).toHaveLength(1);
    expect(card.items[0]).toMatchObject({ kind: 'csat', status: 'answered', case_number: 'C-1001', answer: { score: expect.any(Number) } });
  });

  it('invites a member who reads English with the en template, and opens their page in English whatever the browser says', async () => {
    unwrap(await t.services.notifications.createTemplate(p.programId, { key: 'survey.csat', channel: 'portal', lang: 'en', kind: 'service', subject: 'Survey', body: 'Rate us: {{link}}', active: true }));
    const r = await call('POST', `${base()}/members`, { phone: `1370000${String(++phone).padStart(4, '0')}`, name: 'Member', language: 'en' });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json().id as string;
    await t.services.surveys.sendCsat(p.programId, closed(m, '1010'));
    const [token] = await links(m);
    const [msg] = (await t.services.notifications.messages(p.programId, { member_id: m, limit: 5 })).items;
    expect(msg).toMatchObject({ lang: 'en', body: expect.stringMatching(/^Rate us: /) });
    const page = await t.app.inject({ method: 'GET', url: `/s/${token}`, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Submit');
    const form = (body: string) => t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh' }, payload: body });
    expect((await form('q_comment=x')).body).toContain('Please check the questions marked in red');
    expect((await form('q_score=5')).body).toContain('Thank you!');
  });

  it('answers through the HTML form, and shows the form again naming a missing answer', async () => {
    const m = await member();
    await t.services.surveys.sendCsat(p.programId, closed(m, '1002'));
    const [token] = await links(m);
    const form = (body: string) => t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh' }, payload: body });
    const missing = await form('q_comment=' + encodeURIComponent('没选分'));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请回答此题');
    expect(missing.body).toContain('没选分'); // what was typed is kept
    const ok = await form('q_score=4&q_comment=' + encodeURIComponent('不错'));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('感谢您的反馈');
  });

  it('refuses an expired link, and an unknown one, with a clear page and problem+json', async () => {
    const m = await member();
    const long = new Date(Date.now() - 30 * DAY);
    await t.services.surveys.sendCsat(p.programId, closed(m, '1003'), long);
    const [token] = await links(m);
    const page = await t.app.inject({ method: 'GET', url: `/s/${token}`, headers: { 'accept-language': 'zh' } });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('调查链接已过期');
    const json = await answerJson(token!, { score: 5 });
    expect(json.statusCode).toBe(410);
    expect(json.json()).toMatchObject({ code: 'survey_link_expired' });
    const unknown = await t.app.inject({ method: 'GET', url: `/s/${'x'.repeat(32)}`, headers: { accept: 'application/json' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'survey_link_unknown', field: 'token' });
  });

  it('checks the consent at send time: no CSAT to a member who withdrew service consent, no NPS without marketing consent', async () => {
    const m = await member();
    expect((await call('POST', `${base()}/members/${m}/consents`, { purpose: 'service', granted: false, channel: 'console' })).statusCode).toBeLessThan(300);
    expect(await t.services.surveys.sendCsat(p.programId, closed(m, '1004'))).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    expect(await links(m)).toEqual([]);
    const nps = (await call('POST', `${base()}/surveys`, { kind: 'custom', title: '门店体验', questions: [{ id: 'q1', type: 'rating', label: '打分', min: 1, max: 5, required: true }] })).json() as TSurvey;
    const noMarketing = await member(false);
    const sent = (await call('POST', `${base()}/surveys/${nps.id}/invitations`, { member_ids: [noMarketing] })).json();
    expect(sent.items).toEqual([{ member_id: noMarketing, invitation_id: expect.any(String), status: 'skipped', reason: 'no_consent' }]);
    expect(await links(noMarketing)).toEqual([]);
  });

  it('samples NPS rounds at random and never invites a member again within the recontact period', async () => {
    const q = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${q.programId}/members`, headers: auth(q.adminKey), payload: { phone: `1360000${String(i).padStart(4, '0')}`, marketing_consent: i < 5 } });
      ids.push(r.json().id);
    }
    const s = (await t.app.inject({ method: 'POST', url: `/v1/programs/${q.programId}/surveys`, headers: auth(q.adminKey), payload: { kind: 'nps', title: 'NPS', sample_size: 2, every_days: 7, recontact_days: 30 } })).json() as TSurvey;
    const invited = async () => (await t.services.ctx.db.selectFrom('survey_invitations').select(['member_id', 'created_at']).where('program_id', '=', q.programId).execute());
    const run = async (now: Date) => {
      for (;;) {
        const r = await t.services.surveys.runSampling({ programId: q.programId, now });
        if (r) return r;
        await new Promise((ok) => setTimeout(ok, 50));
      }
    };
    const day0 = new Date('2026-03-02T02:00:00Z');
    expect((await run(day0)).rounds).toEqual([{ survey_id: s.id, program_id: q.programId, eligible: 5, sent: 2, skipped: 0 }]);
    expect((await run(new Date(day0.getTime() + DAY))).rounds).toEqual([]); // not due yet
    // a week on: the two of the first round are within 30 days, three remain
    expect((await run(new Date(day0.getTime() + 7 * DAY))).rounds[0]).toMatchObject({ eligible: 3, sent: 2 });
    expect((await run(new Date(day0.getTime() + 14 * DAY))).rounds[0]).toMatchObject({ eligible: 1, sent: 1 });
    const rows = await invited();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.member_id)).size).toBe(5); // nobody twice within 30 days
    expect(rows.map((r) => r.member_id)).not.toContain(ids[5]); // no marketing consent, never sampled
    // 35 days on, the first round's members may be asked again
    expect((await run(new Date(day0.getTime() + 35 * DAY))).rounds[0]).toMatchObject({ eligible: 2, sent: 2 });
  });

  it('computes CSAT %, response rate, trends and the by-agent and by-store figures as counted here', async () => {
    const q = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    unwrap(await t.services.notifications.createTemplate(q.programId, { key: 'survey.csat', channel: 'portal', lang: 'zh', kind: 'service', subject: 's', body: '{{link}}', active: true }));
    const plan = [
      { agent: 'stf_a', store: q.storeId, score: 5 }, { agent: 'stf_a', store: q.storeId, score: 4 }, { agent: 'stf_a', store: q.otherStoreId, score: 2 },
      { agent: 'stf_b', store: q.otherStoreId, score: 3 }, { agent: 'stf_b', store: q.storeId, score: 5 }, { agent: 'stf_b', store: q.storeId, score: null },
      { agent: 'stf_b', store: q.storeId, score: null },
    ];
    const answered: { agent: string; store: string; score: number }[] = [];
    for (const [i, x] of plan.entries()) {
      const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${q.programId}/members`, headers: auth(q.adminKey), payload: { phone: `1350000${String(i).padStart(4, '0')}` } });
      const m = r.json().id as string;
      await t.services.surveys.sendCsat(q.programId, { caseId: `cas_r${i}`, caseNumber: `R-${i}`, memberId: m, agentStaffId: x.agent, storeId: x.store, closedAt: new Date() });
      if (x.score === null) continue; // invited, never answered
      await whenUnlocked(() => t.services.notifications.run({ programId: q.programId }));
      const msg = (await t.services.notifications.messages(q.programId, { member_id: m, limit: 5 })).items[0]!;
      const token = /\/s\/([A-Za-z0-9_-]+)/.exec(msg.body)![1]!;
      expect((await answerJson(token, { score: x.score, comment: `评价${i}` })).statusCode).toBe(201);
      answered.push({ agent: x.agent, store: x.store, score: x.score });
    }
    const surveyId = (await t.app.inject({ method: 'GET', url: `/v1/programs/${q.programId}/surveys`, headers: auth(q.adminKey) })).json().items[0].id;
    const res = (await t.app.inject({ method: 'GET', url: `/v1/programs/${q.programId}/surveys/${surveyId}/results`, headers: auth(q.adminKey) })).json() as TResults;
    const csat = (xs: { score: number }[]) => Math.round(1000 * xs.filter((x) => x.score >= 4).length / xs.length) / 10;
    expect(res).toMatchObject({ metric: 'csat', invited: plan.length, answered: answered.length, value: csat(answered) });
    expect(res.response_rate).toBe(Math.round(1000 * answered.length / plan.length) / 10);
    for (const agent of ['stf_a', 'stf_b']) {
      const mine = answered.filter((x) => x.agent === agent);
      expect(res.by_agent.find((g) => g.key === agent)).toMatchObject({ answers: mine.length, value: csat(mine) });
    }
    for (const store of [q.storeId, q.otherStoreId]) {
      const mine = answered.filter((x) => x.store === store);
      expect(res.by_store.find((g) => g.key === store)).toMatchObject({ answers: mine.length, value: csat(mine), name: store === q.storeId ? 'Store S1' : 'Store S2' });
    }
    const week = new Date(Date.now() + 8 * 3_600_000); // Shanghai's wall clock
    expect(res.by_week.reduce((n, g) => n + g.answers, 0)).toBe(answered.length);
    expect(res.by_month.map((g) => g.key)).toContain(week.toISOString().slice(0, 7));
    expect(res.distribution).toEqual([2, 3, 4, 5].map((score) => ({ score, count: answered.filter((x) => x.score === score).length })));
    expect(res.comments).toHaveLength(answered.length);
    const low = (await t.app.inject({ method: 'GET', url: `/v1/programs/${q.programId}/surveys/low-scores`, headers: auth(q.adminKey) })).json();
    expect(low.items.map((x: { score: number }) => x.score)).toEqual([2]);
  });

  it('computes NPS as % promoters − % detractors', async () => {
    const s = (await call('POST', `${base()}/surveys`, { kind: 'nps', title: 'NPS 手工' })).json() as TSurvey;
    const scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 5];
    for (const score of scores) {
      const m = await member();
      const sent = (await call('POST', `${base()}/surveys/${s.id}/invitations`, { member_ids: [m] })).json();
      expect(sent.items[0].status).toBe('sent');
      const [token] = await links(m);
      expect((await answerJson(token!, { score })).statusCode).toBe(201);
    }
    const res = (await call('GET', `${base()}/surveys/${s.id}/results`)).json() as TResults;
    const pct = (n: number) => (100 * n) / scores.length;
    const expected = Math.round(10 * (pct(scores.filter((x) => x >= 9).length) - pct(scores.filter((x) => x <= 6).length))) / 10;
    expect(res).toMatchObject({ metric: 'nps', value: expected, promoters: 4, passives: 2, detractors: 4, response_rate: 100 });
  });

  it('builds a custom survey, freezes its questions once answered, counts its choices', async () => {
    const questions = [
      { id: 'overall', type: 'rating', label: '总体评分', min: 1, max: 5, required: true },
      { id: 'visit', type: 'single', label: '到店频率', options: ['每周', '每月', '更少'] },
      { id: 'likes', type: 'multiple', label: '喜欢什么', options: ['服务', '环境', '价格'] },
      { id: 'more', type: 'text', label: '建议' },
    ];
    const s = (await call('POST', `${base()}/surveys`, { kind: 'custom', title: '门店体验调查', questions })).json() as TSurvey;
    expect(s.frozen).toBe(false);
    const m = await member();
    await call('POST', `${base()}/surveys/${s.id}/invitations`, { member_ids: [m], store_id: p.storeId });
    const [token] = await links(m);
    const bad = await answerJson(token!, { overall: 4, visit: '每天' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'answers.visit' });
    expect((await answerJson(token!, { overall: 4, visit: '每周', likes: ['服务', '价格'], more: '多开几家' })).statusCode).toBe(201);
    const edit = await call('PATCH', `${base()}/surveys/${s.id}`, { questions: questions.slice(0, 2) });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'survey_frozen', field: 'questions' });
    expect((await call('PATCH', `${base()}/surveys/${s.id}`, { title: '门店体验调查（春季）' })).json()).toMatchObject({ title: '门店体验调查（春季）', frozen: true });
    const res = (await call('GET', `${base()}/surveys/${s.id}/results`)).json() as TResults;
    expect(res).toMatchObject({ metric: 'average', value: 4, answered: 1 });
    expect(res.questions.find((x) => x.id === 'likes')!.counts).toEqual({ 服务: 1, 价格: 1 });
    expect(res.comments[0]).toMatchObject({ comment: '多开几家', store_id: p.storeId });
  });

  it('sends a custom survey to a segment\'s members once each', async () => {
    const q = await createTestProgram(t);
    const qcall = (method: 'POST', url: string, payload: object) => t.app.inject({ method, url: `/v1/programs/${q.programId}${url}`, headers: auth(q.adminKey), payload });
    for (let i = 0; i < 3; i++) await qcall('POST', '/members', { phone: `1340000${String(i).padStart(4, '0')}`, marketing_consent: i < 2 });
    const seg = (await qcall('POST', '/segments', { name: '同意营销', conditions: { marketing_consent: true } })).json();
    const s = (await qcall('POST', '/surveys', { kind: 'custom', title: '分群调查', questions: [{ id: 'q1', type: 'text', label: '说说看' }] })).json() as TSurvey;
    const first = (await qcall('POST', `/surveys/${s.id}/invitations`, { segment_id: seg.id })).json();
    expect(first.items.map((x: { status: string }) => x.status)).toEqual(['sent', 'sent']);
    expect(first.items[0]).not.toHaveProperty('token');
    const again = (await qcall('POST', `/surveys/${s.id}/invitations`, { segment_id: seg.id })).json();
    expect(again.items.map((x: { status: string }) => x.status)).toEqual(['already', 'already']);
    const neither = await qcall('POST', `/surveys/${s.id}/invitations`, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json()).toMatchObject({ code: 'validation', field: 'member_ids' });
  });

  it('rate limits the public link per client address, with Retry-After', async () => {
    const hit = (ip: string) => t.app.inject({ method: 'GET', url: `/s/${'B'.repeat(32)}`, remoteAddress: ip, headers: { accept: 'application/json' } });
    for (let i = 0; i < PUBLIC_LIMIT.max; i++) expect((await hit('10.9.9.9')).statusCode).toBe(404);
    const limited = await hit('10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'survey_rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit('10.9.9.10')).statusCode).toBe(404); // another address is not held up
  });

  it('refuses bad input with problem+json naming the field, in the caller\'s language', async () => {
    const r = await call('POST', `${base()}/surveys`, { kind: 'custom', title: 'x', questions: [{ id: 'a', type: 'single', label: '选', options: ['一'] }] }, 'zh');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'validation', field: 'questions[0].options' });
    expect(r.json().detail).toContain('选项');
    const csat = await call('POST', `${base()}/surveys`, { kind: 'csat', title: 'x', questions: [{ id: 'a', type: 'rating', label: '分', min: 0, max: 10 }] });
    expect(csat.json()).toMatchObject({ code: 'validation', field: 'questions' });
    const nps = (await call('GET', `${base()}/surveys`)).json().items.find((x: TSurvey) => x.kind === 'csat');
    const byHand = await call('POST', `${base()}/surveys/${nps.id}/invitations`, { member_ids: [await member()] });
    expect(byHand.json()).toMatchObject({ code: 'survey_wrong_kind' });
    const m = await member();
    await t.services.surveys.sendCsat(p.programId, closed(m, '1005'));
    const [token] = await links(m);
    const out = await answerJson(token!, { score: 6 });
    expect(out.statusCode).toBe(400);
    expect(out.json()).toMatchObject({ code: 'validation', field: 'answers.score' });
    expect(out.json().detail).toContain('1 到 5');
    const garbage = await t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: '{"answers":' });
    expect(garbage.statusCode).toBe(400);
  });
});
