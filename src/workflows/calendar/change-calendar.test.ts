import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { Subject } from '../../modules/sla/index.ts';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, whenUnlocked, type TestContext, type TestProgram } from '../../testing/harness.ts';

// An operator changes the working calendar and the deadlines already counted move with it
// (workflows/calendar/change-calendar.ts). Dates by hand, Asia/Shanghai: December 2026 has no
// official holiday and no make-up day (2026's are 元旦 01-01..03, 春节 02-15..23, 清明, 劳动节,
// 端午, 中秋 09-25..27, 国庆 10-01..07 with make-up Saturdays 09-20 and 10-10), so its working
// days are Monday to Friday. A working-days clock is due at 23:59:59 local on its last day.

const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (date: string) => at(`${date}T23:59:59`).toISOString();
const none = { tierId: null, priority: null };
let n = 0;
const subject = (type: Subject['type'] = 'complaint'): Subject => ({ type, id: `cmp_cal_${Date.now()}_${++n}` });
interface Moved { id: string; old_due_at: string; new_due_at: string; breached_at: string | null }

describe.each(testDbKinds())('calendar changes re-date deadlines on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const sla = () => t.services.sla;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) =>
    t.app.inject({ method, url: `/v1/programs/${p.programId}${path}`, headers: auth(p.adminKey), ...(payload ? { payload } : {}) });
  const close = async (date: string) => {
    const r = await call('POST', '/calendar/overrides', { date, closed: true, note: '店庆闭店' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { date: string; closed: boolean; moved: { id: string; old_due_on: string; new_due_on: string }[]; clocks_moved: Moved[] };
  };
  const reopen = async (date: string) => {
    const r = await call('DELETE', `/calendar/overrides/${date}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { date: string; moved: { id: string; old_due_on: string; new_due_on: string }[]; clocks_moved: Moved[] };
  };
  const ids = (moved: Moved[]) => moved.map((m) => m.id);
  const clock = async (s: Subject) => (await sla().clocksOf(p.programId, s))[0]!;

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
  });
  afterAll(async () => { await t.close(); });

  it('closing a date inside a complaint\'s 3-working-day window moves its reply deadline a working day later; reopening moves it back', async () => {
    const s = subject();
    // Wed 12-23 10:00 + 3 working days: Thu 12-24, Fri 12-25, Mon 12-28
    const c = (await sla().start(p.programId, s, 'first_response', at('2026-12-23T10:00:00'), none))!;
    expect(c.due_at).toBe(endOf('2026-12-28'));
    // due before the date (Mon 12-14 + 3: 12-17): the date is outside its window
    const earlier = subject();
    const e = (await sla().start(p.programId, earlier, 'first_response', at('2026-12-14T10:00:00'), none))!;
    expect(e.due_at).toBe(endOf('2026-12-17'));
    // calendar hours (a service request's 24 hours) never move
    const req = subject('service_request');
    const h = (await sla().start(p.programId, req, 'first_response', at('2026-12-23T10:00:00'), none))!;
    expect(h.due_at).toBe(at('2026-12-24T10:00:00').toISOString());
    // the calendar is cached: read it now, so the check below shows the cache was cleared
    expect((await call('GET', '/calendar/check?date=2026-12-23&add=3')).json().added.date).toBe('2026-12-28');

    const closed = await close('2026-12-24');
    expect(closed).toMatchObject({ date: '2026-12-24', closed: true, moved: [] });
    // 12-24 closed: 12-25, 12-28, 12-29
    expect(closed.clocks_moved).toContainEqual({
      id: c.id, subject_type: 'complaint', subject_id: s.id, subject_label: null, metric: 'first_response', old_due_at: endOf('2026-12-28'), new_due_at: endOf('2026-12-29'), provisional: false, breached_at: null,
    });
    expect(ids(closed.clocks_moved)).not.toContain(e.id);
    expect(ids(closed.clocks_moved)).not.toContain(h.id);
    expect(await clock(s)).toMatchObject({ due_at: endOf('2026-12-29'), state: 'running' });
    expect((await clock(s)).explanation.en).toBe('due 3 working days after 2026-12-23 10:00 → 2026-12-29 23:59');
    expect((await clock(earlier)).due_at).toBe(endOf('2026-12-17'));
    expect((await clock(req)).due_at).toBe(at('2026-12-24T10:00:00').toISOString());
    expect((await call('GET', '/calendar/check?date=2026-12-23&add=3')).json().added.date).toBe('2026-12-29');

    const reopened = await reopen('2026-12-24');
    expect(reopened.clocks_moved).toContainEqual(expect.objectContaining({ id: c.id, old_due_at: endOf('2026-12-29'), new_due_at: endOf('2026-12-28') }));
    expect(ids(reopened.clocks_moved)).not.toContain(h.id);
    expect((await clock(s)).due_at).toBe(endOf('2026-12-28'));
    expect((await call('GET', '/calendar/check?date=2026-12-23&add=3')).json().added.date).toBe('2026-12-28');
  });

  it('a paused clock is re-dated from its start, target and pauses, and keeps its pause spans', async () => {
    const s = subject();
    // Mon 12-21 10:00 + 3: 12-22, 12-23, 12-24
    await sla().start(p.programId, s, 'first_response', at('2026-12-21T10:00:00'), none);
    await sla().pause(p.programId, s, at('2026-12-22T10:00:00'), 'waiting on the member');
    await sla().resume(p.programId, s, at('2026-12-23T10:00:00'));
    await sla().pause(p.programId, s, at('2026-12-23T15:00:00'), 'waiting again');
    const before = await clock(s);
    // 12-23 given back (1): 4 working days → Fri 12-25
    expect(before).toMatchObject({ state: 'paused', due_at: endOf('2026-12-25') });
    expect(before.pauses).toHaveLength(2);

    const closed = await close('2026-12-24');
    // 12-22, 12-23, (12-24 closed), 12-25, 12-28
    expect(closed.clocks_moved).toContainEqual(expect.objectContaining({ id: before.id, old_due_at: endOf('2026-12-25'), new_due_at: endOf('2026-12-28') }));
    const after = await clock(s);
    expect(after).toMatchObject({ state: 'paused', status: 'paused', due_at: endOf('2026-12-28') });
    expect(after.pauses).toEqual(before.pauses);

    // resumed Mon 12-28 10:00: the open pause gives back 12-25 and 12-28 (12-24 is closed) → 6 working days: 12-30
    const [resumed] = await sla().resume(p.programId, s, at('2026-12-28T10:00:00'));
    expect(resumed).toMatchObject({ state: 'running', due_at: endOf('2026-12-30') });
    // 12-24 open again: it counts, but it lies inside the second pause, which gives it back: no move
    const reopened = await reopen('2026-12-24');
    expect(ids(reopened.clocks_moved)).not.toContain(before.id);
    expect((await clock(s)).due_at).toBe(endOf('2026-12-30'));
  });

  it('a clock already breached keeps its breach when a retroactive closure moves its due time past now', async () => {
    const s = subject();
    // Mon 11-02 10:00 + 3: 11-03, 11-04, 11-05
    const c = (await sla().start(p.programId, s, 'first_response', at('2026-11-02T10:00:00'), none))!;
    expect(c.due_at).toBe(endOf('2026-11-05'));
    const breachedAt = at('2026-11-06T00:05:00');
    expect(await whenUnlocked(() => sla().run({ at: breachedAt, programId: p.programId }))).toMatchObject({ breaches: 1 });
    // the store was in fact closed on 11-04: the operator enters it afterwards
    const closed = await close('2026-11-04');
    expect(closed.clocks_moved).toContainEqual(expect.objectContaining({ id: c.id, old_due_at: endOf('2026-11-05'), new_due_at: endOf('2026-11-06'), breached_at: breachedAt.toISOString() }));
    expect(await clock(s)).toMatchObject({ state: 'breached', status: 'breached', breached_at: breachedAt.toISOString(), due_at: endOf('2026-11-06') });
    // answered on the new last day: met in time, and the breach stays on record
    expect(await sla().stop(p.programId, s, ['first_response'], at('2026-11-06T10:00:00'))).toMatchObject([{ state: 'met', late: false, breached_at: breachedAt.toISOString() }]);
    await reopen('2026-11-04');
  });

  it('new opening hours move the working-hours clocks and no others', async () => {
    const policy = await call('POST', '/sla/policies', { subject_type: 'complaint', metric: 'resolution', unit: 'working_hours', target: 8 });
    expect(policy.statusCode, policy.body).toBe(201);
    const s = subject();
    // Wed 12-02 14:00, 09:00–18:00: 4 hours on Wednesday, 4 on Thursday → Thu 12-03 13:00
    const w = (await sla().start(p.programId, s, 'resolution', at('2026-12-02T14:00:00'), none))!;
    expect(w.due_at).toBe(at('2026-12-03T13:00:00').toISOString());
    const d = (await sla().start(p.programId, s, 'first_response', at('2026-12-02T14:00:00'), none))!;
    const nine = { open: '09:00', close: '18:00' };
    const r = await call('PUT', '/calendar/hours', { mon: nine, tue: nine, wed: { open: '09:00', close: '16:00' }, thu: nine, fri: nine, sat: null, sun: null });
    expect(r.statusCode, r.body).toBe(200);
    // Wednesday now closes at 16:00: 2 hours, then Thursday 09:00 + 6 → 15:00
    expect(r.json().hours.wed).toEqual({ open: '09:00', close: '16:00' });
    expect(r.json().clocks_moved).toEqual([expect.objectContaining({ id: w.id, old_due_at: at('2026-12-03T13:00:00').toISOString(), new_due_at: at('2026-12-03T15:00:00').toISOString() })]);
    expect((await sla().clocksOf(p.programId, s)).find((x) => x.id === d.id)!.due_at).toBe(d.due_at);
    expect((await sla().clocksOf(p.programId, s)).find((x) => x.id === w.id)!.due_at).toBe(at('2026-12-03T15:00:00').toISOString());
  });

  it('an open data-rights request keeps its 15 working days counted on the program\'s calendar', async () => {
    const m = await call('POST', '/members', { phone: `1388${kind === 'pglite' ? 1 : 2}${String(Date.now()).slice(-6)}`, name: '王五' });
    expect(m.statusCode, m.body).toBe(201);
    // received Tue 12-01: 12-02..04 (3), 12-07..11 (8), 12-14..18 (13), 12-21, 12-22 (15)
    const rq = unwrap(await t.services.rights.create(p.programId, { member_id: m.json().id, kind: 'copy', channel: 'counter', received_at: '2026-12-01T10:00:00+08:00' }, SYSTEM));
    expect(rq.due_on).toBe('2026-12-22');
    const closed = await close('2026-12-10');
    expect(closed.moved).toEqual([{ id: rq.id, kind: 'copy', member_no: m.json().member_no, old_due_on: '2026-12-22', new_due_on: '2026-12-23', provisional: false }]);
    expect(unwrap(await t.services.rights.get(p.programId, rq.id)).due_on).toBe('2026-12-23');
    // a date after its deadline changes nothing
    expect((await close('2026-12-31')).moved).toEqual([]);
    expect((await reopen('2026-12-10')).moved).toEqual([{ id: rq.id, kind: 'copy', member_no: m.json().member_no, old_due_on: '2026-12-23', new_due_on: '2026-12-22', provisional: false }]);
    await reopen('2026-12-31');
  });

  it('two dates closed at once: each change re-dates on a calendar holding the other', async () => {
    const s = subject();
    // Wed 12-09 10:00 + 3: 12-10, 12-11, 12-14; with 12-10 and 12-11 closed: 12-14, 12-15, 12-16
    const c = (await sla().start(p.programId, s, 'first_response', at('2026-12-09T10:00:00'), none))!;
    expect(c.due_at).toBe(endOf('2026-12-14'));
    await Promise.all([close('2026-12-10'), close('2026-12-11')]);
    expect((await clock(s)).due_at).toBe(endOf('2026-12-16'));
    await Promise.all([reopen('2026-12-10'), reopen('2026-12-11')]);
    expect((await clock(s)).due_at).toBe(endOf('2026-12-14'));
  });
});
