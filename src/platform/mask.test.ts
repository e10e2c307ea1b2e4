import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskMobile, maskResidentId } from './mask.ts';

// What a caller without 'pii.read' sees of a member (issue 10): enough to recognise, never the value.
describe('masks', () => {
  it('masks a mobile to 138****1234 and a resident ID to its first 6 and last 4', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps the first letter and the domain of an e-mail', () => {
    expect(maskEmail('li.lei@example.com')).toBe('l***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });
  it('keeps an address to its district, else its city, else its first characters', () => {
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区***');
    expect(maskAddress('广东省深圳市南山区科技园南路1号')).toBe('广东省深圳市南山区***');
    expect(maskAddress('苏州市人民路88号')).toBe('苏州市***');
    expect(maskAddress('12 Baker Street, London')).toBe('12 Bak***');
    expect(maskAddress('某某路1号')).toBe('某某***');
  });
  it('never returns a short value whole', () => {
    expect(maskMobile('1381')).toBe('***');
    expect(maskResidentId('1101')).toBe('***');
  });
});

describe('masking a masked value', () => {
  it('leaves what a response already masked as it is (the audit log masks responses again)', () => {
    for (const [mask, v] of [[maskMobile, '13812341234'], [maskEmail, 'li.lei@example.com'], [maskResidentId, '11010519491231002X'], [maskAddress, '上海市浦东新区世纪大道100号']] as const) {
      expect(mask(mask(v))).toBe(mask(v));
    }
  });
});
