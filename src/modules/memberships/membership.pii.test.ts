import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/context.ts';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { localDate } from '../../platform/time.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../../testing/harness.ts';
import { shown } from './membership.routes.ts';

// A corporate VIP contact's phone is personal data (issue 10): sealed in the table, masked in
// answers unless the caller may read it whole.

describe.each(testDbKinds())('a VIP contact\'s phone on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let membershipId: string;
  const person = (role: Principal['role'], staffId?: string): Principal => ({ keyId: `k_${role}`, name: role, role, programId: p.programId, storeId: null, ...(staffId ? { staffId } : {}) });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    const plan = await t.services.memberships.createPlan(p.programId, { kind: 'corporate', name: '企业 VIP', max_seats: 2, refund_policy: 'none' }, null);
    const { created: [member] } = await t.services.flows.enrolMembers(p.programId, [{ phone: '13500001111' }], SYSTEM);
    membershipId = unwrap(await t.services.flows.startMembership(p.programId, {
      plan_id: plan.id, company_name: '华联科技', contact_name: '陈先生', contact_phone: '13911112222', member_ids: [member!], fee_fen: 100_000,
      payment: { method: 'bank_transfer', amount_fen: 100_000, paid_on: localDate(new Date(), 'Asia/Shanghai'), receipt_no: `R-PII-${kind}` },
    }, SYSTEM)).id;
  });
  afterAll(async () => { await t.close(); });

  it('is sealed in the table', async () => {
    const row = await t.services.ctx.db.selectFrom('memberships').select('contact_phone').where('program_id', '=', p.programId).where('id', '=', membershipId).executeTakeFirstOrThrow();
    expect(row.contact_phone).toMatch(/^v1\./);
    expect(row.contact_phone).not.toContain('1391111');
  });

  it('is masked for a person, an administrator signed in too, and whole for an admin API key', async () => {
    const detail = unwrap(await t.services.memberships.detail(p.programId, membershipId, localDate(new Date(), 'Asia/Shanghai')));
    expect(shown(person('admin', 'stf_1'), detail).contact_phone).toBe('139****2222');
    expect(shown(person('account_manager', 'stf_2'), detail).contact_phone).toBe('139****2222');
    expect(shown(person('admin'), detail).contact_phone).toBe('13911112222');
    const api = await t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}/vip-memberships/${membershipId}`, headers: { authorization: `Bearer ${p.adminKey}` } });
    expect(api.json().contact_phone).toBe('13911112222');
  });
});
