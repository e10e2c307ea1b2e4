import { randomBytes } from 'node:crypto';

// Crockford base32 ULIDs behind a type prefix (mem_01J…): sortable by time, and a log
// line says what an id is.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix = 'prg' | 'tier' | 'sto' | 'key' | 'mem' | 'pur' | 'ret' | 'rdm' | 'lot' | 'ent' | 'adj';

export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return `${prefix}_${time}${rand}`;
}

const ID_RE = /^[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}$/;
export function isId(value: string, prefix?: IdPrefix): boolean {
  return ID_RE.test(value) && (prefix === undefined || value.startsWith(prefix + '_'));
}
