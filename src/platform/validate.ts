// Identity checks from the duty to give accurate information (提供准确个人信息).

/** Normalises a mainland Chinese mobile number to 11 digits, or null if it is not one. */
export function normalizeMobile(input: string): string | null {
  let s = input.replace(/[\s-]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

// the masks live in mask.ts with the others; re-exported for the callers that import them here
export { maskMobile, maskResidentId } from './mask.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 resident ID: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check. */
export function normalizeResidentId(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11] === s[17] ? s : null;
}

/** Builds a valid resident ID from its first 17 digits (demo data and tests). */
export function residentIdWithCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + CHECK[sum % 11];
}
