import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Data-rights requests over the API (every answer checked against the OpenAPI document by
// the harness): the due date in working days, the lifecycle and its refusals, a copy as
// JSON and as a printable page, a correction through the members' own update, the
// overdue filter, bad input named by field, and who may do what.

describe.each(testDbKinds())('rights requests on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, key = p.adminKey) =>
    t.app.inject({ method, url: url(path), headers: auth(key), ...(payload ? { payload } : {}) });
  const member = async (over: object = {}) => {
    const r = await call('POST', '/members', { phone: `1377${kind === 'pglite' ? 1 : 2}${String(++seq).padStart(6, '0')}`, name: '张三丰', ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const file = async (body: object) => {
    const r = await call('POST', '/rights-requests', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
  });
  afterAll(async () => { await t.close(); });

  it('files a copy request due 15 working days later, and hands out the copy as JSON and a printable page', async () => {
    const m = await member();
    // received Tuesday 29 Sep 2026: the golden week does not count, the make-up Saturday does
    const r = await file({ member_id: m, kind: 'copy', channel: 'counter', received_at: '2026-09-29T10:00:00+08:00' });
    expect(r).toMatchObject({ status: 'received', due_on: '2026-10-26', member: { id: m, name: '张**', phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) } });
    expect((await call('GET', `/rights-requests/${r.id}/export.json`)).json()).toMatchObject({ code: 'rights_status', field: 'request_id' });
    expect((await call('POST', `/rights-requests/${r.id}/start`)).json()).toMatchObject({ status: 'in_progress' });
    expect((await call('POST', `/rights-requests/${r.id}/start`)).json()).toMatchObject({ code: 'rights_status', request_status: 'in_progress' });
    const done = (await call('POST', `/rights-requests/${r.id}/complete`, {})).json();
    expect(done).toMatchObject({ status: 'completed', result: { rows: expect.objectContaining({ members: 1 }) }, export_until: expect.any(String) });
    const json = await call('GET', `/rights-requests/${r.id}/export.json`);
    expect(json.headers['content-disposition']).toContain('attachment');
    const profile = json.json().sections.find((s: { table: string }) => s.table === 'members');
    expect(profile.rows[0]).toMatchObject({ id: m, name: '张三丰', phone: expect.stringMatching(/^1377\d{7}$/) });
    const html = await call('GET', `/rights-requests/${r.id}/export.html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('个人信息副本');
    expect(html.body).toContain('张三丰');
    expect(html.body).toContain('会员资料');
    // a completed request cannot be refused or completed again
    expect((await call('POST', `/rights-requests/${r.id}/refuse`, { reason: 'other', text: 'x' })).json()).toMatchObject({ code: 'rights_status' });
    expect((await call('POST', `/rights-requests/${r.id}/complete`, {})).json()).toMatchObject({ code: 'rights_status' });
  });

  it('applies a correction through the members\' update and records the fields', async () => {
    const m = await member({ name: '李四' });
    const r = await file({ member_id: m, kind: 'correction', channel: 'email', corrections: { name: '李思', email: 'lisi@example.com' } });
    expect(r.details).toEqual({ name: '李思', email: 'lisi@example.com' });
    const done = await call('POST', `/rights-requests/${r.id}/complete`, {});
    expect(done.json()).toMatchObject({ status: 'completed', result: { fields: ['name', 'email'] } });
    expect((await call('GET', `/members/${m}`)).json()).toMatchObject({ name: '李思', email: 'lisi@example.com' });
    // a correction to a phone another member has is refused, and the request stays open
    const other = await member();
    const otherPhone = `1377${kind === 'pglite' ? 1 : 2}${String(seq).padStart(6, '0')}`;
    const clash = await file({ member_id: m, kind: 'correction', channel: 'phone', corrections: { phone: otherPhone } });
    expect((await call('POST', `/rights-requests/${clash.id}/complete`, {})).json()).toMatchObject({ code: 'duplicate_phone', field: 'phone' });
    expect((await call('GET', `/rights-requests/${clash.id}`)).json().status).toBe('received');
    expect(other).toBeTruthy();
  });

  it('lets one of simultaneous completions of a deletion win; the others are told it is closed', async () => {
    const m = await member({ name: '并发' });
    const r = await file({ member_id: m, kind: 'deletion', channel: 'counter' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => call('POST', `/rights-requests/${r.id}/complete`, { confirm_erasure: true })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'rights_status')).toBe(true);
    const changes = (await t.services.flows.memberDataExport(p.programId, m)).sections.find((x) => x.table === 'member_status_changes')!.rows;
    expect(changes).toHaveLength(1);
  });

  it('refuses with a reason from the list and a text, both required', async () => {
    const m = await member();
    const r = await file({ member_id: m, kind: 'deletion', channel: 'phone' });
    expect((await call('POST', `/rights-requests/${r.id}/refuse`, { reason: 'identity_not_verified' })).json()).toMatchObject({ code: 'validation', field: 'text' });
    expect((await call('POST', `/rights-requests/${r.id}/refuse`, { reason: 'because', text: 'x' })).json()).toMatchObject({ code: 'validation', field: 'reason' });
    const refused = await call('POST', `/rights-requests/${r.id}/refuse`, { reason: 'identity_not_verified', text: '来电人无法提供身份证明' });
    expect(refused.json()).toMatchObject({ status: 'refused', refusal_reason: 'identity_not_verified', refusal_text: '来电人无法提供身份证明' });
  });

  it('lists by status, kind, member and overdue', async () => {
    const m = await member();
    const late = await file({ member_id: m, kind: 'copy', channel: 'letter', received_at: '2025-01-02T09:00:00+08:00' });
    const fresh = await file({ member_id: m, kind: 'correction', channel: 'counter', corrections: { name: '新名字' } });
    const mine = (await call('GET', `/rights-requests?member_id=${m}`)).json().items;
    expect(mine.map((x: { id: string }) => x.id)).toEqual([fresh.id, late.id]);
    expect(mine.find((x: { id: string }) => x.id === late.id)).toMatchObject({ overdue: true });
    expect(mine.find((x: { id: string }) => x.id === fresh.id)).toMatchObject({ overdue: false });
    const overdue = (await call('GET', `/rights-requests?overdue=true&member_id=${m}`)).json().items;
    expect(overdue.map((x: { id: string }) => x.id)).toEqual([late.id]);
    expect((await call('GET', `/rights-requests?kind=correction&member_id=${m}`)).json().items.map((x: { id: string }) => x.id)).toEqual([fresh.id]);
    expect((await call('GET', `/rights-requests?status=refused&member_id=${m}`)).json().items).toEqual([]);
  });

  it('names the field of bad input and changes nothing', async () => {
    const m = await member();
    const before = (await call('GET', `/rights-requests?member_id=${m}`)).json().items.length;
    expect((await call('POST', '/rights-requests', { member_id: m, kind: 'forget', channel: 'counter' })).json()).toMatchObject({ code: 'validation', field: 'kind' });
    expect((await call('POST', '/rights-requests', { member_id: 'mem_bad', kind: 'copy', channel: 'counter' })).json()).toMatchObject({ code: 'validation', field: 'member_id' });
    expect((await call('POST', '/rights-requests', { member_id: m, kind: 'correction', channel: 'counter' })).json()).toMatchObject({ code: 'validation', field: 'corrections' });
    expect((await call('POST', '/rights-requests', { member_id: m, kind: 'correction', channel: 'counter', corrections: { phone: '123' } })).json()).toMatchObject({ code: 'validation', field: 'corrections.phone' });
    expect((await call('POST', '/rights-requests', { member_id: 'mem_01J0000000000000000000000A', kind: 'copy', channel: 'counter' })).json()).toMatchObject({ code: 'not_found', field: 'member_id' });
    expect((await call('GET', '/rights-requests/rrq_01J0000000000000000000000A')).json()).toMatchObject({ code: 'not_found' });
    expect((await call('PATCH', '/retention', { periods: { purchase_lines: { n: 0, unit: 'year' } } })).json()).toMatchObject({ code: 'validation', field: 'periods.purchase_lines.n' });
    expect((await call('GET', `/rights-requests?member_id=${m}`)).json().items.length).toBe(before);
  });

  it('keeps retention settings per program with defaults, and a changed deadline moves new due dates', async () => {
    const s = (await call('GET', '/retention')).json();
    expect(s.deadline_working_days).toBe(15);
    expect(s.kinds.find((k: { kind: string }) => k.kind === 'terminated_members')).toMatchObject({ period: { n: 3, unit: 'year' }, action: 'anonymise' });
    const changed = (await call('PATCH', '/retention', { deadline_working_days: 10, periods: { referral_signals: { n: 6, unit: 'month' } } })).json();
    expect(changed.kinds.find((k: { kind: string }) => k.kind === 'referral_signals').period).toEqual({ n: 6, unit: 'month' });
    expect(changed.kinds.find((k: { kind: string }) => k.kind === 'purchase_lines').period).toEqual({ n: 5, unit: 'year' });
    const m = await member();
    expect((await file({ member_id: m, kind: 'copy', channel: 'counter', received_at: '2026-11-02T10:00:00+08:00' })).due_on).toBe('2026-11-16');
    await call('PATCH', '/retention', { deadline_working_days: 15 });
  });

  it('lets the POS key neither file nor read requests', async () => {
    const m = await member();
    expect((await call('POST', '/rights-requests', { member_id: m, kind: 'copy', channel: 'counter' }, p.posKey)).statusCode).toBe(403);
    expect((await call('GET', '/rights-requests', undefined, p.posKey)).statusCode).toBe(403);
    expect((await call('PATCH', '/retention', { deadline_working_days: 5 }, p.posKey)).statusCode).toBe(403);
  });
});
