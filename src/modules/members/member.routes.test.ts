import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdWithCheck } from '../../platform/validate.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

const VALID_ID = residentIdWithCheck('11010519491231002'); // 11010519491231002X
const WRONG_CHECK = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');

describe.each(testDbKinds())('member routes on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let seq = 0;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...headers }, ...(payload ? { payload } : {}) });
  const members = () => `/v1/programs/${p.programId}/members`;
  /** A phone number no other test in this file uses. */
  const nextPhone = () => `1390000${String(++seq).padStart(4, '0')}`;
  const enrol = async (body: object = {}) => {
    const r = await call('POST', members(), p.adminKey, { phone: nextPhone(), ...body });
    expect(r.statusCode).toBe(201);
    return r.json();
  };
  const find = async (key: string, query: string) => {
    const r = await call('GET', `${members()}?${query}`, key);
    expect(r.statusCode).toBe(200);
    return r.json().items as { id: string; phone: string; id_number: string | null }[];
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  describe('enrol', () => {
    it('normalises a formatted mobile number to 11 digits', async () => {
      const r = await call('POST', members(), p.adminKey, { phone: '+86 138-1234-5678', name: '张三', gender: 'male', birthday: '1990-05-01', email: 'z@example.com' });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({
        id: expect.stringMatching(/^mem_/), member_no: expect.stringMatching(/^\d{6,12}$/), phone: '13812345678', name: '张三',
        gender: 'male', birthday: '1990-05-01', email: 'z@example.com', status: 'active', status_reason: null, tier: null, id_number: null,
      });
    });

    it.each(['12345', '23812345678', '1381234567a', '+1 415 555 0100', ''])('rejects mobile %j with 400 naming phone', async (phone) => {
      const r = await call('POST', members(), p.adminKey, { phone });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field: 'phone' });
    });

    it('accepts a resident ID with a valid check digit', async () => {
      const m = await enrol({ id_number: VALID_ID.toLowerCase(), sensitive_consent: true });
      expect(m.id_number).toBe(VALID_ID);
    });

    it.each([WRONG_CHECK, '11010519491231002', '110105194913310021', 'not-an-id'])('rejects resident ID %s with 400 naming id_number', async (id_number) => {
      const r = await call('POST', members(), p.adminKey, { phone: nextPhone(), id_number });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', field: 'id_number' });
    });

    it('answers 409 duplicate_phone to the same phone in another format', async () => {
      const r = await call('POST', members(), p.posKey, { phone: '0086 13812345678' });
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'duplicate_phone', field: 'phone', type: 'https://patron.dev/problems/duplicate_phone' });
      expect(await find(p.adminKey, 'phone=13812345678')).toHaveLength(1);
    });

    it('lets the same phone join another program', async () => {
      const other = await createTestProgram(t);
      const r = await call('POST', `/v1/programs/${other.programId}/members`, other.posKey, { phone: '13812345678' });
      expect(r.statusCode).toBe(201);
    });

    it('does not store the phone or ID number in plain text', async () => {
      const m = await enrol({ id_number: residentIdWithCheck('44030419851010123'), sensitive_consent: true });
      const row = await t.services.ctx.db.selectFrom('members').selectAll().where('program_id', '=', p.programId).where('id', '=', m.id).executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(m.phone);
      expect(stored).not.toContain(m.id_number);
      const all = JSON.stringify(await t.services.ctx.db.selectFrom('members').selectAll().where('program_id', '=', p.programId).execute());
      expect(all).not.toContain('13812345678');
    });
  });

  describe('find', () => {
    let m: { id: string; member_no: string; phone: string };
    beforeAll(async () => { m = await enrol({ name: 'Zhao Lei', id_number: residentIdWithCheck('31010119800101001'), sensitive_consent: true }); });

    it('finds by phone in any format, by member_no and by q', async () => {
      const spaced = `${m.phone.slice(0, 3)} ${m.phone.slice(3, 7)} ${m.phone.slice(7)}`;
      expect((await find(p.adminKey, `phone=${encodeURIComponent(spaced)}`)).map((x) => x.id)).toEqual([m.id]);
      expect((await find(p.adminKey, `member_no=${m.member_no}`)).map((x) => x.id)).toEqual([m.id]);
      expect((await find(p.adminKey, `q=${m.phone}`)).map((x) => x.id)).toEqual([m.id]);
      expect((await find(p.adminKey, `q=${m.member_no}`)).map((x) => x.id)).toEqual([m.id]);
      expect((await find(p.adminKey, 'q=Zhao')).map((x) => x.id)).toEqual([m.id]);
    });

    it('finds nothing for unknown values', async () => {
      expect(await find(p.adminKey, 'phone=13700000000')).toEqual([]);
      expect(await find(p.adminKey, 'member_no=99999999')).toEqual([]);
      expect(await find(p.adminKey, 'q=Nobody')).toEqual([]);
      expect(await find(p.adminKey, 'q=%25')).toEqual([]);
    });

    it('masks phone and ID number for a pos key, shows them to an admin', async () => {
      const [pos] = await find(p.posKey, 'phone=13812345678');
      expect(pos!.phone).toBe('138****5678');
      const [admin] = await find(p.adminKey, 'phone=13812345678');
      expect(admin!.phone).toBe('13812345678');
      const masked = await call('GET', `${members()}/${m.id}`, p.posKey);
      expect(masked.json().phone).toBe(`${m.phone.slice(0, 3)}****${m.phone.slice(7)}`);
      expect(masked.json().id_number).toMatch(/^310101\*{8}\d{3}[\dX]$/);
      const plain = await call('GET', `${members()}/${m.id}`, p.adminKey);
      expect(plain.json().phone).toBe(m.phone);
      expect(plain.json().id_number).toBe(residentIdWithCheck('31010119800101001'));
    });

    it('answers 404 for an unknown member id', async () => {
      const r = await call('GET', `${members()}/mem_00000000000000000000000000`, p.adminKey);
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ code: 'not_found', field: 'member_id' });
    });
  });

  describe('update', () => {
    it('changes fields and clears them with null', async () => {
      const m = await enrol({ name: 'Old', email: 'old@example.com' });
      const r = await call('PATCH', `${members()}/${m.id}`, p.adminKey, { name: 'New', email: null, gender: 'female', phone: '+86 139 9999 0001' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: m.id, member_no: m.member_no, name: 'New', email: null, gender: 'female', phone: '13999990001' });
      expect((await find(p.adminKey, 'phone=13999990001')).map((x) => x.id)).toEqual([m.id]);
      expect(await find(p.adminKey, `phone=${m.phone}`)).toEqual([]);
    });

    it('refuses a phone another member has (409); a pos key corrects a profile (members.write) but may not suspend (403)', async () => {
      const m = await enrol({ name: 'Keep' });
      const dup = await call('PATCH', `${members()}/${m.id}`, p.adminKey, { phone: '13812345678' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('duplicate_phone');
      expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json()).toMatchObject({ name: 'Keep', phone: m.phone });
      // the till, like store staff, holds members.write (docs/permissions.md); suspending needs members.status
      expect((await call('PATCH', `${members()}/${m.id}`, p.posKey, { name: 'Kept' })).statusCode).toBe(200);
      const refused = await call('POST', `${members()}/${m.id}/suspend`, p.posKey, { reason: 'no' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().permission).toBe('members.status');
    });
  });

  describe('language', () => {
    it('is zh unless given; en at enrolment; a PATCH changes it, audited before and after', async () => {
      expect((await enrol()).language).toBe('zh');
      const m = await enrol({ language: 'en' });
      expect(m.language).toBe('en');
      const r = await call('PATCH', `${members()}/${m.id}`, p.adminKey, { language: 'zh' });
      expect(r.statusCode).toBe(200);
      expect(r.json().language).toBe('zh');
      expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json().language).toBe('zh');
      const audit = (await call('GET', `/v1/programs/${p.programId}/audit?entity_id=${m.id}`, p.adminKey)).json().items[0];
      expect(audit).toMatchObject({ request: { language: 'zh' }, before: { language: 'en' }, after: { language: 'zh' } });
      // the member's copy of their data has it
      const copy = (await t.services.members.memberData(p.programId, m.id))[0]!.rows[0] as { language: string };
      expect(copy.language).toBe('zh');
    });

    it('refuses a language that is not zh or en with a problem naming the field, in the caller\'s language, and changes nothing', async () => {
      const m = await enrol({ language: 'en' });
      for (const [lang, title] of [['en', /Invalid/], ['zh', /[\u4e00-\u9fff]/]] as const) {
        const r = await call('PATCH', `${members()}/${m.id}`, p.adminKey, { language: 'fr', name: 'Changed' }, { 'accept-language': lang });
        expect(r.statusCode).toBe(400);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ code: 'validation', field: 'language' });
        expect(r.json().detail).toMatch(title);
      }
      expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json()).toMatchObject({ language: 'en', name: null });
      const bad = await call('POST', members(), p.adminKey, { phone: nextPhone(), language: 'EN' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation', field: 'language' });
    });
  });

  describe('status', () => {
    const move = (id: string, action: string, reason?: string, key = p.adminKey) =>
      call('POST', `${members()}/${id}/${action}`, key, reason === undefined ? {} : { reason });

    it('suspends, reactivates and terminates with a reason; terminated is final', async () => {
      const m = await enrol();
      const s = await move(m.id, 'suspend', 'Suspected card sharing');
      expect(s.statusCode).toBe(200);
      expect(s.json()).toMatchObject({ status: 'suspended', status_reason: 'Suspected card sharing' });
      const r = await move(m.id, 'reactivate', 'Cleared');
      expect(r.json()).toMatchObject({ status: 'active', status_reason: 'Cleared' });
      const term = await move(m.id, 'terminate', 'Member asked to leave');
      expect(term.json()).toMatchObject({ status: 'terminated', status_reason: 'Member asked to leave' });
      for (const action of ['reactivate', 'suspend', 'terminate']) {
        const again = await move(m.id, action, 'try again');
        expect(again.statusCode).toBe(409);
        expect(again.json().code).toBe('conflict');
      }
      expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json().status).toBe('terminated');
      const changes = await t.services.ctx.db.selectFrom('member_status_changes').select(['from_status', 'to_status', 'reason'])
        .where('program_id', '=', p.programId).where('member_id', '=', m.id).orderBy('id').execute();
      expect(changes.map((c) => `${c.from_status}>${c.to_status}`)).toEqual(['active>suspended', 'suspended>active', 'active>terminated']);
    });

    it('needs a reason, an admin key and a legal move', async () => {
      const m = await enrol();
      const noReason = await move(m.id, 'suspend');
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().field).toBe('reason');
      expect((await move(m.id, 'suspend', '   ')).statusCode).toBe(400);
      expect((await move(m.id, 'suspend', 'by pos', p.posKey)).statusCode).toBe(403);
      expect((await move(m.id, 'reactivate', 'not suspended')).statusCode).toBe(409);
      expect((await call('GET', `${members()}/${m.id}`, p.adminKey)).json().status).toBe('active');
    });

    it('refuses purchases for a suspended member with 422 member_not_active', async () => {
      const m = await enrol();
      await move(m.id, 'suspend', 'Fraud check');
      const r = await call('POST', `/v1/programs/${p.programId}/purchases`, p.posKey, { member_id: m.id, amount_fen: 10_000 }, { 'idempotency-key': `susp-${m.id}` });
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({ code: 'member_not_active', type: 'https://patron.dev/problems/member_not_active', member_status: 'suspended' });
      const bal = await call('GET', `${members()}/${m.id}/balance`, p.adminKey);
      expect(bal.json()).toMatchObject({ available: 0, pending: 0, lifetime_earned: 0 });
      const purchases = await t.services.ctx.db.selectFrom('purchases').select('id').where('program_id', '=', p.programId).where('member_id', '=', m.id).execute();
      expect(purchases).toEqual([]);
    });
  });
});
