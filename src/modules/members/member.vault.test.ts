import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { residentIdWithCheck } from '../../platform/validate.ts';
import { apiHeaders as auth, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';

// Personal data at rest and in answers (issue 10): sealed in the table, masked for whoever
// may not read it whole, revealed with a purpose into the audit log.

const PERSON = {
  phone: '13912345678',
  email: 'Li.Lei@Example.com',
  id_number: residentIdWithCheck('31010119800101001'),
  address: '上海市浦东新区世纪大道100号2201室',
  name: '李雷',
};

/** Every run of 6 characters of a value: none may appear in what the database stores. */
const pieces = (v: string) => Array.from({ length: Math.max(0, v.length - 5) }, (_, i) => v.slice(i, i + 6));

describe.each(testDbKinds())('members\' personal data on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let memberId: string;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });
  const members = () => `/v1/programs/${p.programId}/members`;
  /** A person signed in to the console: a staff principal (wt-staff builds them from sessions). */
  const staff = (role: Principal['role']): Principal => ({ keyId: `stf_${role}`, name: `staff ${role}`, role, staffId: `stf_${role}`, programId: p.programId, storeId: null });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    const r = await call('POST', members(), p.adminKey, { ...PERSON, sensitive_consent: true });
    expect(r.statusCode, r.body).toBe(201);
    memberId = r.json().id;
  });
  afterAll(async () => { await t.close(); });

  it('stores phone, e-mail, resident ID and address sealed: no value, nor any part of one, in the row', async () => {
    const row = await t.services.ctx.db.selectFrom('members').selectAll().where('program_id', '=', p.programId).where('id', '=', memberId).executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const v of [PERSON.phone, PERSON.email, PERSON.email.toLowerCase(), PERSON.id_number, PERSON.address]) {
      for (const piece of pieces(v)) expect(stored).not.toContain(piece);
    }
    expect(row.email).toBeNull();
    for (const sealed of [row.phone_enc, row.email_enc, row.id_number_enc, row.address_enc]) expect(sealed).toMatch(/^v1\.[\w-]{40,}$/);
    // a sealed value is not the same twice: equal inputs do not show as equal ciphertexts
    const again = await call('POST', members(), p.adminKey, { phone: '13912345679', address: PERSON.address });
    const other = await t.services.ctx.db.selectFrom('members').select('address_enc').where('program_id', '=', p.programId).where('id', '=', again.json().id).executeTakeFirstOrThrow();
    expect(other.address_enc).not.toBe(row.address_enc);
  });

  it('masks every personal field for a POS key and for people without pii.read; an admin API key reads them whole', async () => {
    const masked = { phone: '139****5678', email: 'L***@Example.com', id_number: `${PERSON.id_number.slice(0, 6)}********${PERSON.id_number.slice(-4)}`, address: '上海市浦东新区***' };
    const pos = await call('GET', `${members()}/${memberId}`, p.posKey);
    expect(pos.json()).toMatchObject(masked);
    const found = await call('GET', `${members()}?phone=${PERSON.phone}`, p.posKey);
    expect(found.json().items).toEqual([expect.objectContaining(masked)]);
    // an administrator signed in is a person: masked like everyone, reveals with a purpose
    for (const role of ['admin', 'account_manager', 'service_agent', 'marketing'] as const) {
      expect(unwrap(await t.services.members.get(p.programId, memberId, staff(role)))).toMatchObject(masked);
    }
    expect((await t.services.members.masked(p.programId, [memberId]))[0]).toMatchObject(masked);
    const whole = await call('GET', `${members()}/${memberId}`, p.adminKey);
    expect(whole.json()).toMatchObject({ phone: PERSON.phone, email: PERSON.email, id_number: PERSON.id_number, address: PERSON.address });
  });

  it('finds a member by the whole e-mail in any case through its blind index, never by a part', async () => {
    for (const q of [`email=${encodeURIComponent('li.lei@example.COM')}`, `q=${encodeURIComponent(' LI.LEI@example.com')}`]) {
      const r = await call('GET', `${members()}?${q}`, p.posKey);
      expect(r.statusCode).toBe(200);
      expect(r.json().items.map((m: { id: string }) => m.id)).toEqual([memberId]);
    }
    const part = await call('GET', `${members()}?email=li.lei@example`, p.posKey);
    expect(part.json().items).toEqual([]);
  });

  it('changes and clears the e-mail and address, sealed again', async () => {
    const r = await call('PATCH', `${members()}/${memberId}`, p.adminKey, { address: '北京市东城区东长安街1号', email: null });
    expect(r.json()).toMatchObject({ address: '北京市东城区东长安街1号', email: null });
    const back = await call('PATCH', `${members()}/${memberId}`, p.adminKey, { address: PERSON.address, email: PERSON.email });
    expect(back.json()).toMatchObject({ address: PERSON.address, email: PERSON.email });
  });

  it('reveals the asked fields with a purpose and records who, what and why in the audit log, never the values', async () => {
    const r = await call('POST', `${members()}/${memberId}/reveal`, p.adminKey, { fields: ['phone', 'address'], purpose: 'delivery' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ member_id: memberId, phone: PERSON.phone, address: PERSON.address, audit_id: expect.stringMatching(/^aud_/), expires_in_s: 60 });
    const log = await call('GET', `/v1/programs/${p.programId}/audit?entity_id=${memberId}`, p.adminKey);
    const record = log.json().items.find((x: { id: string }) => x.id === r.json().audit_id);
    expect(record).toMatchObject({ action: 'member.reveal', entity: 'members', entity_id: memberId, status: 200, request: { fields: ['phone', 'address'], purpose: 'delivery', note: null } });
    expect(record.actor.role).toBe('admin');
    for (const piece of [...pieces(PERSON.phone), ...pieces(PERSON.address)]) expect(JSON.stringify(record)).not.toContain(piece);
    // elsewhere in the log (the enrolment, the changes) they are masked: 上海市浦东新区***
    for (const whole of [PERSON.phone, PERSON.address, PERSON.id_number, PERSON.email]) expect(log.body).not.toContain(whole);
  });

  it('needs a note when the purpose is other, and a member that exists; nothing is recorded then', async () => {
    const count = async () => (await call('GET', `/v1/programs/${p.programId}/audit?q=member.reveal`, p.adminKey)).json().items.length as number;
    const before = await count();
    const noNote = await call('POST', `${members()}/${memberId}/reveal`, p.adminKey, { fields: ['phone'], purpose: 'other' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ code: 'validation', field: 'note' });
    const badField = await call('POST', `${members()}/${memberId}/reveal`, p.adminKey, { fields: ['name'], purpose: 'delivery' });
    expect(badField.statusCode).toBe(400);
    const missing = await call('POST', `${members()}/mem_01M8MHJK69HVQDQDD35H532K0N/reveal`, p.adminKey, { fields: ['phone'], purpose: 'delivery' });
    expect(missing.statusCode).toBe(404);
    expect(await count()).toBe(before);
    const withNote = await call('POST', `${members()}/${memberId}/reveal`, p.adminKey, { fields: ['email'], purpose: 'other', note: '会员来电要求核对邮箱' });
    expect(withNote.json().email).toBe(PERSON.email);
    expect(await count()).toBe(before + 1);
  });

  it('seals an e-mail stored in clear before migration 019 (boot runs this) and clears it; found by it after', async () => {
    const m = (await call('POST', members(), p.adminKey, { phone: '13912340000' })).json();
    // as an earlier version wrote it
    await t.services.ctx.db.updateTable('members').set({ email: 'Old.Clear@Example.com' }).where('program_id', '=', p.programId).where('id', '=', m.id).execute();
    expect((await call('GET', `${members()}/${m.id}`, p.posKey)).json().email).toBe('O***@Example.com');
    expect(await t.services.members.sealClearEmails()).toBeGreaterThanOrEqual(1);
    const row = await t.services.ctx.db.selectFrom('members').selectAll().where('program_id', '=', p.programId).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, email_enc: expect.stringMatching(/^v1\./), email_index: expect.any(String) });
    expect(JSON.stringify(row).toLowerCase()).not.toContain('old.clear');
    expect((await call('GET', `${members()}?email=old.clear@example.com`, p.posKey)).json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json().email).toBe('Old.Clear@Example.com');
  });

  it('refuses a POS key (403): nothing revealed, and the refused attempt is in the audit log', async () => {
    const r = await call('POST', `${members()}/${memberId}/reveal`, p.posKey, { fields: ['phone', 'id_number'], purpose: 'identity_check' });
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain(PERSON.phone);
    const log = await call('GET', `/v1/programs/${p.programId}/audit?entity_id=${memberId}&q=refused`, p.adminKey);
    expect(log.json().items[0]).toMatchObject({ action: 'member.reveal.refused', status: 403, actor: { role: 'pos' }, request: { fields: ['phone', 'id_number'], purpose: 'identity_check' } });
  });
});
