import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, atLocal, isDate, isTimeZone, localDate, localDateTime, startOfDay, wallClock } from './time.ts';

describe('localDate', () => {
  it('gives the Shanghai calendar day, which turns at 16:00 UTC', () => {
    expect(localDate(new Date('2026-01-01T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDate(new Date('2026-01-01T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-01-02');
    expect(localDate(new Date('2025-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
  });

  it('follows New York across the spring-forward and fall-back changes', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST
    expect(localDate(new Date('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDate(new Date('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDate(new Date('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });
  it('agrees with Intl for any instant, asked once or many times within a second', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Dublin'];
    const intl = (d: Date, tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    fc.assert(fc.property(
      fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: 0, max: 999 }),
      (tz, ms, within) => {
        const first = new Date(Math.floor(ms / 1000) * 1000);
        const later = new Date(first.getTime() + within); // the same second: the remembered offset
        expect([localDate(first, tz), localDate(later, tz)]).toEqual([intl(first, tz), intl(later, tz)]);
      }), { numRuns: 2_000 });
  });
});

describe('startOfDay', () => {
  it('is local midnight in Shanghai (UTC+8, no DST)', () => {
    expect(startOfDay('2026-01-02', 'Asia/Shanghai').toISOString()).toBe('2026-01-01T16:00:00.000Z');
    expect(startOfDay('2027-01-01', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('uses the offset in force at that midnight around New York DST changes', () => {
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z'); // EST
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(startOfDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z'); // EDT
    expect(startOfDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z'); // EST
  });

  it('is the first instant of the day where midnight itself is skipped (Santiago, Havana)', () => {
    // Chile springs forward at 24:00 on 2026-09-05: the 6th begins at 01:00 -03 (04:00Z).
    expect(startOfDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // Cuba springs forward at 00:00 on 2026-03-08: the day begins at 01:00 CDT (05:00Z).
    expect(startOfDay('2026-03-08', 'America/Havana').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('starts exactly the given day in every zone, every day of 2026', () => {
    // What expiry relies on: expires_at = startOfDay(day after expires_on) must fall on
    // that day, and one millisecond earlier must still be the last valid day.
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    const wrong: string[] = [];
    for (const tz of zones) {
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const start = startOfDay(day, tz);
        if (localDate(start, tz) !== day || localDate(new Date(start.getTime() - 1), tz) !== addDays(day, -1)) wrong.push(`${tz} ${day} → ${start.toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
  });

  it('keeps the day when it exists and rolls the year', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-31', 12)).toBe('2027-05-31');
    expect(addMonths('2026-05-31', 0)).toBe('2026-05-31');
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries both ways', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });
});

describe('isDate', () => {
  it('accepts real calendar days only', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-12-31')).toBe(true);
  });

  it('rejects impossible days and other shapes', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026-01-1', '20260101', '2026-01-01T00:00:00Z', ' 2026-01-01', '']) {
      expect(isDate(bad), bad).toBe(false);
    }
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and rejects others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('wallClock', () => {
  const hhmm = (at: string, tz: string) => wallClock(new Date(at), tz).toISOString().slice(0, 16);
  it('reads the local time across a DST change, though offsets are remembered per quarter hour', () => {
    // New York springs forward at 02:00 EST = 07:00Z; Lord Howe (+10:30/+11) at 02:00 = 15:30Z
    expect([hhmm('2026-03-08T06:59:00Z', 'America/New_York'), hhmm('2026-03-08T07:00:00Z', 'America/New_York')]).toEqual(['2026-03-08T01:59', '2026-03-08T03:00']);
    expect([hhmm('2026-10-03T15:29:00Z', 'Australia/Lord_Howe'), hhmm('2026-10-03T15:30:00Z', 'Australia/Lord_Howe')]).toEqual(['2026-10-04T01:59', '2026-10-04T02:30']);
    expect(hhmm('2026-11-29T15:59:59Z', 'Asia/Shanghai')).toBe('2026-11-29T23:59');
    expect(hhmm('2026-11-29T16:00:00Z', 'Asia/Kathmandu')).toBe('2026-11-29T21:45');
  });
});

describe('atLocal', () => {
  it('is the wall-clock time in the zone, on either side of a DST change', () => {
    expect(atLocal('2026-05-06', '08:00', 'Asia/Shanghai').toISOString()).toBe('2026-05-06T00:00:00.000Z');
    // Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET
    expect(atLocal('2026-03-29', '01:59', 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(atLocal('2026-03-29', '08:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(atLocal('2026-10-25', '08:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(atLocal('2026-11-01', '09:30:15', 'America/New_York').toISOString()).toBe('2026-11-01T14:30:15.000Z');
  });
  it('moves a time the spring change skips past the gap, and takes the first of a time the autumn change repeats', () => {
    expect(atLocal('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
    expect(atLocal('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // the CEST one
  });
  it('reads back as the same local date and time wherever the time exists', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(fc.property(
      fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      (tz, ms) => {
        const instant = new Date(Math.floor(ms / 60_000) * 60_000);
        const [date, time] = localDateTime(instant, tz).split(' ') as [string, string];
        // a repeated hour's reading maps to its first instant, which reads the same
        expect(localDateTime(atLocal(date, time, tz), tz)).toBe(`${date} ${time}`);
      }), { numRuns: 2_000 });
  });
});
