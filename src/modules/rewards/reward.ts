import type { LimitPeriod } from './reward.table.ts';

/** The image type its first bytes say (PNG, JPEG, WebP signatures), or null. */
export function sniffImage(b: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** The counter key of a local date for a period: the day, the month or the year. */
export const periodKey = (localDate: string, period: LimitPeriod) =>
  period === 'day' ? localDate : period === 'month' ? localDate.slice(0, 7) : localDate.slice(0, 4);
