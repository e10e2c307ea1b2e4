import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgramSettings } from '../programs/index.ts';
import { earnPoints, lotTerms } from './points.ts';

const settings = (over: Partial<ProgramSettings> = {}): ProgramSettings => ({
  id: 'prg_test', timeZone: 'Asia/Shanghai', earnPoints: 1, earnPerFen: 100, pendingDays: 7,
  expiryPolicy: 'year_end_following', expiryMonths: null, expiryNoticeDays: 30,
  earnOn: 'paid', exclusions: { categories: [], skus: [] }, caps: {}, ...over,
});
const DAY = 86_400_000;

describe('earnPoints', () => {
  it('gives 1 point per full yuan at the default rate, rounding down', () => {
    const s = settings();
    expect(earnPoints(s, { amountFen: 0 })).toBe(0);
    expect(earnPoints(s, { amountFen: 99 })).toBe(0);
    expect(earnPoints(s, { amountFen: 100 })).toBe(1);
    expect(earnPoints(s, { amountFen: 199 })).toBe(1);
    expect(earnPoints(s, { amountFen: 12_345 })).toBe(123);
  });

  it('rounds down at uneven rates', () => {
    expect(earnPoints(settings({ earnPoints: 3, earnPerFen: 200 }), { amountFen: 333 })).toBe(4); // 4.995
    expect(earnPoints(settings({ earnPoints: 2, earnPerFen: 3 }), { amountFen: 1 })).toBe(0); // 0.67
    expect(earnPoints(settings({ earnPoints: 0, earnPerFen: 100 }), { amountFen: 1_000_000 })).toBe(0);
  });

  it('equals exact integer division for every amount and rate the API accepts', () => {
    // amount ≤ 10^12 fen, points ≤ 1000, per_fen ≤ 10^8 (the zod limits): float division
    // must never round a quotient just under an integer up to it (a point created).
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 100_000_000 }),
      (amountFen, points, perFen) => {
        const exact = Number((BigInt(amountFen) * BigInt(points)) / BigInt(perFen));
        expect(earnPoints(settings({ earnPoints: points, earnPerFen: perFen }), { amountFen })).toBe(exact);
      },
    ), { numRuns: 2000 });
  });

  it('is exact where the product nears the top of the range', () => {
    const s = settings({ earnPoints: 1000, earnPerFen: 99_999_989 });
    for (const amountFen of [1_000_000_000_000, 999_999_999_999, 999_999_990_000, 99_999_989 * 10_000 - 1]) {
      expect(earnPoints(s, { amountFen })).toBe(Number((BigInt(amountFen) * 1000n) / 99_999_989n));
    }
  });
});

describe('lotTerms', () => {
  it('year_end_following: earned 2 Mar 2025 in Shanghai expires at the end of 2026', () => {
    const t = lotTerms(settings(), new Date('2025-03-02T10:00:00+08:00'), new Date('2025-03-02T10:00:00+08:00'));
    expect(t.expiresOn).toBe('2026-12-31');
    expect(t.expiresAt?.toISOString()).toBe('2026-12-31T16:00:00.000Z'); // 2027-01-01 00:00 Shanghai
  });

  it('year_end_following counts the year from the local day, not the UTC one', () => {
    // 2025-12-31T16:30Z is already 1 Jan 2026 in Shanghai
    const t = lotTerms(settings(), new Date('2025-12-31T16:30:00Z'), new Date('2026-01-10T00:00:00Z'));
    expect(t.expiresOn).toBe('2027-12-31');
    expect(t.expiresAt?.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    const before = lotTerms(settings(), new Date('2025-12-31T15:59:59Z'), new Date('2026-01-10T00:00:00Z'));
    expect(before.expiresOn).toBe('2026-12-31');
  });

  it('rolling_months: valid through the day before the anniversary, ending at local midnight', () => {
    const s = settings({ expiryPolicy: 'rolling_months', expiryMonths: 12 });
    const t = lotTerms(s, new Date('2026-03-15T09:00:00+08:00'), new Date('2026-03-15T09:00:00+08:00'));
    expect(t.expiresOn).toBe('2027-03-14');
    expect(t.expiresAt?.toISOString()).toBe('2027-03-14T16:00:00.000Z');
    // the local day decides: 23:30 UTC on 15 Mar is 16 Mar in Shanghai
    expect(lotTerms(s, new Date('2026-03-15T23:30:00Z'), new Date('2026-03-20T00:00:00Z')).expiresOn).toBe('2027-03-15');
  });

  it('rolling_months clamps a month-end anniversary', () => {
    const s = settings({ expiryPolicy: 'rolling_months', expiryMonths: 1 });
    const t = lotTerms(s, new Date('2026-01-31T12:00:00+08:00'), new Date('2026-01-31T12:00:00+08:00'));
    expect(t.expiresOn).toBe('2026-02-27'); // anniversary clamps to 28 Feb
    expect(lotTerms({ ...s, expiryMonths: 13 }, new Date('2027-01-31T12:00:00+08:00'), new Date('2027-01-31T12:00:00+08:00')).expiresOn).toBe('2028-02-28');
  });

  it('rolling_months without months falls back to 12', () => {
    const t = lotTerms(settings({ expiryPolicy: 'rolling_months', expiryMonths: null }), new Date('2026-06-01T12:00:00+08:00'), new Date('2026-06-01T12:00:00+08:00'));
    expect(t.expiresOn).toBe('2027-05-31');
  });

  it('never: no expiry date or instant', () => {
    const t = lotTerms(settings({ expiryPolicy: 'never' }), new Date('2026-06-01T12:00:00+08:00'), new Date('2026-06-01T12:00:00+08:00'));
    expect(t.expiresOn).toBeNull();
    expect(t.expiresAt).toBeNull();
  });

  it('is pending until pending_days after the purchase, available from that instant', () => {
    const s = settings({ pendingDays: 7 });
    const earned = new Date('2026-05-01T10:00:00+08:00');
    const t = (now: Date) => lotTerms(s, earned, now);
    expect(t(earned).availableAt.toISOString()).toBe(new Date(earned.getTime() + 7 * DAY).toISOString());
    expect(t(earned).pending).toBe(true);
    expect(t(new Date(earned.getTime() + 7 * DAY - 1)).pending).toBe(true);
    expect(t(new Date(earned.getTime() + 7 * DAY)).pending).toBe(false);
    // a purchase recorded late (occurred 8 days before it reached us) is available at once
    expect(t(new Date(earned.getTime() + 8 * DAY)).pending).toBe(false);
  });

  it('has no pending period with pending_days 0 or the explicit override', () => {
    const earned = new Date('2026-05-01T10:00:00+08:00');
    expect(lotTerms(settings({ pendingDays: 0 }), earned, earned).pending).toBe(false);
    const t = lotTerms(settings({ pendingDays: 7 }), earned, earned, 0);
    expect(t.pending).toBe(false);
    expect(t.availableAt.getTime()).toBe(earned.getTime());
  });

  it('expires on the last valid local day and expires_at is the next local midnight, in any zone', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'America/Santiago'),
      fc.constantFrom<ProgramSettings['expiryPolicy']>('rolling_months', 'year_end_following'),
      fc.integer({ min: 1, max: 36 }),
      (earned, timeZone, expiryPolicy, expiryMonths) => {
        const t = lotTerms(settings({ timeZone, expiryPolicy, expiryMonths }), earned, earned);
        const local = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
        expect(local(new Date(t.expiresAt!.getTime() - 1))).toBe(t.expiresOn);
        expect(local(t.expiresAt!)).not.toBe(t.expiresOn);
        expect(t.expiresOn! >= local(earned)).toBe(true);
      },
    ), { numRuns: 300 });
  });
});
