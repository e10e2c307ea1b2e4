import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

// Sensitive personal fields are encrypted at rest (AES-256-GCM) and found through an
// HMAC blind index, so the database alone reveals no phone or ID number (PIPL).
export interface Vault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(value: string): string;
}

export function createVault(secret: string): Vault {
  const root = createHash('sha256').update(secret).digest();
  const encKey = createHmac('sha256', root).update('patron:enc').digest();
  const idxKey = createHmac('sha256', root).update('patron:idx').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', idxKey).update(value).digest('base64url');
    },
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
