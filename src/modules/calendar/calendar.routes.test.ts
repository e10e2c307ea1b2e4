import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, apiHeaders as auth, type TestContext, type TestProgram } from '../../testing/harness.ts';

// The calendar over the API: hours and the program's own dates, the check tool, bad input
// named by field, who may change it, and 2027 (no official schedule in chinese-days 1.5.7):
// provisional deadlines, then a loaded file, the deadlines recomputed and the moved ones named.

const YEAR_2027 = {
  // an operator's file in holiday-cn's layout (illustrative: the 2027 notice is not out yet)
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  year: 2027, papers: [],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: true },
    { name: '春节', date: '2027-02-08', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

describe.each(testDbKinds())('calendar on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  const url = (path: string) => `/v1/programs/${p.programId}/calendar${path}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object, key = p.adminKey) =>
    t.app.inject({ method, url: url(path), headers: auth(key), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
  });
  afterAll(async () => { await t.close(); });

  it('keeps opening hours and the program\'s own dates, and the check tool reads them', async () => {
    const nine = { open: '09:00', close: '18:00' };
    const hours = { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: { open: '10:00', close: '16:00' }, sun: null };
    const put = await call('PUT', '/hours', hours);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().hours.sat).toEqual({ open: '10:00', close: '16:00' });
    expect((await call('GET', '/check?date=2026-11-30&add=1')).json()).toEqual({
      date: '2026-11-30', working: true, provisional: false, hours: nine, added: { n: 1, date: '2026-12-01', provisional: false, years: [] }, added_hours: null,
    });
    // Fri 27 Nov 17:00 + 8 opening hours: 1 on Friday, 6 on Saturday, Sunday closed, Monday 10:00
    expect((await call('GET', `/check?date=2026-11-27&at=${encodeURIComponent('2026-11-27T17:00:00+08:00')}&add_hours=8`)).json().added_hours)
      .toEqual({ hours: 8, from: '2026-11-27T09:00:00.000Z', at: '2026-11-30T02:00:00.000Z', provisional: false, years: [] });
    const o = await call('POST', '/overrides', { date: '2026-11-30', closed: true, note: '店庆闭店' });
    expect(o.statusCode, o.body).toBe(201);
    await call('POST', '/overrides', { date: '2026-11-29', closed: false, hours: { open: '12:00', close: '15:00' } });
    expect((await call('GET', '/check?date=2026-11-30')).json()).toMatchObject({ working: false, hours: null });
    expect((await call('GET', '/check?date=2026-11-27&add=2')).json().added.date).toBe('2026-12-01'); // Sun 29 open, Mon 30 closed
    const cal = (await call('GET', '')).json();
    expect(cal.overrides.map((x: { date: string; note: string | null }) => [x.date, x.note])).toEqual([['2026-11-29', null], ['2026-11-30', '店庆闭店']]);
    expect((await call('DELETE', '/overrides/2026-11-30')).statusCode).toBe(200);
    expect((await call('GET', '/check?date=2026-11-30')).json().working).toBe(true);
    expect((await call('DELETE', '/overrides/2026-11-30')).json()).toMatchObject({ code: 'not_found', field: 'date' });
    // the golden week: closed whatever the weekday hours say; the make-up Saturday opens
    expect((await call('GET', '/check?date=2026-10-03')).json()).toMatchObject({ working: false, hours: null });
    expect((await call('GET', '/check?date=2026-10-10')).json()).toMatchObject({ working: true, hours: { open: '10:00', close: '16:00' } });
  });

  it('refuses bad input by field and changes nothing', async () => {
    const before = (await call('GET', '')).json();
    const bad = async (method: 'PUT' | 'POST', path: string, body: object, field: string) => {
      const r = await call(method, path, body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().field ?? r.json().errors?.[0]?.field).toBe(field);
    };
    const nine = { open: '09:00', close: '18:00' };
    await bad('PUT', '/hours', { mon: { open: '18:00', close: '09:00' }, tue: nine, wed: nine, thu: nine, fri: nine, sat: null, sun: null }, 'mon.close');
    await bad('PUT', '/hours', { mon: { open: '25:00', close: '26:00' }, tue: nine, wed: nine, thu: nine, fri: nine, sat: null, sun: null }, 'mon.open');
    await bad('POST', '/overrides', { date: '2026-12-01', closed: true, hours: nine }, 'hours');
    await bad('POST', '/years/2027', { ...YEAR_2027, year: 2028 }, 'year');
    await bad('POST', '/years/2027', { year: 2027, days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] }, 'days.0.date');
    await bad('POST', '/years/2027', { year: 2027, days: [YEAR_2027.days[0], YEAR_2027.days[0]] }, 'days.1.date');
    await bad('POST', '/years/2026', { year: 2026, days: [] }, 'year');
    const r = await call('GET', '/check?date=2026-11-30&add=400');
    expect([r.statusCode, r.json().field ?? r.json().errors?.[0]?.field]).toEqual([400, 'add']);
    expect((await call('GET', '')).json()).toEqual(before);
  });

  it('says so, not a 500, when the hours to add cannot be reached', async () => {
    const other = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const u = `/v1/programs/${other.programId}/calendar`;
    const shut = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    expect((await t.app.inject({ method: 'PUT', url: `${u}/hours`, headers: auth(other.adminKey), payload: shut })).statusCode).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: `${u}/check?date=2026-11-30&add_hours=1`, headers: auth(other.adminKey) });
    expect([r.statusCode, r.json().field]).toEqual([400, 'add_hours']);
  });

  it('lets a reader read and only a manager change', async () => {
    expect((await call('GET', '', undefined, p.posKey)).statusCode).toBe(200);
    expect((await call('POST', '/overrides', { date: '2026-12-02', closed: true }, p.posKey)).statusCode).toBe(403);
    expect((await call('POST', '/years/2027', YEAR_2027, p.posKey)).statusCode).toBe(403);
  });

  it('flags 2027 deadlines provisional, then recomputes them when 2027 is loaded and names the moved ones', async () => {
    const cal = (await call('GET', '')).json();
    expect(cal.years.slice(0, 3)).toMatchObject([{ year: 2026, status: 'official' }, { year: 2027, status: 'unknown' }, { year: 2028, status: 'unknown' }]);
    expect(cal.provisional_years).toEqual([2027, 2028]);
    const m = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers: auth(p.adminKey), payload: { phone: `1376${kind === 'pglite' ? 1 : 2}000001`, name: '王五' } });
    const file = async (receivedAt: string) => {
      const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/rights-requests`, headers: auth(p.adminKey), payload: { member_id: m.json().id, kind: 'copy', channel: 'counter', received_at: receivedAt } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    // Tue 15 Dec 2026 + 15 working days: 16–18, 21–25, 28–31 Dec (12), Fri 1 Jan 2027 counted as a working day for now (13), 4, 5 Jan
    const late = await file('2026-12-15T10:00:00+08:00');
    expect(late).toMatchObject({ due_on: '2027-01-05', due_provisional: true });
    const early = await file('2026-11-02T10:00:00+08:00');
    expect(early).toMatchObject({ due_on: '2026-11-23', due_provisional: false });
    expect((await call('GET', '/check?date=2027-01-01')).json()).toMatchObject({ working: true, provisional: true });

    const loaded = await call('POST', '/years/2027', YEAR_2027);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().year).toMatchObject({ year: 2027, status: 'loaded', loaded_at: expect.any(String), days: YEAR_2027.days });
    // 1 Jan 2027 is a holiday in the file: the deadline moves a day; the November one is untouched
    expect(loaded.json().moved).toEqual([{ id: late.id, kind: 'copy', member_no: m.json().member_no, old_due_on: '2027-01-05', new_due_on: '2027-01-06', provisional: false }]);
    const again = (await t.app.inject({ method: 'GET', url: `/v1/programs/${p.programId}/rights-requests/${late.id}`, headers: auth(p.adminKey) })).json();
    expect(again).toMatchObject({ due_on: '2027-01-06', due_provisional: false });
    expect((await call('GET', '/check?date=2027-01-01')).json()).toMatchObject({ working: false, provisional: false });
    const after = (await call('GET', '')).json();
    expect(after.years.find((y: { year: number }) => y.year === 2027).status).toBe('loaded');
    expect(after.provisional_years).toEqual([2028]);
    // loading it again moves nothing more
    expect((await call('POST', '/years/2027', YEAR_2027)).json().moved).toEqual([]);
  });

  it('moves each provisional deadline once when two operators load a year at the same time', async () => {
    const q = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const post = (path: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/programs/${q.programId}${path}`, headers: auth(q.adminKey), payload });
    const m = await post('/members', { phone: `1376${kind === 'pglite' ? 1 : 2}000002`, name: '赵六' });
    const ids: string[] = [];
    // 15 working days from 14 and 21 Dec 2026 run into 2027, unknown
    for (const at of ['2026-12-14T10:00:00+08:00', '2026-12-21T10:00:00+08:00']) {
      const r = await post('/rights-requests', { member_id: m.json().id, kind: 'copy', channel: 'counter', received_at: at });
      expect(r.json().due_provisional, r.body).toBe(true);
      ids.push(r.json().id);
    }
    const [a, b] = await Promise.all([post('/calendar/years/2027', YEAR_2027), post('/calendar/years/2027', YEAR_2027)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const moved = [...a.json().moved, ...b.json().moved].map((x: { id: string }) => x.id).sort();
    expect(moved).toEqual([...ids].sort());
    for (const id of ids) {
      const r = (await t.app.inject({ method: 'GET', url: `/v1/programs/${q.programId}/rights-requests/${id}`, headers: auth(q.adminKey) })).json();
      expect(r.due_provisional).toBe(false);
    }
  });
});
