import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { unpublished } from '../../platform/outbox.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth, whenUnlocked } from '../../testing/harness.ts';
import type { Subject } from './sla.service.ts';

// The clocks on both databases, with dates computed by hand from the State Council's notices
// (2026: 元旦 01-01..03, make-up Sun 01-04; 春节 02-15..23, make-up Sat 02-14 and Sat 02-28).
// Every due time of a working-days clock is 23:59:59 Shanghai time on its day.

const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (date: string) => at(`${date}T23:59:59`).toISOString();
let n = 0;
const subject = (type: Subject['type'] = 'complaint'): Subject => ({ type, id: `cmp_test_${Date.now()}_${++n}` });
const none = { tierId: null, priority: null };

describe.each(testDbKinds())('sla clocks on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const sla = () => t.services.sla;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, lang = 'en') =>
    t.app.inject({ method, url: `/v1/programs/${p.programId}${url}`, headers: { ...auth(p.adminKey), 'accept-language': lang }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('shows the built-in defaults (002 §3.3, 003 §7.2) until the program sets its own', async () => {
    const r = await call('GET', '/sla/policies');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; builtin: boolean; unit: string; target: number }[];
    expect(items.map((i) => [i.id, i.unit, i.target])).toEqual([
      ['default:service_request:first_response', 'calendar_hours', 24],
      ['default:complaint:first_response', 'working_days', 3],
      ['default:complaint:outcome', 'working_days', 5],
      ['default:suggestion:resolution', 'working_days', 10],
    ]);
    expect(items.every((i) => i.builtin)).toBe(true);
  });

  it('working days: a complaint due 3 working days later; a pause over a weekend gives back the working days in it', async () => {
    const s = subject();
    const c = (await sla().start(p.programId, s, 'first_response', at('2026-01-28T10:00:00'), none))!;
    // 01-29 Thu, 01-30 Fri, 02-02 Mon
    expect(c).toMatchObject({ unit: 'working_days', target: 3, due_at: endOf('2026-02-02'), due_provisional: false, status: 'running', policy_id: 'default:complaint:first_response' });
    expect(c.target_label).toEqual({ zh: '3 个工作日', en: '3 working days' });
    await sla().pause(p.programId, s, at('2026-01-31T10:00:00'), 'waiting on the member');
    const [resumed] = await sla().resume(p.programId, s, at('2026-02-03T10:00:00'));
    // paused Sat 01-31 .. Tue 02-03: Mon 02-02 and Tue 02-03 given back → 5 working days: 02-04
    expect(resumed).toMatchObject({ state: 'running', due_at: endOf('2026-02-04'), pauses: [{ reason: 'waiting on the member', resumed_at: at('2026-02-03T10:00:00').toISOString() }] });
    expect(resumed!.explanation.en).toBe('due 3 working days after 2026-01-28 10:00, + 2 working days paused 01-31..02-03 → 2026-02-04 23:59');
    expect(resumed!.explanation.zh).toBe('自 2026-01-28 10:00 起 3 个工作日，暂停 01-31..02-03 顺延 2 个工作日 → 2026-02-04 23:59 到期');
  });

  it('a pause across the 2026 Spring Festival moves the due date by the working days paused, not the calendar days', async () => {
    const s = subject();
    const c = (await sla().start(p.programId, s, 'outcome', at('2026-02-10T10:00:00'), none))!;
    // 02-11, 02-12, 02-13, Sat 02-14 (make-up day), then 02-24 after the holiday
    expect(c.due_at).toBe(endOf('2026-02-24'));
    await sla().pause(p.programId, s, at('2026-02-13T15:00:00'), 'member abroad');
    const [paused] = await sla().clocksOf(p.programId, s);
    expect(paused).toMatchObject({ state: 'paused', status: 'paused' });
    expect(paused!.explanation.en).toContain('paused since 2026-02-13 15:00');
    const [r] = await sla().resume(p.programId, s, at('2026-02-25T09:00:00'));
    // given back: 02-14 (make-up), 02-24, 02-25 = 3 working days (12 calendar days) → 8 working days: 02-27
    expect(r!.due_at).toBe(endOf('2026-02-27'));
    expect(r!.explanation.en).toContain('+ 3 working days paused 02-13..02-25');
  });

  it('calendar hours and working hours', async () => {
    const req = subject('service_request');
    const c = (await sla().start(p.programId, req, 'first_response', at('2026-03-02T10:00:00'), none))!;
    expect(c).toMatchObject({ unit: 'calendar_hours', target: 24, due_at: at('2026-03-03T10:00:00').toISOString(), warn_at: at('2026-03-03T04:00:00').toISOString() });
    await sla().pause(p.programId, req, at('2026-03-02T11:00:00'), 'x');
    const [moved] = await sla().resume(p.programId, req, at('2026-03-02T13:30:00'));
    expect(moved!.due_at).toBe(at('2026-03-03T12:30:00').toISOString());

    const policy = await call('POST', '/sla/policies', { subject_type: 'complaint', metric: 'resolution', unit: 'working_hours', target: 8 });
    expect(policy.statusCode, policy.body).toBe(201);
    const s = subject();
    // opening hours 09:00–18:00 Mon–Fri: Fri 14:00–18:00 is 4 hours, Mon 09:00 + 4 → 13:00
    const w = (await sla().start(p.programId, s, 'resolution', at('2026-03-06T14:00:00'), none))!;
    expect(w.due_at).toBe(at('2026-03-09T13:00:00').toISOString());
    // paused from Fri 17:00 to Mon 10:30: 1 + 1.5 opening hours given back
    await sla().pause(p.programId, s, at('2026-03-06T17:00:00'), 'x');
    const [r] = await sla().resume(p.programId, s, at('2026-03-09T10:30:00'));
    expect(r!.due_at).toBe(at('2026-03-09T15:30:00').toISOString());
    expect(r!.explanation.en).toContain('+ 2.5 working hours paused 03-06..03-09');
  });

  it('the most specific policy wins: tier and priority > tier > priority > any', async () => {
    const [gold] = await t.services.tiers.create(p.programId, [{ code: 'GOLD', name: '金卡', rank: 1, reach_threshold: 1000 }]);
    const tierId = gold!.id;
    const post = async (body: object) => { const r = await call('POST', '/sla/policies', { subject_type: 'service_request', metric: 'resolution', ...body }); expect(r.statusCode, r.body).toBe(201); return r.json().id as string; };
    const any = await post({ unit: 'working_days', target: 5 });
    const urgent = await post({ priority: 'urgent', unit: 'working_days', target: 1 });
    const tier = await post({ tier_id: tierId, unit: 'working_days', target: 2 });
    const both = await post({ tier_id: tierId, priority: 'urgent', unit: 'calendar_hours', target: 8 });
    const policyOf = async (f: { tierId: string | null; priority: 'urgent' | 'normal' | null }) =>
      (await sla().start(p.programId, subject('service_request'), 'resolution', at('2026-03-02T10:00:00'), f))!.policy_id;
    expect(await policyOf({ tierId, priority: 'urgent' })).toBe(both);
    expect(await policyOf({ tierId, priority: 'normal' })).toBe(tier);
    expect(await policyOf({ tierId: null, priority: 'urgent' })).toBe(urgent);
    expect(await policyOf({ tierId: null, priority: 'normal' })).toBe(any);
    // the same scope twice is a conflict naming the field
    const again = await call('POST', '/sla/policies', { subject_type: 'service_request', metric: 'resolution', tier_id: tierId, unit: 'working_days', target: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'sla_policy_exists', field: 'metric' });
    // no policy at all for a metric: no clock
    expect(await sla().start(p.programId, subject('suggestion'), 'first_response', at('2026-03-02T10:00:00'), none)).toBeNull();
  });

  it('stop meets several metrics at once; with cancelRest (a closed case) the others stop without being met', async () => {
    const both = subject();
    await sla().start(p.programId, both, 'first_response', at('2026-01-28T10:00:00'), none);
    await sla().start(p.programId, both, 'outcome', at('2026-01-28T10:00:00'), none);
    const met = await sla().stop(p.programId, both, ['first_response', 'outcome'], at('2026-01-29T10:00:00'));
    expect(met.map((c) => [c.metric, c.state, c.late])).toEqual([['first_response', 'met', false], ['outcome', 'met', false]]);

    const closed = subject();
    await sla().start(p.programId, closed, 'first_response', at('2026-01-28T10:00:00'), none);
    await sla().start(p.programId, closed, 'outcome', at('2026-01-28T10:00:00'), none);
    await sla().pause(p.programId, closed, at('2026-01-29T10:00:00'), 'waiting on the member');
    const stopped = await sla().stop(p.programId, closed, ['first_response'], at('2026-01-30T10:00:00'), { cancelRest: true });
    expect(stopped.map((c) => [c.metric, c.state])).toEqual([['first_response', 'met'], ['outcome', 'cancelled']]);
    // the pause each was in ended when it stopped
    expect(stopped.every((c) => c.pauses.every((x) => x.resumed_at === at('2026-01-30T10:00:00').toISOString()))).toBe(true);
    // met or cancelled stays so: a second stop changes nothing
    expect((await sla().stop(p.programId, closed, ['outcome'], at('2026-01-31T10:00:00'))).map((c) => c.state)).toEqual(['cancelled']);
  });

  it('stop records met and late; a start after it begins a new cycle; cancel stops without meeting', async () => {
    const s = subject();
    await sla().start(p.programId, s, 'first_response', at('2026-01-28T10:00:00'), none);
    // started twice: the running clock stands
    const same = await sla().start(p.programId, s, 'first_response', at('2026-01-29T10:00:00'), none);
    expect(same!.started_at).toBe(at('2026-01-28T10:00:00').toISOString());
    const [met] = await sla().stop(p.programId, s, ['first_response'], at('2026-02-03T09:00:00'));
    expect(met).toMatchObject({ state: 'met', status: 'late', late: true, met_at: at('2026-02-03T09:00:00').toISOString() });
    const again = await sla().start(p.programId, s, 'first_response', at('2026-02-05T10:00:00'), none);
    expect(again).toMatchObject({ state: 'running', cycle: 2, met_at: null, late: null, due_at: endOf('2026-02-10') });
    const [cancelled] = await sla().cancel(p.programId, s);
    expect(cancelled!.state).toBe('cancelled');
  });

  it('problem+json on bad policy and settings input, in the caller\'s language, changing nothing', async () => {
    const before = (await call('GET', '/sla/policies')).json().items.length;
    const bad = async (body: object, field: string, status = 400, lang = 'en') => {
      const r = await call('POST', '/sla/policies', { subject_type: 'complaint', metric: 'first_response', unit: 'working_days', target: 3, ...body }, lang);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().field ?? r.json().errors?.[0]?.field).toBe(field);
      return r.json();
    };
    await bad({ target: 0 }, 'target');
    await bad({ unit: 'fortnights' }, 'unit');
    await bad({ warn_percent: 100 }, 'warn_percent');
    await bad({ priority: 'asap' }, 'priority');
    await bad({ tier_id: 'gold' }, 'tier_id');
    const long = await bad({ target: 300 }, 'target', 400, 'zh');
    expect(long.detail).toBe('最多 250 个工作日');
    await bad({ subject_type: 'suggestion', metric: 'outcome' }, 'metric');
    await bad({ escalate_to: `stf_${'0'.repeat(26)}` }, 'escalate_to', 404);
    expect((await call('GET', '/sla/policies')).json().items.length).toBe(before);
    const s = await call('PUT', '/sla/settings', { quiet_start: '22:00', quiet_end: null, supervisor_id: null });
    expect(s.json()).toMatchObject({ field: 'quiet_end' });
    expect((await call('PUT', '/sla/settings', { quiet_start: '25:00', quiet_end: '08:00', supervisor_id: null })).json().errors?.[0]?.field ?? '').toBe('quiet_start');
  });

  it('joins the caller\'s transaction: a rolled-back start leaves no clock', async () => {
    const s = subject();
    await expect(inTransaction(t.services.ctx.db, async () => {
      await sla().start(p.programId, s, 'first_response', at('2026-03-02T10:00:00'), none);
      await sla().pause(p.programId, s, at('2026-03-02T11:00:00'), 'x');
      expect((await sla().clocksOf(p.programId, s))[0]!.state).toBe('paused');
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await sla().clocksOf(p.programId, s)).toEqual([]);
  });

  it('a year without an official schedule (2027) is provisional, and loading it re-dates the running clocks', async () => {
    const s = subject();
    // 12-31, then 2027-01-01 and 01-04 counted Monday–Friday: provisional
    const c = (await sla().start(p.programId, s, 'first_response', at('2026-12-30T10:00:00'), none))!;
    expect(c).toMatchObject({ due_at: endOf('2027-01-04'), due_provisional: true });
    expect(c.explanation.zh).toContain('暂定');
    const r = unwrap(await t.services.flows.loadCalendarYear(p.programId, 2027, { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }, SYSTEM));
    expect(r.clocks_moved).toContainEqual(expect.objectContaining({ id: c.id, old_due_at: endOf('2027-01-04'), new_due_at: endOf('2027-01-05'), provisional: false }));
    const [after] = await sla().clocksOf(p.programId, s);
    expect(after).toMatchObject({ due_at: endOf('2027-01-05'), due_provisional: false });
  });
});

describe.each(testDbKinds())('sla job on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url: `/v1/programs/${p.programId}${url}`, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const staff = async (username: string, role: string, email: string | null) => {
    const r = await call('POST', '/staff', { username, display_name: username, role, password: 'patron-test-2026', email });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const run = (when: Date) => whenUnlocked(() => t.services.sla.run({ at: when, programId: p.programId }));
  const events = async () => (await unpublished(t.services.ctx.db, ['sla.warning', 'sla.breached', 'sla.escalated'], 100, p.programId));

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t);
  });
  afterAll(async () => { await t.close(); });

  it('warns at the share, breaches at the due time and escalates to the supervisor, each once, as events and alerts', async () => {
    const agent = await staff('agent.wang', 'service_agent', 'wang@example.com');
    const boss = await staff('boss.zhao', 'admin', null);
    expect((await call('PUT', '/sla/settings', { quiet_start: null, quiet_end: null, supervisor_id: boss })).statusCode).toBe(200);
    const s = subject();
    const c = (await t.services.sla.start(p.programId, s, 'first_response', at('2026-01-28T10:00:00'), none, agent))!;
    // warning at the end of working day ⌊3 × 75 %⌋ = 2 (01-30), due at the end of 02-02
    expect(c.warn_at).toBe(endOf('2026-01-30'));
    expect(await run(at('2026-01-29T12:00:00'))).toEqual({ warnings: 0, breaches: 0, escalations: 0 });
    expect(await run(at('2026-01-31T09:00:00'))).toEqual({ warnings: 1, breaches: 0, escalations: 0 });
    expect(await run(at('2026-01-31T09:01:00'))).toEqual({ warnings: 0, breaches: 0, escalations: 0 });
    const [warned] = await t.services.sla.clocksOf(p.programId, s);
    expect(warned!.status).toBe('warning');
    expect(await run(at('2026-02-03T00:05:00'))).toEqual({ warnings: 0, breaches: 1, escalations: 1 });
    expect(await run(at('2026-02-03T00:06:00'))).toEqual({ warnings: 0, breaches: 0, escalations: 0 });
    const [breached] = await t.services.sla.clocksOf(p.programId, s);
    expect(breached).toMatchObject({ state: 'breached', status: 'breached', breached_at: at('2026-02-03T00:05:00').toISOString(), escalated_at: at('2026-02-03T00:05:00').toISOString() });
    const mine = (await events()).filter((e) => e.aggregateId === c.id);
    expect(mine.map((e) => e.topic)).toEqual(['sla.warning', 'sla.breached', 'sla.escalated']);
    expect(mine[2]!.payload).toMatchObject({ subject_id: s.id, metric: 'first_response', escalated_to: [boss] });
    const agentAlerts = await t.services.sla.alerts(p.programId, agent, at('2026-02-03T09:00:00'));
    expect(agentAlerts.items.map((a) => a.kind)).toEqual(['breached', 'warning']);
    expect(agentAlerts.unread).toBe(2);
    expect(agentAlerts.items[0]!.text.zh).toBe(`投诉 ${s.id} 首次响应已超时，时限 2026-02-02 23:59`);
    const bossAlerts = await t.services.sla.alerts(p.programId, boss, at('2026-02-03T09:00:00'));
    expect(bossAlerts.items.map((a) => a.kind)).toEqual(['escalated']);
    expect(await t.services.sla.markRead(p.programId, boss, bossAlerts.items[0]!.id)).toEqual({ read: true });
    expect((await t.services.sla.alerts(p.programId, boss, at('2026-02-03T09:00:00'))).unread).toBe(0);
    // met late after the breach
    expect(await t.services.sla.stop(p.programId, s, ['first_response'], at('2026-02-03T10:00:00'))).toMatchObject([{ state: 'met', late: true }]);
  });

  it('without a supervisor an escalation reaches every active administrator; the overview lists breached and escalated clocks by owner', async () => {
    await call('PUT', '/sla/settings', { quiet_start: null, quiet_end: null, supervisor_id: null });
    const admins = await t.services.staff.activeAdmins(p.programId);
    const s = subject('service_request');
    const c = (await t.services.sla.start(p.programId, s, 'first_response', at('2026-04-01T10:00:00'), none))!;
    expect(await run(at('2026-04-02T10:00:00'))).toMatchObject({ breaches: 1, escalations: 1 });
    const e = (await events()).find((x) => x.aggregateId === c.id && x.topic === 'sla.escalated');
    expect(e!.payload.escalated_to).toEqual(admins);
    const o = await call('GET', '/sla/overview?view=escalated');
    expect(o.statusCode).toBe(200);
    expect(o.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(o.json().counts.escalated).toBeGreaterThanOrEqual(1);
    const clocks = await call('GET', `/sla/clocks?subject_type=service_request&subject_id=${s.id}`);
    expect(clocks.json().items[0]).toMatchObject({ id: c.id, status: 'breached', target_label: { zh: '24 小时', en: '24 hours' } });
  });
});
