import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskMobile, maskResidentId, normalizeMobile, normalizeResidentId, residentIdWithCheck } from './validate.ts';

describe('normalizeMobile', () => {
  it('reduces the ways people write a mainland mobile to 11 digits', () => {
    for (const written of [
      '13812345678', '+8613812345678', '+86 138 1234 5678', '+86-138-1234-5678', '008613812345678', '0086 138 1234 5678',
      '8613812345678', '138 1234 5678', '138-1234-5678', ' 13812345678 ', '\t138\u00a012345678',
    ]) {
      expect(normalizeMobile(written), JSON.stringify(written)).toBe('13812345678');
    }
  });

  it('accepts every 1[3-9] prefix and nothing else', () => {
    for (const d of '3456789') expect(normalizeMobile(`1${d}012345678`)).toBe(`1${d}012345678`);
    for (const d of '012') expect(normalizeMobile(`1${d}012345678`)).toBeNull();
    expect(normalizeMobile('23812345678')).toBeNull();
  });

  it('rejects wrong lengths, letters, landlines and other countries', () => {
    for (const bad of ['', '1381234567', '138123456789', '+86 1381234567', '1381234567a', '010-12345678', '+1 202 555 0123', '+85291234567', '86138123456', '+86+8613812345678', '00861381234567']) {
      expect(normalizeMobile(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('never returns anything but 11 digits starting 1[3-9]', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
      const n = normalizeMobile(s);
      return n === null || /^1[3-9]\d{9}$/.test(n);
    }));
  });
});

describe('maskMobile', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});

describe('normalizeResidentId', () => {
  it('accepts the GB 11643 examples, including the X check character', () => {
    expect(normalizeResidentId('11010519491231002X')).toBe('11010519491231002X');
    expect(normalizeResidentId('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeResidentId(' 11010519491231002X ')).toBe('11010519491231002X');
    expect(normalizeResidentId('440524188001010014')).toBeNull(); // born 1880: before 1900
    expect(normalizeResidentId('110105194912310021')).toBeNull(); // same number, wrong check digit
  });

  it('checks the ISO 7064 MOD 11-2 digit: every other final character is refused', () => {
    const first17 = '32010619900307123';
    const valid = residentIdWithCheck(first17);
    expect(normalizeResidentId(valid)).toBe(valid);
    for (const c of '0123456789X') {
      const id = first17 + c;
      expect(normalizeResidentId(id), id).toBe(id === valid ? valid : null);
    }
  });

  it('finds an ID whose check character is X and accepts it', () => {
    const first17 = Array.from({ length: 1000 }, (_, n) => `32010619900307${String(n).padStart(3, '0')}`)
      .find((f) => residentIdWithCheck(f).endsWith('X'))!;
    expect(normalizeResidentId(`${first17}X`)).toBe(`${first17}X`);
    expect(normalizeResidentId(`${first17}0`)).toBeNull();
  });

  it('refuses impossible or future birth dates even with a correct check digit', () => {
    expect(normalizeResidentId(residentIdWithCheck('32010619900230123'))).toBeNull(); // 30 Feb
    expect(normalizeResidentId(residentIdWithCheck('32010619901301123'))).toBeNull(); // month 13
    expect(normalizeResidentId(residentIdWithCheck('32010618991231123'))).toBeNull(); // 1899
    expect(normalizeResidentId(residentIdWithCheck('32010620990101123'))).toBeNull(); // future
    expect(normalizeResidentId(residentIdWithCheck('32010620000229123'))).not.toBeNull(); // leap day 2000
  });

  it('refuses other shapes: 15-digit old IDs, letters, X in the middle', () => {
    for (const bad of ['110105491231002', '1101051949123100', '1101051949123100211', '1101051949123X002X', 'A1010519491231002X', '']) {
      expect(normalizeResidentId(bad), bad).toBeNull();
    }
  });

  it('accepts every ID built by residentIdWithCheck from a valid birth date, and one changed digit breaks it', () => {
    fc.assert(fc.property(
      fc.stringMatching(/^\d{6}$/), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/),
      fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }),
      (area, birth, seq, pos, bump) => {
        const first17 = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
        const id = residentIdWithCheck(first17);
        expect(normalizeResidentId(id)).toBe(id);
        const digits = first17.split('');
        digits[pos] = String((Number(digits[pos]) + bump) % 10);
        // one changed digit always changes the MOD 11-2 check (weights are non-zero mod 11)
        expect(normalizeResidentId(digits.join('') + id[17])).toBeNull();
      },
    ));
  });
});

describe('maskResidentId', () => {
  it('shows the region prefix and the last four characters only', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('11010519491231002X')).toHaveLength(18);
  });
});
