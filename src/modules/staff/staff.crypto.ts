import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Passwords: scrypt (design brief: node:crypto, no native build) with a 16-byte salt per
// user, stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without
// breaking old hashes. N = 2^15 costs ~50 ms and 32 MiB per check: slow for a guesser,
// fine for a person signing in.
const N = 1 << 15, R = 8, P = 1, LEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, LEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches: checked against for an unknown username so both take as long. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(LEN).toString('base64url')}`;

/** A temporary password an administrator hands over: 12 characters from an unambiguous alphabet, with a digit. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}${2 + (bytes[0]! % 8)}`;
}

// TOTP, RFC 6238 over HOTP (RFC 4226): HMAC-SHA1, 30-second steps, 6 digits; a code from
// the step before or after is accepted too (a phone's clock drifts, a person types slowly).
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0, value = 0, out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = B32.indexOf(ch);
    if (i < 0) continue;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The HOTP value for a counter (RFC 4226 §5.3), `digits` long. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const TOTP_STEP_S = 30;

export function totp(key: Buffer, at: Date, digits = 6): string {
  return hotp(key, Math.floor(at.getTime() / 1000 / TOTP_STEP_S), digits);
}

/**
 * The time step whose TOTP code is `code` (the step of `at`, or the one just before or after,
 * for clock drift), or null. The caller accepts a step only once (`totp_last_step`).
 */
export function verifyTotp(key: Buffer, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = Math.floor(at.getTime() / 1000 / TOTP_STEP_S);
  const given = Buffer.from(code);
  const hit = [-1, 0, 1].find((d) => timingSafeEqual(Buffer.from(hotp(key, step + d)), given));
  return hit === undefined ? null : step + hit;
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The enrolment URI an authenticator app reads from a QR code (Key Uri Format). */
export function otpauthUri(secret: string, account: string, issuer = 'Patron'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${TOTP_STEP_S}`;
}
