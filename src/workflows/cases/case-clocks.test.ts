import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TClock } from '../../modules/sla/index.ts';
import type { Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { unpublished } from '../../platform/outbox.ts';
import { apiHeaders, createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, whenUnlocked } from '../../testing/harness.ts';

// A case drives its SLA clocks through its flows (workflows/cases/after-transitions.ts), on the
// official calendar of the program's zone. The expected dates are worked out by hand from the
// State Council's notices, not from the code under test:
// - 2026 Spring Festival: off 2026-02-15 (Sun) to 02-23 (Mon); Sat 02-14 and Sat 02-28 are working days.
// - 2026 National Day and Mid-Autumn: off 10-01 to 10-07; Sun 09-20 and Sat 10-10 are working days.

const at = (local: string) => new Date(`${local}+08:00`);
/** The end of a local day in Shanghai: a working-day deadline runs to 23:59:59 (sla module README). */
const endOf = (date: string) => new Date(`${date}T23:59:59+08:00`).toISOString();

describe.each(testDbKinds())('a case\'s clocks on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let memberId: string;
  const actor = (): Principal => ({ keyId: 'case-clocks-test', name: 'test', role: 'admin', programId: p.programId, storeId: null });
  const clocks = async (c: { id: string; type: 'complaint' | 'service_request' }) =>
    Object.fromEntries((await t.services.sla.clocksOf(p.programId, { type: c.type, id: c.id })).map((k) => [k.metric, k])) as Record<string, TClock>;
  const open = async (when: string, type: 'complaint' | 'service_request' = 'complaint') =>
    unwrap(await t.services.flows.openCase(p.programId, { type, channel: 'phone', subject: '积分未到账', description: '', priority: 'normal', member_id: memberId, route: false }, actor(), undefined, at(when))).body;
  const act = async (id: string, action: string, when: string, text?: string) =>
    unwrap(await t.services.flows.actOnCase(p.programId, id, { action: action as never, text }, actor(), at(when)));
  // the SLA job, waiting while another test file's run holds its lock (PostgreSQL)
  const runSla = (when: Date) => whenUnlocked(() => t.services.sla.run({ at: when, programId: p.programId }));
  const reply = async (id: string, when: string, direction: 'to_member' | 'from_member' = 'to_member') =>
    unwrap(await t.services.flows.messageCase(p.programId, id, { direction, channel: 'phone', subject: '', body: direction === 'to_member' ? '您好，已受理。' : '还没有到账。' }, actor(), at(when)));

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers: apiHeaders(p.adminKey), payload: { phone: '13900000077', name: '韩梅梅' } });
    memberId = r.json().id;
  });
  afterAll(async () => { await t.close(); });

  it('gives a complaint received before the Spring Festival its reply deadline after it (003 §7.2: 3 working days)', async () => {
    // received Friday 02-13: working days after it are Sat 02-14 (调休), Tue 02-24, Wed 02-25
    const c = await open('2026-02-13T10:00:00');
    const k = await clocks(c);
    expect(k.first_response).toMatchObject({ state: 'running', due_at: endOf('2026-02-25'), due_provisional: false });
    await reply(c.id, '2026-02-24T09:30:00');
    expect((await clocks(c)).first_response).toMatchObject({ state: 'met', late: false });
  });

  it('gives the outcome 5 working days across National Day, reopens on rejection and starts it again', async () => {
    const c = await open('2026-09-25T10:00:00');
    await act(c.id, 'investigate', '2026-09-25T11:00:00');
    await reply(c.id, '2026-09-25T11:05:00');
    // processing finished Tue 09-29: Wed 09-30, Thu 10-08, Fri 10-09, Sat 10-10 (调休), Mon 10-12
    await act(c.id, 'record_solution', '2026-09-29T16:00:00', '补录积分');
    expect((await clocks(c)).outcome).toMatchObject({ state: 'running', due_at: endOf('2026-10-12') });
    // told on Fri 10-09: met in time, and the case waits on the member
    await act(c.id, 'tell_outcome', '2026-10-09T10:00:00');
    expect((await clocks(c)).outcome).toMatchObject({ state: 'met', late: false });
    // the member is not satisfied: investigated again, and the next solution has 5 working days of its own
    await act(c.id, 'reject', '2026-10-12T09:00:00', '会员要求全额补偿');
    await act(c.id, 'record_solution', '2026-10-13T15:00:00', '全额补偿并致歉');
    const again = (await clocks(c)).outcome!;
    // Tue 10-13: Wed 10-14, Thu 10-15, Fri 10-16, Mon 10-19, Tue 10-20
    expect(again).toMatchObject({ state: 'running', due_at: endOf('2026-10-20') });
    expect(again.cycle).toBe(2);
  });

  it('pauses while waiting on the member, across the Spring Festival, and gives back only working days', async () => {
    // received Wed 02-11: 3 working days → Thu 02-12, Fri 02-13, Sat 02-14 (调休)
    const c = await open('2026-02-11T10:00:00');
    expect((await clocks(c)).first_response!.due_at).toBe(endOf('2026-02-14'));
    // waiting on the member from Thu 02-12 10:00 until they call back Tue 02-24 10:00: the working
    // days after the pause's first day up to its last are Fri 02-13, Sat 02-14, Tue 02-24 (the
    // nine holiday days cost nothing), so the deadline moves 3 working days past Sat 02-14: Tue 02-24,
    // Wed 02-25, Thu 02-26 — what was left at the pause (the rest of 02-12, 02-13, 02-14) given again
    // from the call back (the rest of 02-24, 02-25, 02-26)
    await act(c.id, 'wait', '2026-02-12T10:00:00');
    expect((await clocks(c)).first_response).toMatchObject({ state: 'paused' });
    await reply(c.id, '2026-02-24T10:00:00', 'from_member');
    const k = (await clocks(c)).first_response!;
    expect(k).toMatchObject({ state: 'running', due_at: endOf('2026-02-26') });
    expect(k.pauses).toHaveLength(1);
    expect(k.pauses[0]).toMatchObject({ paused_at: at('2026-02-12T10:00:00').toISOString(), resumed_at: at('2026-02-24T10:00:00').toISOString(), reason: 'waiting_member' });
  });

  it('warns, marks the breach and escalates when the job runs at those instants, each once', async () => {
    // a VIP request on Monday 03-02 10:00 (002 §3.3: answered within 24 hours), never answered
    const c = await open('2026-03-02T10:00:00', 'service_request');
    const topics = async () => (await unpublished(t.services.ctx.db, ['sla.warning', 'sla.breached', 'sla.escalated'], 100, p.programId))
      .filter((e) => (e.payload as { subject_id?: string }).subject_id === c.id).map((e) => e.topic);
    await runSla(at('2026-03-03T04:00:00'));
    expect(await topics()).toEqual(['sla.warning']);
    await runSla(at('2026-03-03T10:30:00'));
    await runSla(at('2026-03-03T11:00:00'));
    expect((await topics()).sort()).toEqual(['sla.breached', 'sla.escalated', 'sla.warning']);
    expect((await clocks(c)).first_response).toMatchObject({ state: 'breached', breached_at: expect.any(String), escalated_at: expect.any(String) });
    // answered late: met, and marked late
    await reply(c.id, '2026-03-03T12:00:00');
    expect((await clocks(c)).first_response).toMatchObject({ state: 'met', late: true });
  });

  it('closes a case: resolution met, what is left cancelled, and its CSAT survey sent once', async () => {
    const c = await open('2026-03-09T10:00:00', 'service_request');
    for (const [action, when, text] of [['engage', '2026-03-09T11:00:00'], ['plan', '2026-03-09T12:00:00', '安排专人'], ['implement', '2026-03-10T10:00:00'], ['evaluate', '2026-03-11T10:00:00', '会员满意'], ['close', '2026-03-11T11:00:00']] as const) {
      await act(c.id, action, when, text);
    }
    // never answered by message: the first response clock is cancelled, not met
    expect((await clocks(c)).first_response).toMatchObject({ state: 'cancelled' });
    const surveys = await t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}/members/${memberId}/surveys`, headers: apiHeaders(p.adminKey) });
    const forCase = (surveys.json().items as { kind: string; case_number: string | null }[]).filter((i) => i.kind === 'csat' && i.case_number === c.number);
    expect(forCase).toHaveLength(1);
  });
});
