import { randomInt } from 'node:crypto';

/**
 * Referral codes: 9 characters from 30 that cannot be mistaken for one another when read
 * aloud or copied from a receipt (no 0/O, 1/I/L, U/V pairs: I, L, O, U and 0, 1 are left
 * out), so 9 × log2(30) ≈ 44 bits of randomness (≥ 40 asked), drawn with the CSPRNG, never
 * from a counter or the member's id (erxes' six characters can be walked).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 9;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

export function newReferralCode(): string {
  let code = '';
  // randomInt draws without modulo bias
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const SHAPE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A code as typed (any case, spaces or dashes between groups) → its stored form, or null. */
export function normalizeReferralCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, '');
  return SHAPE.test(c) ? c : null;
}

/** How a code is printed and read aloud: three groups of three (K7M-Q2X-9RT). */
export const groupedCode = (code: string) => code.replace(/(.{3})(?=.)/g, '$1-');
