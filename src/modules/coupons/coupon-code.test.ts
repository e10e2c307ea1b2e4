import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_BITS, CODE_LENGTH, newCode, normaliseCode, printCode } from './coupon-code.ts';

describe('coupon codes', () => {
  it('carry at least 60 bits from an alphabet without look-alikes', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(60);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    for (const c of '01ILO') expect(CODE_ALPHABET).not.toContain(c);
  });

  it('are printed in groups and read back in any case, with or without dashes and spaces', () => {
    const code = newCode();
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    const printed = printCode(code);
    expect(printed).toMatch(/^.{4}-.{4}-.{5}$/);
    expect(normaliseCode(printed)).toBe(code);
    expect(normaliseCode(` ${printed.toLowerCase().replaceAll('-', ' ')} `)).toBe(code);
    expect(normaliseCode(code.slice(1))).toBeNull();
    expect(normaliseCode(`${code.slice(1)}O`)).toBeNull();
  });

  it('are drawn uniformly: every character about equally often in every position (not a counter)', () => {
    const n = 31_000;
    const counts = Array.from({ length: CODE_LENGTH }, () => new Map<string, number>());
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const code = newCode();
      seen.add(code);
      for (let j = 0; j < CODE_LENGTH; j++) counts[j]!.set(code[j]!, (counts[j]!.get(code[j]!) ?? 0) + 1);
    }
    expect(seen.size).toBe(n);
    const expected = n / CODE_ALPHABET.length;
    for (const pos of counts) {
      // chi-square with 30 degrees of freedom: 70 is far beyond its 99.99th percentile (≈ 64)
      const chi = [...CODE_ALPHABET].reduce((s, c) => s + ((pos.get(c) ?? 0) - expected) ** 2 / expected, 0);
      expect(chi).toBeLessThan(70);
    }
  });
});
