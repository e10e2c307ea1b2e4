import { afterEach, describe, expect, it } from 'vitest';
import official from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { officialCalendar, workCalendar, type OfficialYear, type WeekHours } from './calendar.ts';

// Expected dates worked out by hand from the State Council notices (国务院办公厅关于
// 2025年 / 2026年部分节假日安排的通知), then checked against chinese-days' data.
const cal = officialCalendar();
const data = official as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
const offIn = (from: string, to: string) => Object.keys(data.holidays).filter((d) => d >= from && d <= to).sort();
const makeupIn = (from: string, to: string) => Object.keys(data.workdays).filter((d) => d >= from && d <= to).sort();
const range = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

describe('the official calendar', () => {
  it('Spring Festival 2025: 28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb worked', () => {
    expect(offIn('2025-01-20', '2025-02-15')).toEqual(range('2025-01-28', 8));
    expect(makeupIn('2025-01-20', '2025-02-15')).toEqual(['2025-01-26', '2025-02-08']);
    expect(cal.addWorkingDays('2025-01-24', 1).date).toBe('2025-01-26'); // Friday → the make-up Sunday
    expect(cal.addWorkingDays('2025-01-24', 3).date).toBe('2025-02-05'); // 26, 27, then 5 Feb
    expect(cal.addWorkingDays('2025-01-27', 4).date).toBe('2025-02-08'); // 5, 6, 7, the make-up Saturday
    expect(cal.addWorkingDays('2025-01-27', 5)).toEqual({ date: '2025-02-10', provisional: false, years: [] });
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-10').days).toBe(7);
  });

  it('National Day 2025: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked', () => {
    expect(offIn('2025-09-20', '2025-10-15')).toEqual(range('2025-10-01', 8));
    expect(makeupIn('2025-09-20', '2025-10-15')).toEqual(['2025-09-28', '2025-10-11']);
    expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-09-30', 4).date).toBe('2025-10-13');
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-13').days).toBe(7); // 28, 29, 30, 9, 10, 11, 13
  });

  it('Spring Festival 2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked', () => {
    expect(offIn('2026-02-10', '2026-03-05')).toEqual(range('2026-02-15', 9));
    expect(makeupIn('2026-02-10', '2026-03-05')).toEqual(['2026-02-14', '2026-02-28']);
    expect(cal.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2).date).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-24', 4).date).toBe('2026-02-28');
    expect(cal.addWorkingDays('2026-02-24', 5).date).toBe('2026-03-02');
  });

  it('National Day 2026: 1–7 Oct off (Mid-Autumn 25–27 Sep), Sun 20 Sep and Sat 10 Oct worked', () => {
    expect(offIn('2026-09-15', '2026-10-15')).toEqual([...range('2026-09-25', 3), ...range('2026-10-01', 7)]);
    expect(makeupIn('2026-09-15', '2026-10-15')).toEqual(['2026-09-20', '2026-10-10']);
    expect(cal.addWorkingDays('2026-09-18', 1).date).toBe('2026-09-20');
    expect(cal.addWorkingDays('2026-09-24', 1).date).toBe('2026-09-28');
    // 30 Sep (1), 8, 9, Sat 10 (4), 12–16, 19–23, 26 Oct (15)
    expect(cal.addWorkingDays(new Date('2026-09-29T02:00:00Z'), 15).date).toBe('2026-10-26');
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-26').days).toBe(15);
    expect(cal.workingDaysBetween('2026-10-26', '2026-09-29').days).toBe(-15);
  });
});

describe('a program calendar', () => {
  const hours: WeekHours = {
    mon: { open: '09:00', close: '18:00' }, tue: { open: '09:00', close: '18:00' }, wed: { open: '09:00', close: '18:00' },
    thu: { open: '09:00', close: '18:00' }, fri: { open: '09:00', close: '18:00' }, sat: { open: '10:00', close: '16:00' }, sun: null,
  };
  const tz = 'Asia/Shanghai';

  it('takes its own closed and open dates', () => {
    const c = workCalendar({ timeZone: tz, hours, overrides: [
      { date: '2026-11-30', closed: true, hours: null, note: '店庆' },
      { date: '2026-11-29', closed: false, hours: { open: '12:00', close: '14:00' }, note: null },
    ] });
    expect(c.isWorkingDay('2026-11-30')).toBe(false);
    expect(c.isWorkingDay('2026-11-29')).toBe(true);
    expect(c.addWorkingDays('2026-11-27', 2).date).toBe('2026-12-01'); // Sun 29 (1), Mon 30 closed, Tue 1 Dec (2)
    expect(c.hoursOn('2026-11-29')).toEqual({ open: '12:00', close: '14:00' });
  });

  it('adds opening hours across a weekend and a holiday', () => {
    const c = workCalendar({ timeZone: tz, hours });
    // Fri 27 Nov 17:00 + 8 h: Fri 1 h, Sat 6 h, Sunday closed, Monday 09:00 + 1 h
    expect(c.addWorkingHours(new Date('2026-11-27T09:00:00Z'), 8)).toEqual({ at: new Date('2026-11-30T02:00:00Z'), provisional: false, years: [] });
    // Wed 30 Sep 17:00 + 2 h: 1 h, the golden week (its Saturday too) closed, Thu 8 Oct 10:00
    expect(c.addWorkingHours(new Date('2026-09-30T09:00:00Z'), 2).at).toEqual(new Date('2026-10-08T02:00:00Z'));
    // the make-up Sunday 20 Sep 2026 opens with Monday's hours: Sat 19 Sep 15:00 + 2 h → Sun 10:00
    expect(c.addWorkingHours(new Date('2026-09-19T07:00:00Z'), 2).at).toEqual(new Date('2026-09-20T02:00:00Z'));
  });

  it('counts opening hours by the wall clock across a daylight-saving change', () => {
    // Los Angeles moves to summer time on Sunday 8 March 2026: Friday 17:00 PST + 2 h → Monday 10:00 PDT
    const la = workCalendar({ timeZone: 'America/Los_Angeles', hours: { ...hours, sat: null } });
    expect(la.addWorkingHours(new Date('2026-03-07T01:00:00Z'), 2).at).toEqual(new Date('2026-03-09T17:00:00Z'));
    // open on the changeover Sunday from 03:00 (already PDT, 10:00 UTC): an hour later is 04:00 PDT
    const sunday = workCalendar({ timeZone: 'America/Los_Angeles', hours, overrides: [{ date: '2026-03-08', closed: false, hours: { open: '03:00', close: '18:00' }, note: null }] });
    expect(sunday.addWorkingHours(new Date('2026-03-08T08:00:00Z'), 1).at).toEqual(new Date('2026-03-08T11:00:00Z'));
  });

  describe('when the server is not in Shanghai', () => {
    const saved = process.env.TZ;
    afterEach(() => { process.env.TZ = saved; });
    it('counts the program\'s local day, near midnight UTC', () => {
      process.env.TZ = 'America/Los_Angeles';
      // 16:30 UTC on Sat 25 Jan 2025 is already Sunday 26 Jan (a make-up working day) in Shanghai
      const at = new Date('2025-01-25T16:30:00Z');
      expect(cal.addWorkingDays(at, 1).date).toBe('2025-01-27');
      expect(officialCalendar('America/Los_Angeles').addWorkingDays(at, 1).date).toBe('2025-01-26');
      expect(cal.isWorkingDay('2025-01-26')).toBe(true);
      expect(workCalendar({ timeZone: tz, hours }).addWorkingHours(at, 1).at).toEqual(new Date('2025-01-26T02:00:00Z'));
    });
  });

  it('marks a year without official data provisional, until the year is loaded', () => {
    expect(cal.yearStatus(2026)).toBe('official');
    expect(cal.yearStatus(2027)).toBe('unknown');
    // counted Monday–Friday for now: Fri 1 Jan 2027 counts, and the answer says so
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true, years: [2027] });
    expect(cal.addWorkingDays('2026-12-28', 2)).toEqual({ date: '2026-12-30', provisional: false, years: [] });
    // an operator's file (illustrative dates: the 2027 notice is not out)
    const y2027: OfficialYear = { year: 2027, days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-06', isOffDay: true }, { name: '春节', date: '2027-02-08', isOffDay: true },
      { name: '春节', date: '2027-02-20', isOffDay: false },
    ] };
    const loaded = workCalendar({ timeZone: tz, loaded: [y2027] });
    expect(loaded.yearStatus(2027)).toBe('loaded');
    expect(loaded.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false, years: [] });
    expect(loaded.isWorkingDay('2027-02-08')).toBe(false);
    expect(loaded.isWorkingDay('2027-02-20')).toBe(true);
    expect(loaded.addWorkingDays('2027-12-31', 1).provisional).toBe(true); // 2028 is still unknown
    // a loaded year never replaces an official one
    expect(workCalendar({ timeZone: tz, loaded: [{ year: 2026, days: [{ name: 'x', date: '2026-11-30', isOffDay: true }] }] }).isWorkingDay('2026-11-30')).toBe(true);
  });
});
