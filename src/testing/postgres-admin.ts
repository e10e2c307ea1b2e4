import pg from 'pg';

/** The URL of another database on the same server as `url` (its `postgres` one by default). */
export function siblingUrl(url: string, name = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs statements (CREATE/DROP DATABASE, which need no database of their own) on the server of `url`. */
export async function adminQuery(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: siblingUrl(url) });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/**
 * Drops a database once the connections of a pool just closed have gone: a forced drop while
 * they are still saying goodbye is an error on a client nobody listens to any more.
 */
export async function dropDatabase(url: string, name: string) {
  for (let i = 0; i < 50; i++) {
    const open = await adminQuery(url, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (open.rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await adminQuery(url, `DROP DATABASE ${name} WITH (FORCE)`);
}
