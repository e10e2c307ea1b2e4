import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Db, type DbHandle } from './db/database.ts';
import { migrate } from './db/migrator.ts';
import { createKeyring, createVault, indexKeyOf, KeyConfigError, LEGACY_KEY_ID, parseKeys, randomToken, type Vault } from './platform/crypto.ts';
import { createServices, type Services } from './services.ts';

/**
 * The vault secret: PATRON_SECRET when set (production); otherwise one generated once and
 * kept in the settings table, so an embedded install works with no set-up at all.
 */
async function vaultSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  // a generated secret is for an embedded install tried out as it is; production names its keys
  await db.insertInto('settings').values({ key: 'vault_secret', value: randomToken(32) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'vault_secret').executeTakeFirstOrThrow();
  return row.value;
}

/** The secret an embedded install generated, if it did (read only: never made here). */
async function generatedSecret(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', 'vault_secret').executeTakeFirst())?.value;
}

/**
 * The vault from configuration: PATRON_KEYS (current key first), with the single secret of
 * before as key `v1` beside them (PATRON_SECRET, or the one an embedded install generated):
 * the upgrade path, add a new key and keep the old one until the rotation is done;
 * PATRON_SECRET alone; or, with neither, the generated secret.
 */
export async function vaultFor(db: Db, config: Pick<Config, 'secret' | 'keys' | 'indexKey'>): Promise<Vault> {
  if (!config.keys) {
    const secret = await vaultSecret(db, config.secret);
    return config.indexKey ? createKeyring([{ id: LEGACY_KEY_ID, secret }], config.indexKey) : createVault(secret);
  }
  const keys = parseKeys(config.keys);
  const single = config.secret ?? await generatedSecret(db);
  if (single && !keys.some((k) => k.id === LEGACY_KEY_ID)) keys.push({ id: LEGACY_KEY_ID, secret: single });
  // the index key outlives the keys: without a single secret to derive it from, it must be named
  const indexKey = config.indexKey ?? (single ? indexKeyOf(single) : undefined);
  if (!indexKey) throw new KeyConfigError('PATRON_KEYS needs PATRON_INDEX_KEY, the blind-index key (32 bytes base64url; `patron keys index-key` prints the one your PATRON_SECRET derives)');
  return createKeyring(keys, indexKey);
}

/** The blind-index key in use (base64url): PATRON_INDEX_KEY, or the one the single secret derives. */
export async function indexKeyFor(db: Db, config: Pick<Config, 'secret' | 'indexKey'>): Promise<string> {
  return config.indexKey ?? indexKeyOf(await vaultSecret(db, config.secret));
}

// The key ids every sealed value was last found under, with the current key (values are only
// ever written under it). Counting the keys in use scans whole tables (members, memberships,
// messages): too much for every start. The count runs when the configuration no longer covers
// the ids recorded at the last start (a key was dropped); once it passes, the configured ids
// are recorded. The current key joins the record at every start, so dropping a key that has
// sealed values since is caught too.
const KEYS_IN_USE = 'vault_keys_in_use';

async function recordedKeys(db: Db): Promise<string[] | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEYS_IN_USE).executeTakeFirst();
  return row ? row.value.split(',').filter(Boolean) : null;
}

async function recordKeys(db: Db, ids: readonly string[]): Promise<void> {
  const value = ids.join(',');
  await db.insertInto('settings').values({ key: KEYS_IN_USE, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

export interface Booted {
  handle: DbHandle;
  services: Services;
  migration: string | null;
}

/** Opens the database (PostgreSQL by URL, else PGlite in dataDir), migrates, builds services. */
export async function boot(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secret' | 'keys' | 'indexKey' | 'poolSize'>, opts: { memory?: boolean } = {}): Promise<Booted> {
  if (!config.databaseUrl && !opts.memory) mkdirSync(config.dataDir, { recursive: true });
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: opts.memory ? undefined : join(config.dataDir, 'pglite'), poolSize: config.poolSize });
  const { latest } = await migrate(handle.db);
  const services = createServices(handle.db, handle.kind, await vaultFor(handle.db, config).catch(async (err: unknown) => {
    await handle.close();
    throw err;
  }));
  // a stored value under a key the configuration lacks is an error now, not a 500 at its first read
  const { vault } = services.ctx;
  const recorded = await recordedKeys(handle.db);
  const covered = recorded !== null && recorded.every((k) => vault.keyIds.includes(k));
  const missing = covered ? null : await services.flows.missingKeys();
  if (missing) {
    await handle.close();
    throw new KeyConfigError(missing);
  }
  const inUse = covered ? [...new Set([...recorded, vault.currentKeyId])] : vault.keyIds;
  if (!covered || inUse.length !== recorded.length) await recordKeys(handle.db, inUse);
  // e-mail addresses written in clear before migration 019 are sealed now (once; none after)
  await services.members.sealClearEmails();
  return { handle, services, migration: latest };
}
