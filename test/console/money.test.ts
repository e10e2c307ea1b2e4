import { describe, expect, it } from 'vitest';
import { formatFen, yuanToFen } from '../../console/src/lib/money.ts';

describe('yuanToFen', () => {
  it('reads yuan strings as exact integer fen', () => {
    expect(yuanToFen('12.30')).toBe(1230);
    expect(yuanToFen('88')).toBe(8800);
    expect(yuanToFen('88.')).toBe(8800);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('1.1')).toBe(110);
    expect(yuanToFen(' 1,234.56 ')).toBe(123456);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('.5')).toBe(50);
    expect(yuanToFen('１２．３０')).toBe(1230);
  });

  it('rejects what is not an amount with at most two decimals', () => {
    for (const bad of ['', '.', '-1', '1.234', '1e3', 'abc', '1.2.3', '99999999999999999']) {
      expect(yuanToFen(bad), bad).toBeNull();
    }
  });

  it('agrees with formatFen both ways for every cent up to 10 yuan', () => {
    for (let fen = 0; fen <= 1000; fen++) expect(yuanToFen(formatFen(fen))).toBe(fen);
  });
});
