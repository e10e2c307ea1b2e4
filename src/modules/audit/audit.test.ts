import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';
import { canonical } from './audit.chain.ts';
import type { TAuditRecord } from './audit.schema.ts';
import { maskFor, maskPersonal } from './audit.mask.ts';

// The audit log on both databases: what the API records (and what it leaves to the
// modules' own ledgers), personal data masked, the chain linear under concurrent appends,
// and verification finding an altered, removed or truncated record.

describe('canonical JSON and masking', () => {
  it('writes keys in one order at every level, whatever order they came in', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonical({ b: 1, a: 2 })).toBe(canonical({ a: 2, b: 1 }));
  });
  it('masks personal data and removes secrets at any depth', () => {
    expect(maskPersonal({ phone: '13812341234', nested: { email: 'li.lei@example.com', id_number: '110101199003071234', address: '北京市东城区东长安街1号' }, key: 'pk_live_x', password: 'p', name: '李雷' }))
      .toEqual({ phone: '138****1234', nested: { email: 'l***@example.com', id_number: '110101********1234', address: '北京市东城区***' }, key: '***', password: '***', name: '李雷' });
    expect(maskPersonal({ address: '上海市徐汇区漕溪北路 88 号' }, { addresses: true })).toEqual({ address: '上海市徐汇区漕溪北路 88 号' });
  });
  it('keeps of a member\'s name its family name, and of their words in a case or a suggestion only the length', () => {
    // the audit log outlives an erasure (hash chain, outside retention): it must not keep what the erasure removes
    expect(maskPersonal({ name: '欧阳娜娜', member_id: 'mem_1', tier: { name: '金卡' } }, maskFor('members'))).toEqual({ name: '欧***', member_id: 'mem_1', tier: { name: '金卡' } });
    expect(maskPersonal({ items: [{ member_name: '欧阳娜娜' }] }, maskFor('vip'))).toEqual({ items: [{ member_name: '欧***' }] });
    // a VIP plan's or a suggestion category's name is the business's
    expect(maskPersonal({ name: '黑金会员' }, maskFor('vip'))).toEqual({ name: '黑金会员' });
    expect(maskPersonal({ name: '门店环境' }, maskFor('suggestions'))).toEqual({ name: '门店环境' });
    expect(maskPersonal({ subject: '积分未到账', description: '3 月 2 日消费 1,280 元', priority: 'high' }, maskFor('cases')))
      .toEqual({ subject: '[文本 5 字 / text, 5 chars]', description: '[文本 17 字 / text, 17 chars]', priority: 'high' });
    // a store's or a tier's name is the business's own
    expect(maskPersonal({ name: '静安店' }, maskFor('stores'))).toEqual({ name: '静安店' });
    expect(maskPersonal({ name: '金卡' }, maskFor('tiers'))).toEqual({ name: '金卡' });
    // what staff write about a member (erased in its module by a deletion) is kept as its length only
    expect(maskPersonal({ points: 200, reason_code: 'goodwill', note: '张三来电投诉 13812345678' }, maskFor('points')))
      .toEqual({ points: 200, reason_code: 'goodwill', note: '[文本 18 字 / text, 18 chars]' });
    expect(maskPersonal({ reason: '会员申请注销', tier_id: 'tier_1' }, maskFor('tiers'))).toEqual({ reason: '[文本 6 字 / text, 6 chars]', tier_id: 'tier_1' });
    expect(maskPersonal({ tracking_note: '顺丰 SF123 上海市徐汇区漕溪北路 88 号' }, maskFor('rewards'))).toEqual({ tracking_note: '[文本 24 字 / text, 24 chars]' });
    // a reveal's stated reason is what its record is for: kept whole
    expect(maskPersonal({ purpose: 'other', note: '会员来电，核对收货地址' }, maskFor('members', 'member.reveal'))).toEqual({ purpose: 'other', note: '会员来电，核对收货地址' });
    // a calendar closure's note is the business's
    expect(maskPersonal({ date: '2026-12-24', note: '年终盘点' }, maskFor('calendar'))).toEqual({ date: '2026-12-24', note: '年终盘点' });
  });
});

describe.each(testDbKinds())('audit log on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const base = () => `/v1/programs/${p.programId}`;
  const records = async (query = '') => (await call('GET', `${base()}/audit${query}`, p.adminKey)).json().items as TAuditRecord[] & [TAuditRecord, TAuditRecord];
  const db = () => t.services.ctx.db;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('records each change made through the API: who, from where, what, before and after', async () => {
    const created = (await call('POST', `${base()}/stores`, p.adminKey, { code: 'AU1', name: '静安店', address: '上海市静安区南京西路1号' })).json();
    const updated = await call('PATCH', `${base()}/stores/${created.id}`, p.adminKey, { name: '静安旗舰店' }, { 'user-agent': 'console-test' });
    expect(updated.statusCode).toBe(200);
    const [patch, post] = await records('?entity=stores');
    expect(patch).toMatchObject({
      action: 'PATCH /v1/programs/:program_id/stores/:store_id', summary: 'Update a store', entity: 'stores', entity_id: created.id, status: 200,
      actor: { name: 'admin', role: 'admin' }, ip: '127.0.0.1', user_agent: 'console-test',
      request: { name: '静安旗舰店' }, before: { name: '静安店', code: 'AU1' }, after: { name: '静安旗舰店', code: 'AU1' },
    });
    // a store's address is the business's own, kept whole (a member's would be masked)
    expect((patch.before as { address: string }).address).toBe('上海市静安区南京西路1号');
    expect(post).toMatchObject({ action: 'POST /v1/programs/:program_id/stores', entity_id: created.id, before: null, after: { id: created.id, name: '静安店' } });
    expect(patch.seq).toBe(post.seq + 1);
    expect(patch.prev_hash).toBe(post.hash);
  });

  it('masks a member\'s personal data and removes secrets', async () => {
    const m = (await call('POST', `${base()}/members`, p.adminKey, { phone: '13900001111', email: 'wang.fang@example.com' })).json();
    await call('PATCH', `${base()}/members/${m.id}`, p.adminKey, { phone: '13900002222' });
    const [patch] = await records(`?entity_id=${m.id}`);
    expect(patch).toMatchObject({ request: { phone: '139****2222' }, before: { phone: '139****1111', email: 'w***@example.com' }, after: { phone: '139****2222' } });
    expect(JSON.stringify(patch)).not.toContain('13900002222');
    const key = (await call('POST', `${base()}/api-keys`, p.adminKey, { name: 'BI export', role: 'admin' })).json();
    const [made] = await records('?entity=api%20keys');
    expect((made.after as { key: string }).key).toBe('***');
    expect(JSON.stringify(await records())).not.toContain(key.key);
  });

  it('leaves out what changes nothing or is a POS transaction kept by its own module', async () => {
    const before = (await records()).length;
    const m = (await call('POST', `${base()}/members`, p.posKey, { phone: '13900003333' })).json();
    const after = await records();
    expect(after.length).toBe(before + 1); // the enrolment, by the POS key
    expect(after[0]).toMatchObject({ actor: { role: 'pos' }, entity_id: m.id });
    const buy = { member_id: m.id, amount_fen: 10_000 };
    expect((await call('POST', `${base()}/purchases`, p.posKey, buy, { 'idempotency-key': `au-${kind}-1` })).statusCode).toBe(201);
    expect((await call('POST', `${base()}/rules/simulate`, p.adminKey, { purchase: { ...buy, store_id: p.storeId } })).statusCode).toBe(200);
    expect((await call('POST', `${base()}/stores`, p.adminKey, { code: '' })).statusCode).toBe(400); // refused: nothing changed
    const redeem = () => call('POST', `${base()}/members/${m.id}/redemptions`, p.posKey, { points: 10 }, { 'idempotency-key': `au-${kind}-2` });
    expect((await redeem()).statusCode).toBe(201);
    expect((await redeem()).headers['idempotent-replayed']).toBe('true');
    const now = await records();
    expect(now.length).toBe(before + 2);
    expect(now[0]).toMatchObject({ action: 'POST /v1/programs/:program_id/members/:member_id/redemptions', entity_id: m.id });
  });

  it('keeps one line per chain under concurrent appends, and verify finds an altered, removed or truncated record', async () => {
    const q = await createTestProgram(t); // its own chain: store creations by the harness are its first records
    const first = (await t.services.audit.verify(q.programId)).records;
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.services.audit.append({
      chain: q.programId, actor: { id: 'key_test', name: 'test', role: 'admin' }, action: 'test', summary: `change ${i}`, entity: 'test', after: { i, nested: { b: 2, a: 1 } },
    })));
    const ok = await t.services.audit.verify(q.programId);
    expect(ok).toEqual({ chain: q.programId, records: first + 20, broken: null });
    const seqs = (await db().selectFrom('audit_log').select('seq').where('chain', '=', q.programId).orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: first + 20 }, (_, i) => i + 1));

    // the application cannot change or remove a record
    await expect(sql`UPDATE audit_log SET summary = 'x' WHERE chain = ${q.programId} AND seq = 3`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE chain = ${q.programId} AND seq = 3`.execute(db())).rejects.toThrow(/append-only/);

    // someone with the owner's rights can: the chain shows where
    const tamper = async (statement: ReturnType<typeof sql>) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db());
      try {
        await statement.execute(db());
      } finally {
        await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db());
      }
    };
    const last = first + 20;
    await tamper(sql`DELETE FROM audit_log WHERE chain = ${q.programId} AND seq = ${last}`);
    expect((await t.services.audit.verify(q.programId)).broken).toEqual({ seq: last, id: null, reason: 'head' });
    await tamper(sql`UPDATE audit_log SET after = '{"i": 99}' WHERE chain = ${q.programId} AND seq = ${first + 5}`);
    const altered = await t.services.audit.verify(q.programId);
    expect(altered).toMatchObject({ records: first + 4, broken: { seq: first + 5, reason: 'hash' } });
    await tamper(sql`DELETE FROM audit_log WHERE chain = ${q.programId} AND seq = ${first + 2}`);
    expect((await t.services.audit.verify(q.programId)).broken).toEqual({ seq: first + 2, id: null, reason: 'gap' });
    // the API says the same; other chains are untouched
    expect((await call('GET', `/v1/programs/${q.programId}/audit/verify`, q.adminKey)).json()).toMatchObject({ intact: false, broken: { seq: first + 2, reason: 'gap' } });
    expect((await call('GET', `${base()}/audit/verify`, p.adminKey)).json()).toMatchObject({ intact: true, broken: null });
  });

  it('filters, pages and exports as CSV; bad filters are problems naming the field', async () => {
    const all = await records('?limit=200');
    const page1 = (await call('GET', `${base()}/audit?limit=2`, p.adminKey)).json();
    expect(page1.items.map((r: { seq: number }) => r.seq)).toEqual(all.slice(0, 2).map((r) => r.seq));
    const page2 = (await call('GET', `${base()}/audit?limit=2&cursor=${page1.next_cursor}`, p.adminKey)).json();
    expect(page2.items.map((r: { seq: number }) => r.seq)).toEqual(all.slice(2, 4).map((r) => r.seq));
    expect(await records('?q=Update%20a%20store')).toHaveLength(1);
    expect(await records(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toHaveLength(0);
    const facets = (await call('GET', `${base()}/audit/facets`, p.adminKey)).json();
    expect(facets.entities).toEqual(expect.arrayContaining(['stores', 'members', 'api keys']));

    const csv = await call('GET', `${base()}/audit/export?entity=members`, p.adminKey);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFseq,at,actor_id,actor_name,actor_role,ip,action,summary,entity,entity_id,status,before,after,hash');
    expect(lines).toHaveLength(1 + (await records('?entity=members')).length);
    expect(csv.body).toContain('139****2222');
    expect(csv.body).not.toContain('13900002222');

    const bad = await call('GET', `${base()}/audit?from=yesterday`, p.adminKey, undefined, { 'accept-language': 'zh' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'from' });
    expect((await call('GET', `${base()}/audit`, p.posKey)).statusCode).toBe(403);
  });
});
