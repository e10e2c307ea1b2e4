import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { logTransport } from '../notifications/index.ts';
import { apiHeaders, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, whenUnlocked } from '../../testing/harness.ts';
import { staffSession, type StaffSession } from '../../testing/staff-session.ts';

// The service desk on both databases, through the API: each flow's steps and the refused
// ones, reopening a complaint as often as the member rejects, waiting on the member, routing
// (account manager first, round robin fair under 20 simultaneous intakes, the store's pool),
// store staff held to their store, goodwill through the ledger once under a retried key,
// replies sent through the notification service, and bad input as problem+json.

describe.each(testDbKinds())('cases on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let agent: StaffSession;
  let memberId: string;
  const url = (path = '') => `/v1/programs/${p.programId}/cases${path}`;
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: path, headers: { ...apiHeaders(p.adminKey), ...headers }, ...(payload ? { payload } : {}) });
  const member = async (phone: string) => {
    const r = await call('POST', `/v1/programs/${p.programId}/members`, { phone, name: '韩梅梅', email: `${phone}@example.com` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const open = async (body: Record<string, unknown>, as?: StaffSession) => {
    const payload = { type: 'complaint', channel: 'phone', subject: '积分未到账', member_id: memberId, route: false, ...body };
    const r = as ? await as.call('POST', url(), payload) : await call('POST', url(), payload);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; number: string; status: string; assignee_id: string | null; reopen_count: number };
  };
  const act = (id: string, action: string, extra: object = {}) => call('POST', url(`/${id}/actions`), { action, ...extra });
  const topics = async (caseId: string) =>
    (await sql<{ topic: string }>`SELECT topic FROM outbox WHERE aggregate_id = ${caseId} ORDER BY id`.execute(t.services.ctx.db)).rows.map((r) => r.topic);

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    t.services.notifications.useTransports({ email: logTransport('email'), sms: logTransport('sms') });
    agent = await staffSession(t, p.programId, p.adminKey, { username: 'agent0', role: 'service_agent' });
    memberId = await member('13900000001');
  });
  afterAll(async () => { await t.close(); });

  it('walks a complaint received → investigating → solution → told → rejected (reopened, again and again) → resolved → closed', async () => {
    const c = await open({});
    expect(c.number).toMatch(/^C-\d{4}-\d{6}$/);
    expect(c.status).toBe('received');
    const early = await act(c.id, 'confirm');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'case_transition_refused', field: 'action', state: 'received' });
    expect(early.json().detail).toContain('received');
    expect((await act(c.id, 'investigate')).json().status).toBe('investigating');
    const noText = await act(c.id, 'record_solution');
    expect(noText.statusCode).toBe(400);
    expect(noText.json()).toMatchObject({ code: 'validation', field: 'text' });
    for (let round = 1; round <= 3; round++) {
      if (round > 1) expect((await act(c.id, 'record_solution', { text: `方案 ${round}` })).json().status).toBe('solution_ready');
      else expect((await act(c.id, 'record_solution', { text: '补发 200 积分并致歉' })).json()).toMatchObject({ status: 'solution_ready', solution: '补发 200 积分并致歉' });
      const told = await act(c.id, 'tell_outcome', { message: { channel: 'portal', body: '您的投诉已处理：补发积分。' } });
      expect(told.json()).toMatchObject({ status: 'solution_told', waiting: true });
      expect(told.json().first_response_at).not.toBeNull();
      if (round < 3) {
        // 客户不满意重新调查处理，直至客户满意 (seed 003 §7.3)
        const rejected = await act(c.id, 'reject', { text: '仍不满意' });
        expect(rejected.json()).toMatchObject({ status: 'investigating', reopen_count: round, waiting: false });
      }
    }
    expect((await act(c.id, 'reject')).json()).toMatchObject({ code: 'validation', field: 'text' });
    expect((await act(c.id, 'confirm')).json()).toMatchObject({ status: 'resolved', reopen_count: 2 });
    expect((await act(c.id, 'wait')).statusCode).toBe(409);
    const closed = (await act(c.id, 'close')).json();
    expect(closed.status).toBe('closed');
    expect(closed.closed_at).not.toBeNull();
    const after = await call('POST', url(`/${c.id}/notes`), { body: 'late' });
    expect(after.statusCode).toBe(201); // an internal note may follow a closed case
    expect((await act(c.id, 'investigate')).json()).toMatchObject({ code: 'case_transition_refused', state: 'closed' });
    const seen = await topics(c.id);
    expect(seen.filter((x) => x === 'case.reopened')).toHaveLength(2);
    expect(seen).toEqual(expect.arrayContaining(['case.opened', 'case.solution_ready', 'case.outcome_told', 'case.agent_replied', 'case.waiting', 'case.resumed', 'case.resolved', 'case.closed']));
    const detail = (await call('GET', url(`/${c.id}`))).json();
    expect(detail.actions).toEqual([]);
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'message_out')).toHaveLength(3);
    expect(detail.timeline.find((e: { kind: string }) => e.kind === 'message_out').data.delivery).toBe('sent');
  });

  it('walks a service request inquiry → account manager → plan → implementation → evaluation → closed', async () => {
    const c = await open({ type: 'service_request', channel: 'wechat', subject: '预约私人导购' });
    expect(c.status).toBe('inquiry');
    expect((await act(c.id, 'close')).json()).toMatchObject({ code: 'case_transition_refused', state: 'inquiry' });
    expect((await act(c.id, 'record_solution', { text: 'x' })).statusCode).toBe(409);
    for (const [action, status] of [['engage', 'account_manager'], ['plan', 'service_plan'], ['implement', 'implementation'], ['evaluate', 'evaluation'], ['close', 'closed']] as const) {
      const r = await act(c.id, action, { text: `${action} done` });
      expect(r.json().status, r.body).toBe(status);
    }
    const closed = (await call('GET', url(`/${c.id}`))).json();
    expect(closed.resolved_at).not.toBeNull();
    const from = new Date(Date.now() - 60_000);
    const range = await t.services.cases.closedInRange(p.programId, from, new Date(Date.now() + 60_000));
    expect(range.map((x) => x.id)).toContain(c.id);
  });

  it('waits on the member and resumes when they answer', async () => {
    const c = await open({ type: 'service_request' });
    expect((await act(c.id, 'wait')).json().waiting).toBe(true);
    expect((await act(c.id, 'wait')).statusCode).toBe(409);
    const said = await call('POST', url(`/${c.id}/messages`), { direction: 'from_member', channel: 'phone', body: '资料已发邮件' });
    expect(said.statusCode).toBe(201);
    const now = (await call('GET', url(`/${c.id}`))).json();
    expect(now).toMatchObject({ waiting: false });
    expect(now.last_member_message_at).not.toBeNull();
    expect(await topics(c.id)).toEqual(['case.opened', 'case.waiting', 'case.resumed', 'case.member_replied']);
  });

  it('sends a reply to the member by e-mail through the notification service, and records a phone call', async () => {
    const c = await open({});
    const r = await call('POST', url(`/${c.id}/messages`), { direction: 'to_member', channel: 'email', subject: '关于您的投诉', body: '我们已收到，正在核实。' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().data).toMatchObject({ channel: 'email', delivery: 'queued' });
    // the job's run (null while another run holds the lock)
    await whenUnlocked(() => t.services.notifications.run({ programId: p.programId }));
    const msgs = (await call('GET', `/v1/programs/${p.programId}/notifications/messages?member_id=${memberId}&channel=email`)).json().items;
    expect(msgs[0]).toMatchObject({ subject: '关于您的投诉', body: '我们已收到，正在核实。', status: 'sent', kind: 'service', event_id: null });
    const detail = (await call('GET', url(`/${c.id}`))).json();
    expect(detail.timeline.find((e: { kind: string }) => e.kind === 'message_out').data.delivery).toBe('sent');
    const phoned = await call('POST', url(`/${c.id}/messages`), { direction: 'to_member', channel: 'phone', body: '电话回访' });
    expect(phoned.json().data).toMatchObject({ channel: 'phone', delivery: 'recorded', message_id: null });
  });

  it('routes to the account manager first, else round robin, evenly under 20 simultaneous intakes', async () => {
    const agents = [agent.staffId];
    for (const i of [1, 2, 3]) agents.push((await staffSession(t, p.programId, p.adminKey, { username: `agent${i}`, role: 'service_agent' })).staffId);
    const counts = new Map<string, number>();
    const opened = await Promise.all(Array.from({ length: 20 }, () => call('POST', url(), { type: 'complaint', channel: 'portal', subject: 'x', member_id: memberId })));
    for (const r of opened) {
      expect(r.statusCode, r.body).toBe(201);
      counts.set(r.json().assignee_id, (counts.get(r.json().assignee_id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...agents].sort());
    expect([...counts.values()]).toEqual([5, 5, 5, 5]);
    expect(new Set(opened.map((r) => r.json().number)).size).toBe(20);

    const manager = await staffSession(t, p.programId, p.adminKey, { username: 'am1', role: 'account_manager' });
    const vip = await member('13900000002');
    expect((await call('PUT', `/v1/programs/${p.programId}/members/${vip}/account-manager`, { staff_id: agent.staffId })).json()).toMatchObject({ field: 'staff_id' });
    const set = await call('PUT', `/v1/programs/${p.programId}/members/${vip}/account-manager`, { staff_id: manager.staffId });
    expect(set.json()).toMatchObject({ staff_id: manager.staffId, staff_name: expect.any(String) });
    expect((await open({ member_id: vip, route: true })).assignee_id).toBe(manager.staffId);
    // route: false leaves the queue to take from, but the member's own manager still gets it
    expect((await open({ member_id: vip })).assignee_id).toBe(manager.staffId);

    const local = await staffSession(t, p.programId, p.adminKey, { username: 'agent-s2', role: 'service_agent', store_id: p.otherStoreId });
    expect((await open({ store_id: p.otherStoreId, route: true })).assignee_id).toBe(local.staffId);
    expect((await open({ store_id: p.otherStoreId, route: true })).assignee_id).toBe(local.staffId);
  });

  it('lets an agent take an unassigned case once, and assign only to people who work cases', async () => {
    const c = await open({});
    expect(c.assignee_id).toBeNull();
    const queue = (await agent.call('GET', url('?assignee=unassigned&limit=200'))).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const taken = await agent.call('POST', url(`/${c.id}/take`));
    expect(taken.json()).toMatchObject({ assignee_id: agent.staffId });
    const other = await staffSession(t, p.programId, p.adminKey, { username: 'agent-late', role: 'service_agent' });
    expect((await other.call('POST', url(`/${c.id}/take`))).json()).toMatchObject({ code: 'case_already_taken' });
    expect((await call('POST', url(`/${c.id}/take`))).statusCode).toBe(403); // a key is no person
    const mine = (await agent.call('GET', url('?assignee=me&limit=200'))).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const marketer = await staffSession(t, p.programId, p.adminKey, { username: 'mkt', role: 'marketing' });
    expect((await call('POST', url(`/${c.id}/assign`), { assignee_id: marketer.staffId })).json()).toMatchObject({ code: 'case_not_assignable', field: 'assignee_id' });
    expect((await call('POST', url(`/${c.id}/assign`), { assignee_id: other.staffId })).json()).toMatchObject({ assignee_id: other.staffId });
  });

  it('lets an agent assign an unassigned case or hand over their own, but only a supervisor moves a colleague\'s case', async () => {
    const colleague = await staffSession(t, p.programId, p.adminKey, { username: 'agent-colleague', role: 'service_agent' });
    const third = await staffSession(t, p.programId, p.adminKey, { username: 'agent-third', role: 'service_agent' });
    const c = await open({});
    // unassigned: any agent may give it to someone
    expect((await agent.call('POST', url(`/${c.id}/assign`), { assignee_id: colleague.staffId })).json()).toMatchObject({ assignee_id: colleague.staffId });
    // the colleague's now: another agent may not move it, to themselves or anyone, and nothing changes
    for (const to of [agent.staffId, third.staffId]) {
      const refused = await agent.call('POST', url(`/${c.id}/assign`), { assignee_id: to });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'case_reassign_forbidden', field: 'case_id', permission: 'cases.manage', assignee_id: colleague.staffId });
      expect(refused.json().detail).toContain('supervisor');
    }
    const zh = await t.app.inject({
      method: 'POST', url: url(`/${c.id}/assign`), payload: { assignee_id: third.staffId },
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'accept-language': 'zh-CN' },
    });
    expect(zh.json()).toMatchObject({ status: 403, title: '不能改派他人的工单' });
    expect(zh.json().detail).toContain('改派他人的工单须由主管');
    expect((await agent.call('GET', url(`/${c.id}`))).json()).toMatchObject({ assignee_id: colleague.staffId });
    // the colleague hands over their own
    expect((await colleague.call('POST', url(`/${c.id}/assign`), { assignee_id: third.staffId })).json()).toMatchObject({ assignee_id: third.staffId });
    // a supervisor (cases.manage: an admin, here by its key) moves anyone's
    expect((await call('POST', url(`/${c.id}/assign`), { assignee_id: agent.staffId })).json()).toMatchObject({ assignee_id: agent.staffId });
    const timeline = (await agent.call('GET', url(`/${c.id}`))).json().timeline as { kind: string; data: { from: string | null; to: string } }[];
    expect(timeline.filter((e) => e.kind === 'assignment').map((e) => [e.data.from, e.data.to])).toEqual([
      [null, colleague.staffId], [colleague.staffId, third.staffId], [third.staffId, agent.staffId],
    ]);
  });

  it('holds store staff to their own store\'s cases', async () => {
    const clerk = await staffSession(t, p.programId, p.adminKey, { username: 'clerk', role: 'store_staff', store_id: p.storeId });
    const mine = await open({ channel: 'store' }, clerk);
    expect(mine).toMatchObject({ store_id: p.storeId } as object);
    const elsewhere = await clerk.call('POST', url(), { type: 'complaint', channel: 'store', subject: 'x', member_id: memberId, store_id: p.otherStoreId });
    expect(elsewhere.json()).toMatchObject({ code: 'forbidden', field: 'store_id' });
    const theirs = await open({ store_id: p.otherStoreId });
    expect((await clerk.call('GET', url(`/${theirs.id}`))).statusCode).toBe(403);
    expect((await clerk.call('POST', url(`/${theirs.id}/notes`), { body: 'x' })).statusCode).toBe(403);
    const list = (await clerk.call('GET', url('?limit=200'))).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((x: { store_id: string }) => x.store_id === p.storeId)).toBe(true);
    expect((await clerk.call('POST', url(`/${mine.id}/actions`), { action: 'investigate' })).json().status).toBe('investigating');
  });

  it('gives goodwill points through the ledger exactly once under a retried key, on the member\'s statement; a big grant needs a supervisor', async () => {
    const c = await open({});
    const give = (s: StaffSession | null, key: string, body: object) => s
      ? t.app.inject({ method: 'POST', url: url(`/${c.id}/goodwill`), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key, 'accept-language': 'zh-CN' }, payload: body })
      : call('POST', url(`/${c.id}/goodwill`), body, { 'idempotency-key': key });
    expect((await call('POST', url(`/${c.id}/goodwill`), { kind: 'points', points: 100, reason: '致歉' })).json()).toMatchObject({ code: 'idempotency_key_required' });
    const first = await give(agent, 'gw-1', { kind: 'points', points: 100, reason: '积分延迟致歉' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await give(agent, 'gw-1', { kind: 'points', points: 100, reason: '积分延迟致歉' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const balance = (await call('GET', `/v1/programs/${p.programId}/members/${memberId}/balance`)).json();
    expect(balance.available).toBe(100);
    const statement = (await call('GET', `/v1/programs/${p.programId}/members/${memberId}/statement`)).json();
    const entries = statement.items.filter((e: { reason_code: string }) => e.reason_code === 'goodwill');
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).toContain(c.number);
    const big = await give(agent, 'gw-2', { kind: 'points', points: 501, reason: '重大失误' });
    expect(big.statusCode).toBe(403);
    expect(big.json()).toMatchObject({ code: 'case_goodwill_over_limit', field: 'points' });
    expect(big.json().detail).toContain('500');
    expect((await give(null, 'gw-3', { kind: 'points', points: 501, reason: '主管批准' })).statusCode).toBe(201);
    const detail = (await call('GET', url(`/${c.id}`))).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'goodwill')).toHaveLength(2);
  });

  it('records mediation and arbitration on complaints only, and attachments by reference', async () => {
    const c = await open({});
    const step = { kind: 'mediation', held_on: '2026-03-02', parties: ['会员 韩梅梅', '商场客服部', '消费者协会调解员'], outcome: '双方同意补偿 300 积分', documents: [{ name: '调解书.pdf', url: 's3://cases/m1.pdf' }] };
    const r = await call('POST', url(`/${c.id}/proceedings`), step);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'proceeding', data: { kind: 'mediation', held_on: '2026-03-02' } });
    const sr = await open({ type: 'service_request' });
    expect((await call('POST', url(`/${sr.id}/proceedings`), step)).json()).toMatchObject({ code: 'case_transition_refused', field: 'kind' });
    const a = await call('POST', url(`/${c.id}/attachments`), { name: '小票.jpg', content_type: 'image/jpeg', size: 123456, url: 's3://cases/r.jpg' });
    expect(a.json()).toMatchObject({ kind: 'attachment', body: '小票.jpg', data: { size: 123456 } });
  });

  it('answers bad input with problem+json naming the field, in the caller\'s language, and changes nothing', async () => {
    const before = (await call('GET', url('?limit=200'))).json().items.length;
    const bad = await t.app.inject({ method: 'POST', url: url(), headers: { ...apiHeaders(p.adminKey), 'accept-language': 'zh-CN' }, payload: { type: 'complaint', channel: 'fax', subject: 'x', member_id: memberId } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().field ?? bad.json().errors?.[0]?.field).toBe('channel');
    expect((await call('POST', url(), { type: 'complaint', channel: 'phone', subject: 'x', member_id: 'mem_00000000000000000000000000' })).json()).toMatchObject({ code: 'not_found', field: 'member_id' });
    const other = await member('13900000003');
    const purchase = await call('POST', `/v1/programs/${p.programId}/purchases`, { member_id: other, store_id: p.storeId, amount_fen: 10000, occurred_at: new Date().toISOString() }, { 'idempotency-key': 'pur-1' });
    expect(purchase.statusCode, purchase.body).toBe(201);
    expect((await call('POST', url(), { type: 'complaint', channel: 'phone', subject: 'x', member_id: memberId, purchase_id: purchase.json().id })).json()).toMatchObject({ field: 'purchase_id' });
    expect((await act('cas_00000000000000000000000000', 'investigate')).statusCode).toBe(404);
    expect((await call('GET', url('?limit=200'))).json().items.length).toBe(before);
  });

  it('opens once under a retried Idempotency-Key', async () => {
    const body = { type: 'service_request', channel: 'portal', subject: '预约', member_id: memberId, route: false };
    const a = await call('POST', url(), body, { 'idempotency-key': 'open-1' });
    const b = await call('POST', url(), body, { 'idempotency-key': 'open-1' });
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });
});
