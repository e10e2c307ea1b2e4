import { randomInt } from 'node:crypto';

// Coupon codes: 13 characters drawn uniformly (crypto.randomInt, never a counter) from 31
// characters with no look-alikes: digits 2–9 and the letters without I, L and O (0/O,
// 1/I/L are the pairs a cashier confuses). 31^13 ≈ 2^64.4, so a code carries 64 bits of
// randomness (Odoo's carry about 32, erxes' six characters about 31). Printed in groups
// XXXX-XXXX-XXXXX so it can be read aloud; typed in any case, with or without the dashes.

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 13;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);
const CODE_RE = /^[2-9A-HJKMNP-Z]{13}$/;

/** A fresh code, stored form (no dashes). */
export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The printed form: XXXX-XXXX-XXXXX. */
export const printCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/** What a cashier typed, in stored form: upper case, without spaces and dashes; null if it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return CODE_RE.test(s) ? s : null;
}
