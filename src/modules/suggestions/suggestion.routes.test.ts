import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../notifications/index.ts';
import { staffSession } from '../../testing/staff-session.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram, whenUnlocked } from '../../testing/harness.ts';

// Suggestions over the API on both databases: recorded (idempotently, by store staff for
// their store), supported once per member even at once, merged with supporters carried over
// without double counting, adopted once with the author paid once even when adopted twice at
// once, supporters told once each, a declined one's author told why, bad input by field.

describe.each(testDbKinds())('suggestions on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let categoryId: string;
  let seq = 0;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object, key = p.adminKey, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: url(path), headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const member = async () => {
    const r = await call('POST', '/members', { phone: `139${String(1_000_0000 + ++seq).slice(-8)}`, name: `会员${seq}` });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const suggest = async (memberId: string | undefined, title = `建议 ${++seq}`) => {
    const r = await call('POST', '/suggestions', { title, body: '希望门店能提供更多停车位。', category_id: categoryId, store_id: p.storeId, channel: memberId ? 'portal' : 'staff', ...(memberId ? { member_id: memberId } : {}) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const detail = async (id: string) => (await call('GET', `/suggestions/${id}`)).json();
  /** The member's in-portal messages, after the relay ran. */
  const messages = async (memberId: string) => {
    // another test file's run may hold the relay's lock (PostgreSQL): wait for this program's
    await whenUnlocked(() => t.services.notifications.run({ programId: p.programId }));
    return (await call('GET', `/members/${memberId}/messages`)).json().items as { template_key: string; body: string }[];
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    categoryId = (await call('POST', '/suggestion-categories', { name: '门店服务' })).json().id;
    expect((await call('PUT', '/event-rewards/suggestion_adopted', { points: 200, active: true })).statusCode).toBe(200);
    for (const tpl of DEFAULT_TEMPLATES.filter((x) => x.key.startsWith('suggestion.') && x.channel === 'portal')) {
      expect((await call('POST', '/notifications/templates', tpl)).statusCode).toBe(201);
    }
  });
  afterAll(async () => { await t.close(); });

  it('adopting twice at once rewards the author once, tells them once, and tells every supporter once', async () => {
    const author = await member();
    const fans = [await member(), await member()];
    const id = await suggest(author, '会员日增加亲子活动');
    for (const fan of fans) expect((await call('POST', `/suggestions/${id}/supporters`, { member_id: fan })).json().added).toBe(true);
    const rs = await Promise.all(Array.from({ length: 4 }, (_, i) => call('POST', `/suggestions/${id}/adopt`, i ? {} : { note: '下月起试行' })));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(rs.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'suggestion_status', suggestion_status: 'adopted' });
    expect((await detail(id))).toMatchObject({ status: 'adopted', reward_points: 200 });
    // the ledger: one credit of 200 for this suggestion, and one event award
    const statement = (await call('GET', `/members/${author}/statement`)).json().items as { points: number; direction: string; reason_code: string | null }[];
    expect(statement.filter((e) => e.reason_code === 'suggestion_adopted')).toEqual([expect.objectContaining({ points: 200, direction: 'credit' })]);
    expect((await call('GET', `/members/${author}/balance`)).json().available).toBe(200);
    expect((await call('GET', `/members/${author}/event-awards`)).json().items).toEqual([expect.objectContaining({ event: 'suggestion_adopted', occurrence: id, points: 200 })]);
    // adopting again later changes nothing
    expect((await call('POST', `/suggestions/${id}/adopt`, {})).statusCode).toBe(409);
    const told = await messages(author);
    expect(told.map((m) => m.template_key)).toEqual(['suggestion.adopted']);
    expect(told[0]!.body).toContain('会员日增加亲子活动');
    expect(told[0]!.body).toContain('200 积分');
    for (const fan of fans) expect((await messages(fan)).map((m) => m.template_key)).toEqual(['suggestion.adopted_supporter']);
  });

  it('a staff suggestion is adopted with no points; a member is only thanked when the event pays nothing', async () => {
    const id = await suggest(undefined);
    const r = await call('POST', `/suggestions/${id}/adopt`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'adopted', reward_points: null, member: null, staff_id: expect.any(String) });
    expect((await call('PUT', '/event-rewards/suggestion_adopted', { points: 200, active: false })).statusCode).toBe(200);
    try {
      const author = await member();
      const unpaid = await suggest(author, '试衣间增加挂钩');
      expect((await call('POST', `/suggestions/${unpaid}/adopt`, {})).json()).toMatchObject({ status: 'adopted', reward_points: null });
      expect((await call('GET', `/members/${author}/balance`)).json().available).toBe(0);
      const told = await messages(author);
      expect(told.map((m) => m.template_key)).toEqual(['suggestion.adopted_thanks']);
      expect(told[0]!.body).not.toContain('积分');
    } finally {
      expect((await call('PUT', '/event-rewards/suggestion_adopted', { points: 200, active: true })).statusCode).toBe(200);
    }
  });

  it('a declined suggestion tells its author why', async () => {
    const author = await member();
    const id = await suggest(author, '延长营业时间到 24 点');
    expect((await call('POST', `/suggestions/${id}/review`)).json().status).toBe('under_review');
    const r = await call('POST', `/suggestions/${id}/decline`, { reason: '商场统一闭店时间为 22 点。' });
    expect(r.json()).toMatchObject({ status: 'declined', decline_reason: '商场统一闭店时间为 22 点。' });
    const told = await messages(author);
    expect(told.map((m) => m.template_key)).toEqual(['suggestion.declined']);
    expect(told[0]!.body).toContain('商场统一闭店时间为 22 点。');
    expect((await call('POST', `/suggestions/${id}/adopt`, {})).json()).toMatchObject({ code: 'suggestion_status' });
    expect((await call('GET', `/members/${author}/balance`)).json().available).toBe(0);
  });

  it('merging carries supporters over, each member once, and the duplicate\'s author becomes a supporter', async () => {
    const [ta, da, both, onlyDup, onlyTarget] = [await member(), await member(), await member(), await member(), await member()];
    const target = await suggest(ta, '增加停车位');
    const dup = await suggest(da, '停车太难');
    for (const m of [both, onlyTarget]) await call('POST', `/suggestions/${target}/supporters`, { member_id: m });
    for (const m of [both, onlyDup, ta]) await call('POST', `/suggestions/${dup}/supporters`, { member_id: m });
    expect((await detail(target)).support_count).toBe(2);
    const r = await call('POST', `/suggestions/${dup}/merge`, { target_id: target });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'duplicate', merged_into: target });
    const d = await detail(target);
    // both, onlyTarget, onlyDup, and dup's author; the target's author is not their own supporter
    expect(d.support_count).toBe(4);
    expect(d.supporters.map((s: { id: string }) => s.id).sort()).toEqual([both, onlyTarget, onlyDup, da].sort());
    expect(d.supporters.find((s: { id: string }) => s.id === da).via).toBe('merged_author');
    expect(d.history.map((h: { kind: string }) => h.kind)).toEqual(['submitted', 'supported', 'supported', 'merged_in']);
    // the duplicate is closed: no more support, no second merge, never into itself or a closed one
    expect((await call('POST', `/suggestions/${dup}/supporters`, { member_id: onlyTarget })).json()).toMatchObject({ code: 'suggestion_status' });
    expect((await call('POST', `/suggestions/${target}/merge`, { target_id: target })).json()).toMatchObject({ code: 'suggestion_merge', field: 'target_id' });
    expect((await call('POST', `/suggestions/${target}/merge`, { target_id: dup })).json()).toMatchObject({ code: 'suggestion_merge', target_status: 'duplicate' });
    // the member page: what they made and what they support
    const mine = (await call('GET', `/members/${both}/suggestions`)).json();
    expect(mine.authored).toEqual([]);
    expect(mine.supported.map((s: { id: string }) => s.id).sort()).toEqual([target, dup].sort());
  });

  it('a member supports once, even when asked many times at once', async () => {
    const id = await suggest(await member());
    const fan = await member();
    const rs = await Promise.all(Array.from({ length: 6 }, () => call('POST', `/suggestions/${id}/supporters`, { member_id: fan })));
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
    expect(rs.filter((r) => r.json().added)).toHaveLength(1);
    const others = [await member(), await member(), await member()];
    await Promise.all(others.map((m) => call('POST', `/suggestions/${id}/supporters`, { member_id: m })));
    expect((await detail(id)).support_count).toBe(4);
    expect((await detail(id)).supporters).toHaveLength(4);
  });

  it('records idempotently, filters the board, and counts per status', async () => {
    const author = await member();
    const body = { title: '收银台增加扫码枪', body: '高峰期排队太久。', category_id: categoryId, channel: 'store', member_id: author, store_id: p.otherStoreId };
    const h = { 'idempotency-key': `sug-${kind}` };
    const a = await call('POST', '/suggestions', body, p.adminKey, h);
    const b = await call('POST', '/suggestions', body, p.adminKey, h);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect((await call('POST', '/suggestions', { ...body, title: '别的' }, p.adminKey, h)).json().code).toBe('idempotency_conflict');
    const byStore = (await call('GET', `/suggestions?store_id=${p.otherStoreId}`)).json();
    expect(byStore.items.map((s: { id: string }) => s.id)).toEqual([a.json().id]);
    expect((await call('GET', `/suggestions?q=${encodeURIComponent('扫码枪')}`)).json().items).toHaveLength(1);
    expect((await call('GET', '/suggestions?q=%25')).json().items).toHaveLength(0);
    const page = (await call('GET', '/suggestions?limit=2')).json();
    expect(page.items).toHaveLength(2);
    const next = (await call('GET', `/suggestions?limit=2&cursor=${page.next_cursor}`)).json();
    expect(next.items[0].id < page.items[1].id).toBe(true);
    const all = (await call('GET', '/suggestions?limit=200')).json().items as { status: string }[];
    const summary = (await call('GET', '/suggestion-summary')).json();
    expect(summary.adoption_points).toBe(200);
    for (const s of ['new', 'under_review', 'adopted', 'declined', 'duplicate']) expect(summary.counts[s], s).toBe(all.filter((x) => x.status === s).length);
  });

  it('store staff record for their own store only', async () => {
    const counter = await staffSession(t, p.programId, p.adminKey, { username: `counter.${kind}`, role: 'store_staff', store_id: p.storeId });
    const author = await member();
    const body = { title: '门口加雨伞架', body: '下雨天地滑。', category_id: categoryId, channel: 'store', member_id: author };
    const r = await counter.call('POST', url('/suggestions'), body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ store_id: p.storeId, recorded_by: counter.staffId, member: { id: author } });
    const other = await counter.call('POST', url('/suggestions'), { ...body, store_id: p.otherStoreId });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'forbidden', field: 'store_id' });
    // they record and support, but do not decide
    expect((await counter.call('POST', url(`/suggestions/${r.json().id}/supporters`), { member_id: await member() })).json().added).toBe(true);
    expect((await counter.call('POST', url(`/suggestions/${r.json().id}/adopt`), {})).json()).toMatchObject({ code: 'forbidden', permission: 'suggestions.manage' });
  });

  it('refuses bad input by field, in the caller\'s language, and changes nothing', async () => {
    const before = (await call('GET', '/suggestions?limit=200')).json().items.length;
    const zh = { 'accept-language': 'zh-CN' };
    const cases: [object, string][] = [
      [{ title: '', body: 'x', category_id: categoryId, channel: 'portal', member_id: await member() }, 'title'],
      [{ title: 'x', body: 'x', category_id: 'sgc_nope', channel: 'portal' }, 'category_id'],
      [{ title: 'x', body: 'x', category_id: categoryId, channel: 'fax' }, 'channel'],
      [{ title: 'x', body: 'x', category_id: categoryId, channel: 'portal' }, 'member_id'],
      [{ title: 'x', body: 'x', category_id: categoryId, channel: 'portal', member_id: 'mem_00000000000000000000000000' }, 'member_id'],
    ];
    for (const [payload, field] of cases) {
      const r = await call('POST', '/suggestions', payload, p.adminKey, zh);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().field ?? r.json().errors?.[0]?.field, r.body).toBe(field);
      expect(r.json().title).toMatch(/[\u4e00-\u9fff]/);
    }
    const id = await suggest(await member());
    expect((await call('POST', `/suggestions/${id}/decline`, { reason: '   ' })).statusCode).toBe(400);
    expect((await call('POST', `/suggestions/${id}/merge`, {})).statusCode).toBe(400);
    expect((await call('POST', '/suggestions/sug_00000000000000000000000000/adopt', {})).json()).toMatchObject({ code: 'not_found' });
    expect((await call('POST', '/suggestion-categories', { name: '门店服务' })).json()).toMatchObject({ field: 'name' });
    expect((await call('GET', '/suggestions?limit=200')).json().items.length).toBe(before + 1);
  });
});
