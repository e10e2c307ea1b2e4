import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFailure, unwrap } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { residentIdWithCheck } from '../platform/validate.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../testing/harness.ts';

// Recording consent (PIPL: per purpose, withdrawable, with the policy version in force):
// the history row and the member's marketing consent move together, a withdrawn member
// leaves a marketing segment at once and gets no birthday greeting, a retry adds nothing,
// simultaneous recordings add one row, and a resident ID needs the separate sensitive consent.

describe.each(testDbKinds())('record consent on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const phone = () => `136${kind === 'pglite' ? 5 : 6}${String(++seq).padStart(7, '0')}`;
  const url = (path: string) => `/v1/programs/${p.programId}${path}`;
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, lang = 'en') =>
    t.app.inject({ method, url: url(path), headers: { ...auth(p.adminKey), 'accept-language': lang }, ...(payload ? { payload } : {}) });
  const enrol = async (body: object = {}) => {
    const r = await call('POST', '/members', { phone: phone(), ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; marketing_consent: boolean; id_number: string | null };
  };
  const consent = async (memberId: string, body: object) => {
    const r = await call('POST', `/members/${memberId}/consents`, { channel: 'console', ...body });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const privacy = async (memberId: string) => (await call('GET', `/members/${memberId}/privacy`)).json();
  const member = async (memberId: string) => (await call('GET', `/members/${memberId}`)).json();

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    const d = await call('POST', '/policies', { kind: 'privacy_policy', title: '隐私政策', body: '正文' });
    expect((await call('POST', `/policies/${d.json().id}/publish`)).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('withdrawing marketing consent takes the member out of a marketing segment at once, and its refresh agrees', async () => {
    const s = t.services;
    const yes = await enrol({ marketing_consent: true });
    const also = await enrol({ marketing_consent: true });
    const no = await enrol();
    const seg = await call('POST', '/segments', { name: '同意营销', conditions: { marketing_consent: true } });
    expect(seg.statusCode, seg.body).toBe(201);
    const segId = seg.json().id as string;
    const before = unwrap(await s.segments.memberIds(p.programId, segId));
    expect(before).toEqual(expect.arrayContaining([yes.id, also.id]));
    expect(before).not.toContain(no.id);

    const r = await consent(yes.id, { purpose: 'marketing', granted: false, note: '电话中要求停止营销短信' });
    expect(r).toMatchObject({ changed: true, state: { purpose: 'marketing', granted: false, document_version: 1 } });
    // at once: no refresh in between
    expect(unwrap(await s.segments.memberIds(p.programId, segId))).toEqual(before.filter((id) => id !== yes.id));
    expect((await call('GET', `/segments/${segId}`)).json().size).toBe(before.length - 1);
    // and the segment's own evaluation agrees
    const refreshed = unwrap(await s.segments.refresh(p.programId, segId));
    expect(refreshed.size).toBe(before.length - 1);
    expect(unwrap(await s.segments.memberIds(p.programId, segId))).not.toContain(yes.id);
    expect(await member(yes.id)).toMatchObject({ marketing_consent: false, marketing_consent_at: null });

    // given again: back in at the next refresh, with both changes in the history
    await consent(yes.id, { purpose: 'marketing', granted: true, channel: 'portal' });
    unwrap(await s.segments.refresh(p.programId, segId));
    expect(unwrap(await s.segments.memberIds(p.programId, segId))).toContain(yes.id);
    const h = (await privacy(yes.id)).history.filter((c: { purpose: string }) => c.purpose === 'marketing');
    expect(h.map((c: { granted: boolean; channel: string; document_version: number }) => [c.granted, c.channel, c.document_version]))
      .toEqual([[true, 'portal', 1], [false, 'console', 1], [true, 'console', 1]]);
    expect(Date.parse(h[0].at)).toBeGreaterThanOrEqual(Date.parse(h[1].at));
  });

  it('a member\'s profile consent goes through the same path: enrolment and PATCH leave history rows', async () => {
    const m = await enrol({ marketing_consent: true });
    const at = (await member(m.id)).marketing_consent_at;
    const start = await privacy(m.id);
    expect(start.consents.find((c: { purpose: string }) => c.purpose === 'marketing')).toMatchObject({ granted: true, at, document_version: 1 });
    expect((await call('PATCH', `/members/${m.id}`, { marketing_consent: true })).json().marketing_consent_at).toBe(at);
    const marketing = async () => (await privacy(m.id)).history.filter((c: { purpose: string }) => c.purpose === 'marketing');
    expect(await marketing()).toHaveLength(1); // consent that stands adds nothing
    // joining is consent to the membership service itself
    expect(start.consents.find((c: { purpose: string }) => c.purpose === 'service')).toMatchObject({ granted: true, at });
    const off = await call('PATCH', `/members/${m.id}`, { marketing_consent: false, name: '王小明' });
    expect(off.json()).toMatchObject({ marketing_consent: false, name: '王小明' });
    expect((await marketing()).map((c: { granted: boolean }) => c.granted)).toEqual([false, true]);
  });

  it('birthday greetings skip a member who withdrew', async () => {
    const s = t.services;
    const a = await enrol({ birthday: '1991-04-09', marketing_consent: true });
    const b = await enrol({ birthday: '1992-04-09', marketing_consent: true });
    await consent(b.id, { purpose: 'marketing', granted: false });
    const [r] = unwrap(await s.flows.sendBirthdayGreetings({ programId: p.programId, asOf: '2026-04-09' }));
    expect(r).toMatchObject({ birthdays: 2, consenting: 1, sent: 1 });
    const events = await s.ctx.db.selectFrom('outbox').select('aggregate_id').where('program_id', '=', p.programId).where('topic', '=', 'member.birthday').execute();
    expect(events.map((e) => e.aggregate_id)).toEqual([a.id]);
  });

  it('every privacy method and workflow joins a caller\'s transaction; a failure returned rolls all of it back', async () => {
    const s = t.services;
    const m = await enrol();
    const admin = (await s.apiKeys.authenticate(p.adminKey))!;
    const seen = await inTransaction(s.ctx.db, async () => {
      const d = await s.privacy.createDraft(p.programId, { kind: 'membership_agreement', title: '事务协议', body: '正文' }, admin);
      unwrap(await s.privacy.updateDraft(p.programId, d.id, { summary: '事务中修改' }));
      const v = unwrap(await s.privacy.publish(p.programId, d.id, admin));
      unwrap(await s.flows.acceptPolicy(p.programId, m.id, { document_id: v.id, channel: 'console' }, admin));
      unwrap(await s.flows.recordConsent(p.programId, m.id, { purpose: 'marketing', granted: true, channel: 'console' }, admin));
      const view = unwrap(await s.flows.memberPrivacy(p.programId, m.id));
      return { pending: view.pending.length, accepted: view.acceptances.length, policies: (await s.privacy.policies(p.programId)).length, inForce: (await s.privacy.inForce(p.programId)).length };
    });
    expect(seen).toMatchObject({ pending: 0, accepted: 2, inForce: 2 });
    const before = await privacy(m.id);
    const failed = await inTransaction(s.ctx.db, async () => {
      unwrap(await s.flows.recordConsent(p.programId, m.id, { purpose: 'marketing', granted: false, channel: 'console' }, admin));
      return s.flows.recordConsent(p.programId, 'mem_01JABCDEFGHJKMNPQRSTVWXYZ0', { purpose: 'marketing', granted: false, channel: 'console' }, admin);
    });
    expect(isFailure(failed)).toBe(true);
    expect(await privacy(m.id)).toEqual(before);
    expect((await member(m.id)).marketing_consent).toBe(true);
  });

  it('a retry adds nothing, and simultaneous recordings of one consent add one row', async () => {
    const m = await enrol();
    const rs = await Promise.all(Array.from({ length: 8 }, () => call('POST', `/members/${m.id}/consents`, { purpose: 'sharing', granted: true, channel: 'pos' })));
    expect(rs.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(rs.filter((r) => r.json().changed)).toHaveLength(1);
    expect((await privacy(m.id)).history.filter((c: { purpose: string }) => c.purpose === 'sharing')).toHaveLength(1);
  });

  it('a resident ID needs the member\'s separate sensitive consent (PIPL art. 29)', async () => {
    const id = residentIdWithCheck(`31010419900101${String(seq % 1000).padStart(3, '0')}`);
    const refusedPhone = phone();
    for (const lang of ['en', 'zh']) {
      const refused = await call('POST', '/members', { phone: refusedPhone, id_number: id }, lang);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'sensitive_consent_required', field: 'id_number' });
      expect(refused.json().detail).toMatch(lang === 'zh' ? /单独同意/ : /separate consent/);
    }
    expect((await call('GET', `/members?phone=${refusedPhone}`)).json().items).toEqual([]); // nothing enrolled

    const given = await enrol({ id_number: id, sensitive_consent: true });
    expect(given.id_number).toBe(id);
    expect((await privacy(given.id)).consents.find((c: { purpose: string }) => c.purpose === 'sensitive')).toMatchObject({ granted: true, scope: ['resident_id'] });

    // an update: refused without consent on record, allowed once it is, refused again after withdrawal
    const m = await enrol({ name: '赵敏' });
    const patch = () => call('PATCH', `/members/${m.id}`, { id_number: id, name: '赵敏敏' });
    const r1 = await patch();
    expect(r1.statusCode).toBe(422);
    expect(r1.json().field).toBe('id_number');
    expect(await member(m.id)).toMatchObject({ name: '赵敏', id_number: null });
    expect((await consent(m.id, { purpose: 'sensitive', granted: true, scope: ['resident_id', 'precise_location'] })).state.scope).toEqual(['precise_location', 'resident_id']);
    expect((await patch()).statusCode).toBe(200);
    const w = await consent(m.id, { purpose: 'sensitive', granted: false, scope: ['resident_id'] });
    expect(w.state).toMatchObject({ granted: true, scope: ['precise_location'] });
    expect((await member(m.id)).id_number).toBeNull(); // withdrawn: the number is deleted with it
    expect((await call('PATCH', `/members/${m.id}`, { id_number: residentIdWithCheck('44030419851010123') })).statusCode).toBe(422);
    const all = await consent(m.id, { purpose: 'sensitive', granted: false });
    expect(all.state).toMatchObject({ granted: false, scope: [] });
    expect(all.consent.scope).toEqual(['precise_location']);
  });
});
