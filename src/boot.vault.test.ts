import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, vaultFor, type Booted } from './boot.ts';
import { indexKeyOf, KeyConfigError, randomToken } from './platform/crypto.ts';

// Which keys the configuration gives the vault (docs/architecture.md, Keys).
describe('the vault from configuration', () => {
  let b: Booted;
  beforeAll(async () => { b = await boot({ databaseUrl: undefined, dataDir: '', secret: undefined, poolSize: 1 }, { memory: true }); });
  afterAll(async () => { await b.handle.close(); });

  it('records the keys in use at start, so the next start counts the sealed values only when a recorded key is no longer configured', async () => {
    const row = await b.handle.db.selectFrom('settings').select('value').where('key', '=', 'vault_keys_in_use').executeTakeFirst();
    expect(row?.value).toBe('v1');
  });

  it('without configuration, generates one secret (key v1) and keeps it', async () => {
    const first = await vaultFor(b.handle.db, { secret: undefined });
    const again = await vaultFor(b.handle.db, { secret: undefined });
    expect(first.keyIds).toEqual(['v1']);
    expect(again.decrypt(first.encrypt('13812345678'))).toBe('13812345678');
  });

  it('PATRON_KEYS puts its first key current and reads the generated (or PATRON_SECRET) key as v1, with the same blind index', async () => {
    const before = await vaultFor(b.handle.db, { secret: undefined });
    const sealed = before.encrypt('li.lei@example.com');
    const ring = await vaultFor(b.handle.db, { secret: undefined, keys: 'k2:a-new-secret-of-some-length' });
    expect([ring.currentKeyId, ring.keyIds]).toEqual(['k2', ['k2', 'v1']]);
    expect(ring.decrypt(sealed)).toBe('li.lei@example.com');
    expect(ring.encrypt('x')).toMatch(/^k2\./);
    expect(ring.blindIndex('13812345678')).toBe(before.blindIndex('13812345678'));
    const withSecret = await vaultFor(b.handle.db, { secret: 'an-operator-secret-0123', keys: 'k2:a-new-secret-of-some-length' });
    expect(withSecret.blindIndex('x')).toBe((await vaultFor(b.handle.db, { secret: 'an-operator-secret-0123' })).blindIndex('x'));
  });

  it('a pinned PATRON_INDEX_KEY keeps the index when the old secret goes; a bad configuration is said plainly', async () => {
    const old = await vaultFor(b.handle.db, { secret: 'an-operator-secret-0123' });
    const pinned = await vaultFor(b.handle.db, { keys: 'k2:a-new-secret-of-some-length', indexKey: indexKeyOf('an-operator-secret-0123'), secret: undefined });
    expect(pinned.blindIndex('13812345678')).toBe(old.blindIndex('13812345678'));
    await expect(vaultFor(b.handle.db, { secret: undefined, keys: 'k2:short' })).rejects.toThrow(KeyConfigError);
    await expect(vaultFor(b.handle.db, { secret: undefined, keys: 'k2:a-new-secret-of-some-length,k2:another-secret-of-length' })).rejects.toThrow('names key "k2" twice');
    await expect(vaultFor(b.handle.db, { secret: undefined, keys: 'k2:a-new-secret-of-some-length', indexKey: randomToken(8) })).rejects.toThrow('PATRON_INDEX_KEY must be 32 bytes');
  });
});
