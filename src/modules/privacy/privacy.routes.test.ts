import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

// Policies and acceptances end to end (every answer is checked against the OpenAPI document
// by the harness): drafts, publishing assigns the next version and supersedes the one in
// force, a member is asked to accept again (政策更新, seed 000 ch. 8.3) and the history keeps
// both; acceptance recorded twice is one row; bad input is a problem naming the field and
// changes nothing; who may do what.

describe.each(testDbKinds())('privacy policies on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const phone = () => `139${kind === 'pglite' ? 5 : 6}${String(++seq).padStart(7, '0')}`;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, key = p.adminKey, lang = 'en') =>
    t.app.inject({ method, url: url(path), headers: { ...auth(key), 'accept-language': lang }, ...(payload ? { payload } : {}) });
  const enrol = async (body: object = {}) => {
    const r = await call('POST', '/members', { phone: phone(), ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const draft = async (kindName: string, title: string) => {
    const r = await call('POST', '/policies', { kind: kindName, title, title_en: `${title} (en)`, body: `${title}正文。\n\n第二段。`, summary: '首次发布' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const publish = async (id: string) => {
    const r = await call('POST', `/policies/${id}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const privacy = async (memberId: string, key = p.adminKey) => {
    const r = await call('GET', `/members/${memberId}/privacy`, undefined, key);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => t?.close());

  it('publishing v2 asks a member to accept again; accepting clears it; the history keeps both versions', async () => {
    const agreement = await publish(await draft('membership_agreement', '会员协议'));
    const v1 = await publish(await draft('privacy_policy', '隐私政策'));
    expect(v1).toMatchObject({ kind: 'privacy_policy', version: 1, status: 'published', accepted: 0 });
    expect(agreement.version).toBe(1);

    // joining accepts the versions in force then
    const m = await enrol();
    const joined = await privacy(m);
    expect(joined.pending).toEqual([]);
    expect(joined.acceptances.map((a: { kind: string; version: number }) => `${a.kind}@${a.version}`).sort()).toEqual(['membership_agreement@1', 'privacy_policy@1']);

    const d2 = await draft('privacy_policy', '隐私政策（修订）');
    expect((await call('PATCH', `/policies/${d2}`, { summary: '新增精确位置信息的使用说明' })).json()).toMatchObject({ status: 'draft', version: null, summary: '新增精确位置信息的使用说明' });
    expect((await privacy(m)).pending).toEqual([]); // a draft is not in force
    const v2 = await publish(d2);
    expect(v2).toMatchObject({ version: 2, status: 'published', published_by: 'admin' });
    expect((await call('GET', `/policies/${v1.id}`)).json()).toMatchObject({ status: 'superseded', version: 1, accepted: 1 });
    expect((await call('GET', '/policies/in-force')).json().items.map((d: { id: string }) => d.id).sort()).toEqual([agreement.id, v2.id].sort());

    const pending = await privacy(m);
    expect(pending.pending.map((d: { id: string }) => d.id)).toEqual([v2.id]);

    // the till records it; the retry is the same row
    const first = await call('POST', `/members/${m}/policy-acceptances`, { kind: 'privacy_policy', version: 2, channel: 'pos' }, p.posKey);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: true, acceptance: { document_id: v2.id, version: 2, channel: 'pos' } });
    const again = await call('POST', `/members/${m}/policy-acceptances`, { document_id: v2.id, channel: 'console' });
    expect(again.json()).toMatchObject({ created: false, acceptance: { accepted_at: first.json().acceptance.accepted_at, channel: 'pos' } });

    const after = await privacy(m, p.posKey);
    expect(after.pending).toEqual([]);
    expect(after.acceptances.filter((a: { kind: string }) => a.kind === 'privacy_policy').map((a: { version: number }) => a.version)).toEqual([2, 1]);
    const list = (await call('GET', '/policies?kind=privacy_policy')).json().items;
    expect(list.map((d: { version: number; status: string; accepted: number }) => [d.version, d.status, d.accepted])).toEqual([[2, 'published', 1], [1, 'superseded', 1]]);
  });

  it('a published version never changes, a superseded one cannot be accepted, and refusals name the field in zh and en', async () => {
    const v = await publish(await draft('membership_agreement', '会员协议二'));
    const edit = await call('PATCH', `/policies/${v.id}`, { title: '改' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'policy_not_draft', field: 'document_id' });
    expect((await call('POST', `/policies/${v.id}/publish`)).json().code).toBe('policy_not_draft');
    expect((await call('GET', `/policies/${v.id}`)).json()).toEqual(v);

    const m = await enrol();
    const old = (await call('GET', '/policies?kind=membership_agreement&status=superseded')).json().items[0];
    const zh = await call('POST', `/members/${m}/policy-acceptances`, { document_id: old.id, channel: 'console' }, p.adminKey, 'zh');
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toMatchObject({ code: 'policy_not_in_force', field: 'document_id', title: '该政策版本不是现行版本' });
    expect(zh.json().detail).toContain(`现行为第 ${v.version} 版`);
    const missing = await call('POST', `/members/${m}/policy-acceptances`, { kind: 'privacy_policy', version: 99, channel: 'console' });
    expect(missing.json()).toMatchObject({ code: 'policy_unknown', field: 'version' });
    expect(missing.statusCode).toBe(404);
  });

  it('bad input is a 400 naming the field and records nothing', async () => {
    const m = await enrol();
    const before = await privacy(m);
    const cases: [string, string, object, string][] = [
      ['POST', '/policies', { kind: 'cookie_policy', title: 'x', body: 'y' }, 'kind'],
      ['POST', '/policies', { kind: 'privacy_policy', title: '', body: 'y' }, 'title'],
      ['POST', '/policies', { kind: 'privacy_policy', title: 'x', body: 'y', version: 3 }, ''],
      ['POST', `/members/${m}/policy-acceptances`, { channel: 'pos' }, 'document_id'],
      ['POST', `/members/${m}/policy-acceptances`, { document_id: 'mem_01JABCDEFGHJKMNPQRSTVWXYZ0', channel: 'pos' }, 'document_id'],
      ['POST', `/members/${m}/policy-acceptances`, { kind: 'privacy_policy', version: 1, channel: 'fax' }, 'channel'],
      ['POST', `/members/${m}/consents`, { purpose: 'marketing', granted: true, channel: 'pos', scope: ['resident_id'] }, 'scope'],
      ['POST', `/members/${m}/consents`, { purpose: 'sensitive', granted: true, channel: 'pos' }, 'scope'],
      ['POST', `/members/${m}/consents`, { purpose: 'sensitive', granted: true, channel: 'pos', scope: ['face'] }, 'scope[0]'],
      ['POST', `/members/${m}/consents`, { purpose: 'profiling', granted: true, channel: 'pos' }, 'purpose'],
      ['POST', `/members/${m}/consents`, { purpose: 'marketing', granted: 'yes', channel: 'pos' }, 'granted'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await call(method as 'POST', path, body);
      expect(r.statusCode, `${path} ${JSON.stringify(body)}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      if (field) expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const zh = await call('POST', `/members/${m}/consents`, { purpose: 'marketing', granted: true, channel: 'pos', scope: ['resident_id'] }, p.adminKey, 'zh');
    expect(zh.json().errors).toEqual([{ field: 'scope', message: '仅敏感个人信息（sensitive）可填写 scope' }]);
    const unknown = await call('GET', '/members/mem_01JABCDEFGHJKMNPQRSTVWXYZ0/privacy');
    expect(unknown.statusCode).toBe(404);
    expect(await privacy(m)).toEqual(before);
  });

  it('who may do what: a till records consent and reads what to ask, but cannot write policies', async () => {
    const m = await enrol();
    expect((await call('POST', '/policies', { kind: 'privacy_policy', title: 'x', body: 'y' }, p.posKey)).statusCode).toBe(403);
    const r = await call('POST', `/members/${m}/consents`, { purpose: 'sharing', granted: true, channel: 'pos', note: '同意向合作商户共享' }, p.posKey);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ changed: true, state: { purpose: 'sharing', granted: true }, consent: { channel: 'pos', note: '同意向合作商户共享' } });
    expect((await privacy(m, p.posKey)).consents.find((c: { purpose: string }) => c.purpose === 'sharing').granted).toBe(true);
  });

  it('a terminated member may still withdraw consent, but gives none and accepts nothing', async () => {
    const m = await enrol({ marketing_consent: true });
    expect((await call('POST', `/members/${m}/terminate`, { reason: '会员申请注销' })).statusCode).toBe(200);
    const give = await call('POST', `/members/${m}/consents`, { purpose: 'sharing', granted: true, channel: 'console' });
    expect(give.statusCode).toBe(422);
    expect(give.json()).toMatchObject({ code: 'member_not_active', field: 'member_id' });
    const withdraw = await call('POST', `/members/${m}/consents`, { purpose: 'marketing', granted: false, channel: 'console' });
    expect(withdraw.json()).toMatchObject({ changed: true, state: { granted: false } });
    const doc = await publish(await draft('membership_agreement', '会员协议（注销后发布）'));
    expect((await call('POST', `/members/${m}/policy-acceptances`, { document_id: doc.id, channel: 'console' })).json().code).toBe('member_not_active');
  });

  it('concurrent publishes get consecutive versions, one in force', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await draft('membership_agreement', `并发协议${i}`));
    const before = (await call('GET', '/policies?kind=membership_agreement')).json().items.filter((d: { version: number | null }) => d.version !== null).length;
    const rs = await Promise.all(ids.map((id) => call('POST', `/policies/${id}/publish`)));
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(rs.map((r) => r.json().version).sort()).toEqual([1, 2, 3, 4].map((i) => before + i));
    const items = (await call('GET', '/policies?kind=membership_agreement')).json().items;
    expect(items.filter((d: { status: string }) => d.status === 'published')).toHaveLength(1);
    expect(items.find((d: { status: string }) => d.status === 'published').version).toBe(before + 4);
  });
});
