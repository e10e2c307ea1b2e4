import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { whereIs as findEverywhere } from '../../testing/where-is.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Deletion (PIPL 第四十七条): the member's personal data is gone from every table, while the
// program's books do not move: ledger totals (earned, spent, expired, reversed), liability
// and purchase sums are the same before and after. A member with an active paid VIP
// membership or an unsettled redemption is refused, with the reason.

describe.each(testDbKinds())('erasing a member on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let seq = 0;
  const db = () => t.services.ctx.db;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.inject({ method, url: url(path), headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const phone = () => `1391${kind === 'pglite' ? 3 : 4}${String(++seq).padStart(6, '0')}`;

  /** What an accountant reconciles: the ledger's sums by kind and direction, liability, balances, purchases. */
  const books = async () => {
    const pid = p.programId;
    const ledger = await sql<{ kind: string; direction: string; points: number }>`SELECT kind, direction, sum(points)::bigint AS points FROM ledger_entries WHERE program_id = ${pid} GROUP BY 1, 2 ORDER BY 1, 2`.execute(db());
    const [lots] = (await sql<{ liability: number; points: number }>`SELECT coalesce(sum(remaining), 0)::bigint AS liability, coalesce(sum(points), 0)::bigint AS points FROM point_lots WHERE program_id = ${pid}`.execute(db())).rows;
    const [bal] = (await sql<Record<string, number>>`SELECT sum(available)::bigint AS available, sum(pending)::bigint AS pending, sum(lifetime_earned)::bigint AS earned, sum(spent)::bigint AS spent, sum(expired)::bigint AS expired FROM point_balances WHERE program_id = ${pid}`.execute(db())).rows;
    const [buy] = (await sql<{ amount: number; returned: number; n: number }>`SELECT sum(amount_fen)::bigint AS amount, sum(returned_fen)::bigint AS returned, count(*)::int AS n FROM purchases WHERE program_id = ${pid}`.execute(db())).rows;
    const [ret] = (await sql<{ amount: number }>`SELECT coalesce(sum(amount_fen), 0)::bigint AS amount FROM returns WHERE program_id = ${pid}`.execute(db())).rows;
    return { ledger: ledger.rows, lots, bal, buy, ret };
  };

  const whereIs = (value: string) => findEverywhere(db(), value);

  const enrol = async (over: object = {}) => unwrap(await t.services.flows.enrolMember(p.programId, { phone: phone(), ...over }, actor)).id;
  const buy = async (memberId: string, fen: number) => unwrap(await t.services.flows.recordPurchase(p.programId, {
    member_id: memberId, store_id: p.storeId, amount_fen: fen, occurred_at: new Date().toISOString(), lines: [{ sku: 'SKU-1', quantity: 2, amount_fen: fen }],
  }, actor, `k-${memberId}-${fen}`)).body;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    actor = { ...SYSTEM, role: 'admin', programId: p.programId };
  });
  afterAll(async () => { await t.close(); });

  it('removes every personal value and keeps the books as they were', async () => {
    const pii = { phone: phone(), name: '欧阳淑芬', email: 'shufen.ouyang@example.com', id_number: '11010519491231002X', birthday: '1949-12-31', gender: 'female' as const };
    const id = unwrap(await t.services.flows.enrolMember(p.programId, { ...pii, marketing_consent: true, sensitive_consent: true }, actor)).id;
    const other = await enrol({ name: '王小二' });
    const purchase = await buy(id, 12_345);
    await buy(other, 5_000);
    unwrap(await t.services.flows.recordReturn(p.programId, { purchase_id: purchase.id, amount_fen: 2_000 }, actor, `r-${purchase.id}`));
    unwrap(await t.services.points.redeem(p.programId, id, { points: 10, description: 'parking' }, actor, undefined));
    const type = unwrap(await t.services.coupons.createType(p.programId, { name: '满100减20', kind: 'amount', amount_off_fen: 2000, valid_days: 30 }, null));
    const coupon = unwrap(await t.services.coupons.issue(p.programId, { typeId: type.id, memberId: id, source: 'goodwill', reason: 'late delivery', actor }));
    unwrap(await t.services.referrals.codeOf(p.programId, id));
    expect(await whereIs(pii.name)).not.toEqual([]);
    const before = await books();

    const filed = await call('POST', '/rights-requests', { member_id: id, kind: 'deletion', channel: 'letter', note: '会员来信要求注销并删除' });
    expect(filed.statusCode, filed.body).toBe(201);
    const rid = filed.json().id as string;
    const unconfirmed = await call('POST', `/rights-requests/${rid}/complete`, {});
    expect(unconfirmed.json()).toMatchObject({ code: 'validation', field: 'confirm_erasure' });
    const done = await call('POST', `/rights-requests/${rid}/complete`, { confirm_erasure: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', member: { id, erased: true, name: null, phone: null } });
    expect(done.json().result).toMatchObject({ erased: true, coupons_voided: 1, referral_codes_removed: 1, kept: expect.arrayContaining(['points_ledger', 'purchase_amounts']) });

    expect(await books()).toEqual(before);
    for (const value of [pii.phone, pii.name, pii.email, pii.id_number]) expect(await whereIs(value), value).toEqual([]);
    const member = unwrap(await t.services.members.get(p.programId, id, actor));
    expect(member).toMatchObject({ status: 'terminated', status_reason: 'erased', name: null, email: null, birthday: null, gender: null, id_number: null, marketing_consent: false });
    expect((await t.services.coupons.list(p.programId, { memberId: id })).map((c) => [c.id, c.status])).toEqual([[coupon.id, 'void']]);
    // the other member is untouched, and the erased phone may enrol again as a new member
    expect(unwrap(await t.services.members.get(p.programId, other, actor)).name).toBe('王小二');
    const again = unwrap(await t.services.flows.enrolMember(p.programId, { phone: pii.phone }, actor));
    expect(again.id).not.toBe(id);
    // the member's copy after erasure names nobody
    const copy = JSON.stringify(await t.services.flows.memberDataExport(p.programId, id));
    for (const value of [pii.phone, pii.name, pii.email, pii.id_number]) expect(copy).not.toContain(value);
  });

  it('erases what the service desk holds about the member and keeps its numbers, counts and scores', async () => {
    // the member's name, phone, e-mail and a sentence of theirs, planted in every desk text
    const who = { phone: phone(), name: '司马婉清', email: 'wanqing.sima@example.com' };
    const words = `我住在翠湖花园十二栋${kind}，上周三在二楼柜台被店员当众指责`;
    const said = `${who.name}（${who.phone}，${who.email}）说：${words}`;
    const id = unwrap(await t.services.flows.enrolMember(p.programId, { ...who, marketing_consent: true }, actor)).id;
    const other = await enrol({ name: '路人丙', marketing_consent: true });

    // a complaint: description, a message either way, a note quoting them, an attachment, a proceeding
    const opened = unwrap(await t.services.flows.openCase(p.programId, {
      type: 'complaint', channel: 'phone', subject: `${who.name}投诉店员态度`, description: said, priority: 'high', member_id: id, store_id: p.storeId, route: true,
    }, actor, undefined)).body;
    unwrap(await t.services.flows.messageCase(p.programId, opened.id, { direction: 'from_member', channel: 'phone', subject: '', body: said }, actor));
    unwrap(await t.services.flows.messageCase(p.programId, opened.id, { direction: 'to_member', channel: 'portal', subject: `致${who.name}`, body: `${who.name}您好，关于“${words}”，我们正在核实。` }, actor));
    unwrap(await t.services.flows.noteCase(p.programId, opened.id, `会员原话：${said}`, actor));
    unwrap(await t.services.flows.attachToCase(p.programId, opened.id, { name: `${who.name}-${who.phone}-录音.mp3`, content_type: 'audio/mpeg', size: 48_000, url: 'store://cases/rec-7f3a.mp3' }, actor));
    unwrap(await t.services.flows.recordProceeding(p.programId, opened.id, {
      kind: 'mediation', held_on: '2026-03-02', parties: [who.name, '翠湖门店'], body: '消费者协会', outcome: said, documents: [{ name: `${who.name}调解书.pdf`, url: 'store://cases/med-1.pdf' }],
    }, actor));
    unwrap(await t.services.flows.actOnCase(p.programId, opened.id, { action: 'investigate' }, actor));
    unwrap(await t.services.flows.actOnCase(p.programId, opened.id, { action: 'record_solution', text: `向${who.name}致歉并补偿` }, actor));

    // suggestions: one open (their words in title and body), one adopted (title kept, name blotted out), one they support
    const cat = unwrap(await t.services.suggestions.createCategory(p.programId, { name: `门店服务${kind}` }));
    const suggest = async (title: string, body: string, memberId: string) => unwrap(await t.services.flows.submitSuggestion(p.programId, { title, body, category_id: cat.id, channel: 'phone', member_id: memberId }, actor)).body;
    const open = await suggest(`${who.name}建议柜台设叫号`, said, id);
    const adopted = await suggest(`${who.name}建议延长停车时间`, `${said}；停车两小时不够`, id);
    const theirs = await suggest('周末加开收银台', '排队太久', other);
    unwrap(await t.services.flows.supportSuggestion(p.programId, open.id, other, actor));
    unwrap(await t.services.flows.supportSuggestion(p.programId, theirs.id, id, actor));
    unwrap(await t.services.flows.adoptSuggestion(p.programId, adopted.id, { note: `感谢${who.name}` }, actor));

    // a survey answered (a score, a choice, a comment) and one whose link is still open
    const questions = [
      { id: 'score', type: 'rating' as const, label: '满意度', required: true, min: 1, max: 5 },
      { id: 'pick', type: 'single' as const, label: '渠道', required: false, options: ['门店', '电话'] },
      { id: 'comment', type: 'text' as const, label: '意见', required: false },
    ];
    const survey = unwrap(await t.services.surveys.create(p.programId, { kind: 'custom', title: `门店体验${kind}`, questions }));
    const later = unwrap(await t.services.surveys.create(p.programId, { kind: 'custom', title: `回访${kind}`, questions }));
    const token = unwrap(await t.services.surveys.invite(p.programId, survey.id, { member_ids: [id, other] })).items.find((i) => i.member_id === id)!.token!;
    const openLink = unwrap(await t.services.surveys.invite(p.programId, later.id, { member_ids: [id] })).items[0]!.token!;
    unwrap(await t.services.surveys.answer(token, { score: 2, pick: '门店', comment: said }));
    for (const value of [who.phone, who.name, who.email, words]) expect(await whereIs(value), value).not.toEqual([]);

    const caseBefore = unwrap(await t.services.cases.get(p.programId, opened.id, actor));
    const timelineBefore = await t.services.cases.timeline(p.programId, opened.id);
    const resultsBefore = unwrap(await t.services.surveys.results(p.programId, survey.id, {}));
    const surveysBefore = (await t.services.surveys.list(p.programId)).items.map((x) => [x.id, x.invited, x.answered]);
    const countsBefore = await t.services.suggestions.counts(p.programId);

    const rid = (await call('POST', '/rights-requests', { member_id: id, kind: 'deletion', channel: 'phone' })).json().id as string;
    const done = await call('POST', `/rights-requests/${rid}/complete`, { confirm_erasure: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().result).toMatchObject({ cases_erased: 1, case_attachments_elsewhere: 2, suggestions_erased: 2, kept: expect.arrayContaining(['case_records', 'survey_scores']) });

    // nothing of theirs is left anywhere in the database
    for (const value of [who.phone, who.name, who.email, words]) expect(await whereIs(value), value).toEqual([]);

    // the case keeps its number, type, dates, agent; its texts read as erased; nobody can answer
    // an erased member, so the open case is closed (no survey is sent)
    const after = unwrap(await t.services.cases.get(p.programId, opened.id, actor));
    const { subject: _s, description: _d, updated_at: _u, status: _st, closed_at: _closed, waiting: _w, ...figures } = caseBefore;
    expect(after).toMatchObject({ ...figures, subject: '[已删除]', description: '[已删除]', solution: '[已删除]', status: 'closed', closed_at: expect.any(String) });
    // nobody can answer an erased member: the open case's deadlines stop, cancelled rather than breached
    // (the first response was met by the reply; what was still running is cancelled)
    const clocks = await t.services.sla.clocksOf(p.programId, { type: 'complaint', id: opened.id });
    expect(clocks.some((c) => c.state === 'cancelled')).toBe(true);
    expect(clocks.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'breached')).toEqual([]);
    const timeline = await t.services.cases.timeline(p.programId, opened.id);
    expect(timeline.map((e) => [e.id, e.kind, e.actor, e.at])).toEqual(timelineBefore.map((e) => [e.id, e.kind, e.actor, e.at]));
    expect(timeline.filter((e) => e.body !== '').map((e) => e.body)).toEqual(timeline.filter((e) => e.body !== '').map(() => '[已删除]'));
    expect(timeline.find((e) => e.kind === 'attachment')!.data).toEqual({ name: '[已删除]', content_type: 'audio/mpeg', size: 48_000, url: 'store://cases/rec-7f3a.mp3' });
    expect(timeline.find((e) => e.kind === 'proceeding')!.data).toMatchObject({ kind: 'mediation', held_on: '2026-03-02', parties: ['[已删除]', '[已删除]'], body: '消费者协会' });
    expect((await t.services.cases.list(p.programId, { member_id: id, assignee: 'any', limit: 10 }, actor)).items.map((c) => c.number)).toEqual([caseBefore.number]);

    // suggestions: counts and supports stand; the open one's words are gone, the adopted one's title stays without the name
    expect(await t.services.suggestions.counts(p.programId)).toEqual(countsBefore);
    expect(unwrap(await t.services.suggestions.get(p.programId, open.id))).toMatchObject({ title: '[已删除]', body: '[已删除]', status: 'new', support_count: 1 });
    expect(unwrap(await t.services.suggestions.get(p.programId, adopted.id))).toMatchObject({ title: '[已删除]建议延长停车时间', body: '[已删除]', status: 'adopted', decision_note: '感谢[已删除]' });
    expect(unwrap(await t.services.suggestions.get(p.programId, theirs.id))).toMatchObject({ title: '周末加开收银台', support_count: 1, supporters: [expect.objectContaining({ id })] });

    // surveys: every figure but the comments is as it was; their choice stays, the open link is dead
    const { comments: _c, ...figuresBefore } = resultsBefore;
    const { comments, ...figuresAfter } = unwrap(await t.services.surveys.results(p.programId, survey.id, {}));
    expect(figuresAfter).toEqual(figuresBefore);
    expect(comments).toEqual([]);
    expect((await t.services.surveys.list(p.programId)).items.map((x) => [x.id, x.invited, x.answered])).toEqual(surveysBefore);
    expect(await db().selectFrom('survey_answers').select(['score', 'answers']).where('member_id', '=', id).execute()).toEqual([{ score: 2, answers: { score: 2, pick: '门店' } }]);
    expect(await t.services.surveys.answer(openLink, { score: 5 })).toMatchObject({ code: 'survey_link_unknown' });
  });

  it('refuses while a paid VIP membership is active or a redemption is unsettled, changing nothing', async () => {
    const vip = await enrol({ name: '贵宾甲' });
    const plan = await t.services.memberships.createPlan(p.programId, { kind: 'individual', name: 'VIP', annual_fee_fen: 100_000, refund_policy: 'pro_rata' }, null);
    const today = new Date().toISOString().slice(0, 10);
    unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: plan.id, member_id: vip, starts_on: today, payment: { method: 'cash', amount_fen: 100_000, paid_on: today, receipt_no: `VIP-${kind}-${seq}` },
    }, actor));
    const rid = (await call('POST', '/rights-requests', { member_id: vip, kind: 'deletion', channel: 'counter' })).json().id as string;
    const refused = await call('POST', `/rights-requests/${rid}/complete`, { confirm_erasure: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'rights_blocked', blocker: 'vip_membership', field: 'member_id' });
    expect(unwrap(await t.services.members.get(p.programId, vip, actor))).toMatchObject({ name: '贵宾甲', status: 'active' });
    expect((await call('GET', `/rights-requests/${rid}`)).json().status).toBe('received');
    // the handler may refuse it with the reason instead
    const r = await call('POST', `/rights-requests/${rid}/refuse`, { reason: 'legal_retention', text: '付费会员合同有效期内，须保存交易记录' });
    expect(r.json()).toMatchObject({ status: 'refused', refusal_reason: 'legal_retention' });

    // a redemption waiting to be picked up: settle it first
    const fan = await enrol({ name: '兑换乙' });
    const earned = await t.app.inject({ method: 'POST', url: url('/purchases'), headers: { ...auth(p.posKey), 'idempotency-key': `buy-${fan}` }, payload: { member_id: fan, amount_fen: 50_000 } });
    expect(earned.statusCode, earned.body).toBe(201);
    const reward = await call('POST', '/rewards', { kind: 'goods', name: '保温杯', points: 100 });
    const redeemed = await t.app.inject({ method: 'POST', url: url(`/members/${fan}/reward-redemptions`), headers: { ...auth(p.adminKey), 'idempotency-key': `rdm-${fan}` }, payload: { reward_id: reward.json().id } });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const rid2 = (await call('POST', '/rights-requests', { member_id: fan, kind: 'deletion', channel: 'phone' })).json().id as string;
    const blocked = await call('POST', `/rights-requests/${rid2}/complete`, { confirm_erasure: true });
    expect(blocked.json()).toMatchObject({ code: 'rights_blocked', blocker: 'redemption' });
    expect(unwrap(await t.services.members.get(p.programId, fan, actor)).name).toBe('兑换乙');
  });
});
