import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

// Sensitive personal fields are encrypted at rest (AES-256-GCM) and found through an
// HMAC blind index, so the database alone reveals no phone, e-mail, ID number or address
// (PIPL; seed 002 §6 信息保密).
//
// A sealed value is `<key id>.<base64url(iv | tag | ciphertext)>`: it names the key that
// sealed it, so a keyring of several keys can read values sealed before a rotation while
// new values are sealed under the current (first) key. `v1` is the id of the single key of
// earlier versions (PATRON_SECRET, or the secret generated into settings).
//
// The blind index has its own key, which does NOT change when the encryption keys rotate:
// an index must be the same for the same value at every moment, or a lookup during a
// rotation would have to try every key and the unique (program, phone index) constraint,
// which keeps two concurrent enrolments of one phone apart, would no longer hold. The index
// key only computes HMACs; it decrypts nothing.
export interface Vault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(value: string): string;
  /** The key new values are sealed under. */
  readonly currentKeyId: string;
  /** Every key the vault can read with, current first. */
  readonly keyIds: readonly string[];
}

export const LEGACY_KEY_ID = 'v1';

/** A configuration of keys that cannot work: said at start, by the CLI as `error: …` (not a stack). */
export class KeyConfigError extends Error {}
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface KeySpec {
  id: string;
  secret: string;
}

/** The key id a sealed value names (the text before the first dot). */
export function keyIdOf(sealed: string): string {
  const dot = sealed.indexOf('.');
  return dot > 0 ? sealed.slice(0, dot) : '';
}

const root = (secret: string) => createHash('sha256').update(secret).digest();
const encKeyOf = (secret: string) => createHmac('sha256', root(secret)).update('patron:enc').digest();

/** The blind-index key a secret derives (what a single-secret install has used): base64url, for PATRON_INDEX_KEY. */
export function indexKeyOf(secret: string): string {
  return createHmac('sha256', root(secret)).update('patron:idx').digest('base64url');
}

/** Parses PATRON_KEYS, "k2:<secret>,k1:<old secret>" (current first); a bad entry is a thrown Error naming it. */
export function parseKeys(spec: string): KeySpec[] {
  const keys = spec.split(',').map((s) => s.trim()).filter(Boolean).map((entry, n) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const secret = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID.test(id)) throw new KeyConfigError(`PATRON_KEYS: entry ${n + 1} must be <key id>:<secret>, the id of letters, digits, _ or - (the secret is not repeated here)`);
    if (secret.length < 16) throw new KeyConfigError(`PATRON_KEYS: the secret of key "${id}" is shorter than 16 characters`);
    return { id, secret };
  });
  if (!keys.length) throw new KeyConfigError('PATRON_KEYS names no key');
  const ids = keys.map((k) => k.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new KeyConfigError(`PATRON_KEYS names key "${twice}" twice`);
  return keys;
}

/** A keyring: encrypts under keys[0], decrypts under the key a value names, indexes under indexKey (base64url, 32 bytes). */
export function createKeyring(keys: KeySpec[], indexKey: string): Vault {
  if (!keys.length) throw new Error('a keyring needs a key');
  const idx = Buffer.from(indexKey, 'base64url');
  if (idx.length !== 32) throw new KeyConfigError('PATRON_INDEX_KEY must be 32 bytes in base64url (43 characters)');
  const enc = new Map(keys.map((k) => [k.id, encKeyOf(k.secret)]));
  const current = keys[0]!;
  const currentKey = enc.get(current.id)!;
  return {
    currentKeyId: current.id,
    keyIds: keys.map((k) => k.id),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${current.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed) {
      const id = keyIdOf(sealed);
      const key = enc.get(id);
      // boot refuses to start while a stored value names a key it lacks (checkKeys), so this is a bug
      if (!key) throw new Error(`vault: no key "${id}" to decrypt with (keys: ${[...enc.keys()].join(', ')})`);
      const raw = Buffer.from(sealed.slice(id.length + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', idx).update(value).digest('base64url');
    },
  };
}

/** The single-secret vault of earlier versions: key `v1`, and the index key the secret derives. */
export function createVault(secret: string): Vault {
  return createKeyring([{ id: LEGACY_KEY_ID, secret }], indexKeyOf(secret));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
