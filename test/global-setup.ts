import { migrate } from '../src/db/migrator.ts';
import { openDatabase } from '../src/db/database.ts';
import { adminQuery } from '../src/testing/postgres-admin.ts';

/** With TEST_DATABASE_URL, make sure the database exists and is migrated once. */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  const exists = await adminQuery(url, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await adminQuery(url, `CREATE DATABASE "${name.replace(/"/g, '')}"`);
  const handle = await openDatabase({ url, poolSize: 2 });
  await migrate(handle.db);
  await handle.close();
}
