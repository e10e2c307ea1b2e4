import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar.ts';

// The 2026 official calendar (国务院办公厅 2026 年部分节假日安排): National Day and
// Mid-Autumn 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct make-up working days (调休).
describe('working-day calendar', () => {
  it('knows 2026 holidays and make-up working days', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true); // a Thursday after the golden week
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday, made a working day
    expect(isWorkingDay('2026-09-20')).toBe(true); // a Sunday, made a working day
    expect(isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-11-30')).toBe(true); // an ordinary Monday
  });

  it('counts 15 working days across the golden week and its make-up Saturday', () => {
    // received Tuesday 29 Sep (Shanghai): 30 Sep (1), 1–7 Oct off, 8 (2), 9 (3), Sat 10 (4),
    // 12–16 (5–9), 19–23 (10–14), 26 Oct (15)
    expect(addWorkingDays(new Date('2026-09-29T02:00:00Z'), 15, 'Asia/Shanghai')).toBe('2026-10-26');
    // counted Monday–Friday only, it would end on 27 Oct: the make-up Saturday counts
    expect(addWorkingDays(new Date('2026-09-29T02:00:00Z'), 15, 'Asia/Shanghai', { holidays: ['2026-10-10'] })).toBe('2026-10-27');
    // an ordinary November: three weeks
    expect(addWorkingDays('2026-11-02', 15, 'Asia/Shanghai')).toBe('2026-11-23');
  });

  it('counts from the local day of receipt in the program zone', () => {
    // 23:30 in Shanghai on Friday 27 Nov is 15:30 UTC: still Friday there, so Monday is day 1
    expect(addWorkingDays(new Date('2026-11-27T15:30:00Z'), 1, 'Asia/Shanghai')).toBe('2026-11-30');
    // 16:30 UTC is already Saturday 28 Nov in Shanghai: Monday is still day 1
    expect(addWorkingDays(new Date('2026-11-27T16:30:00Z'), 1, 'Asia/Shanghai')).toBe('2026-11-30');
    // in Los Angeles the same instant is Friday morning: Monday too, but 2 working days is Tuesday
    expect(addWorkingDays(new Date('2026-11-27T16:30:00Z'), 2, 'America/Los_Angeles')).toBe('2026-12-01');
  });

  it('takes a program\'s own holidays and working days', () => {
    expect(isWorkingDay('2026-11-30', { holidays: ['2026-11-30'] })).toBe(false);
    expect(isWorkingDay('2026-11-29', { workdays: ['2026-11-29'] })).toBe(true);
    expect(addWorkingDays('2026-11-27', 1, 'Asia/Shanghai', { holidays: ['2026-11-30'] })).toBe('2026-12-01');
  });

  it('measures working days between two dates', () => {
    expect(workingDaysBetween('2026-09-29', '2026-10-26')).toBe(15);
    expect(workingDaysBetween('2026-10-26', '2026-09-29')).toBe(-15);
    expect(workingDaysBetween('2026-10-01', '2026-10-01')).toBe(0);
  });
});
