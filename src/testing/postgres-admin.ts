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
