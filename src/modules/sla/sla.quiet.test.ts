import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth, whenUnlocked } from '../../testing/harness.ts';
import { smtpTransport } from '../notifications/index.ts';
import { smtpServer } from '../../testing/smtp-server.ts';

// Quiet hours (a Zammad complaint: escalation mail at midnight): an escalation raised at 23:30
// reaches the supervisor's bell and mailbox at 08:00, read here from a real SMTP server; an
// urgent one goes at once when the desk lets urgent through.

const at = (local: string) => new Date(`${local}+08:00`);

describe.each(testDbKinds())('sla quiet hours on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let boss: string;
  const call = (method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url: `/v1/programs/${p.programId}${url}`, headers: auth(p.adminKey), payload });
  const runSla = (when: Date) => whenUnlocked(() => t.services.sla.run({ at: when, programId: p.programId }));
  const notify = (when: Date) => whenUnlocked(() => t.services.notifications.run({ now: when, programId: p.programId }));

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
    smtp = await smtpServer();
    t.services.notifications.useTransports({ email: smtpTransport(smtp.url, 'Patron <desk@patron.test>') });
    const r = await call('POST', '/staff', { username: 'boss.zhao', display_name: '赵主管', role: 'admin', password: 'patron-test-2026', email: 'zhao@example.com' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().email).toBe('zhao@example.com');
    boss = r.json().id;
    const s = await call('PUT', '/sla/settings', { quiet_start: '22:00', quiet_end: '08:00', urgent_bypasses_quiet: true, supervisor_id: boss });
    expect(s.statusCode, s.body).toBe(200);
  });
  afterAll(async () => { await smtp.stop(); await t.close(); });

  it('holds an escalation e-mail raised at 23:30 until 08:00', async () => {
    const subject = { type: 'service_request' as const, id: `vsr_quiet_${kind}` };
    // 24 calendar hours (002 §3.3): due at 23:30 the next day
    await t.services.sla.start(p.programId, subject, 'first_response', at('2026-05-04T23:30:00'), { tierId: null, priority: 'normal' });
    expect(await runSla(at('2026-05-05T23:30:00'))).toMatchObject({ breaches: 1, escalations: 1 });
    await notify(at('2026-05-05T23:31:00'));
    await notify(at('2026-05-06T07:59:00'));
    expect(smtp.mails.filter((m) => m.to.includes('zhao@example.com'))).toHaveLength(0);
    expect((await t.services.sla.alerts(p.programId, boss, at('2026-05-06T07:59:00'))).items).toHaveLength(0);
    // due at 08:00; on a loaded machine the first SMTP attempt may time out and go again a minute
    // later by the sender's back-off, so the job runs on at 08:0x until it is delivered (never before 08:00)
    const delivered = () => smtp.mails.filter((m) => m.to.includes('zhao@example.com'));
    for (let minute = 0; minute < 5 && delivered().length === 0; minute++) await notify(at(`2026-05-06T08:0${minute}:00`));
    const mails = delivered();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain(subject.id);
    const bell = await t.services.sla.alerts(p.programId, boss, at('2026-05-06T08:00:00'));
    expect(bell.items).toMatchObject([{ kind: 'escalated', subject_id: subject.id, delivered_at: at('2026-05-06T08:00:00').toISOString() }]);
    // a rerun sends nothing twice
    await notify(at('2026-05-06T08:10:00'));
    expect(smtp.mails.filter((m) => m.to.includes('zhao@example.com'))).toHaveLength(1);
  });

  it('an urgent escalation goes at once when the desk lets urgent through', async () => {
    const subject = { type: 'service_request' as const, id: `vsr_urgent_${kind}` };
    await t.services.sla.start(p.programId, subject, 'first_response', at('2026-05-10T23:30:00'), { tierId: null, priority: 'urgent' });
    expect(await runSla(at('2026-05-11T23:30:00'))).toMatchObject({ escalations: 1 });
    for (let minute = 31; minute < 36 && !smtp.mails.some((m) => m.raw.includes(subject.id)); minute++) await notify(at(`2026-05-11T23:${minute}:00`));
    expect(smtp.mails.filter((m) => m.raw.includes(subject.id))).toHaveLength(1);
  });

  // A program in Europe/Berlin: 08:00 the morning after the clocks change is 06:00 UTC on
  // 2026-03-29 (02:00 → 03:00, CEST) and 07:00 UTC on 2026-10-25 (03:00 → 02:00, CET), not the
  // day's start plus eight hours (09:00 and 07:00 local).
  it.each([
    ['spring forward', '2026-03-27T22:30:00Z', '2026-03-28T22:30:00Z', '2026-03-29T06:00:00Z'],
    ['fall back', '2026-10-23T21:30:00Z', '2026-10-24T21:30:00Z', '2026-10-25T07:00:00Z'],
  ])('in Berlin, an escalation held over the night the clocks change (%s) reaches staff at 08:00 local', async (_, startUtc, dueUtc, endUtc) => {
    const berlin = await createTestProgram(t, { time_zone: 'Europe/Berlin' });
    const put = await t.app.inject({
      method: 'PUT', url: `/v1/programs/${berlin.programId}/sla/settings`, headers: auth(berlin.adminKey),
      payload: { quiet_start: '22:00', quiet_end: '08:00', urgent_bypasses_quiet: false, supervisor_id: null },
    });
    expect(put.statusCode, put.body).toBe(200);
    const admin = await t.app.inject({
      method: 'POST', url: `/v1/programs/${berlin.programId}/staff`, headers: auth(berlin.adminKey),
      payload: { username: `chef.${startUtc.slice(5, 7)}`, display_name: 'Chefin', role: 'admin', password: 'patron-test-2026' },
    });
    expect(admin.statusCode, admin.body).toBe(201);
    const subject = { type: 'service_request' as const, id: `vsr_berlin_${startUtc.slice(5, 7)}_${kind}` };
    // raised at 23:30 local (24 calendar hours after the start), inside the quiet hours
    await t.services.sla.start(berlin.programId, subject, 'first_response', new Date(startUtc), { tierId: null, priority: 'normal' });
    expect(await whenUnlocked(() => t.services.sla.run({ at: new Date(dueUtc), programId: berlin.programId }))).toMatchObject({ breaches: 1, escalations: 1 });
    const end = new Date(endUtc);
    expect((await t.services.sla.alerts(berlin.programId, admin.json().id, new Date(end.getTime() - 60_000))).items).toHaveLength(0);
    const bell = await t.services.sla.alerts(berlin.programId, admin.json().id, end);
    expect(bell.items).toMatchObject([{ kind: 'escalated', subject_id: subject.id, delivered_at: end.toISOString() }]);
  });
});
