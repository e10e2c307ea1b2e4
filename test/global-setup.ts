import pg from 'pg';
import { migrate } from '../src/db/migrator.ts';
import { openDatabase } from '../src/db/database.ts';

/** With TEST_DATABASE_URL, make sure the database exists and is migrated once. */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await client.end();
  const handle = await openDatabase({ url, poolSize: 2 });
  await migrate(handle.db);
  await handle.close();
}
