import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Db, type DbHandle } from './db/database.ts';
import { migrate } from './db/migrator.ts';
import { createVault, randomToken } from './platform/crypto.ts';
import { createServices, type Services } from './services.ts';

/**
 * The vault secret: PATRON_SECRET when set (production); otherwise one generated once and
 * kept in the settings table, so an embedded install works with no set-up at all.
 */
async function vaultSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.insertInto('settings').values({ key: 'vault_secret', value: randomToken(32) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'vault_secret').executeTakeFirstOrThrow();
  return row.value;
}

export interface Booted {
  handle: DbHandle;
  services: Services;
  migration: string | null;
}

/** Opens the database (PostgreSQL by URL, else PGlite in dataDir), migrates, builds services. */
export async function boot(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secret' | 'poolSize'>, opts: { memory?: boolean } = {}): Promise<Booted> {
  if (!config.databaseUrl && !opts.memory) mkdirSync(config.dataDir, { recursive: true });
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: opts.memory ? undefined : join(config.dataDir, 'pglite'), poolSize: config.poolSize });
  const { latest } = await migrate(handle.db);
  const vault = createVault(await vaultSecret(handle.db, config.secret));
  const services = createServices(handle.db, handle.kind, vault);
  return { handle, services, migration: latest };
}
