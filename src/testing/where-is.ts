import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Every text and JSON column of every table, searched for a value: `table.column` wherever it
 * still is, sorted (an erasure test's proof that a name or phone is gone from the whole database).
 */
export async function whereIs(db: Db, value: string): Promise<string[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables x USING (table_schema, table_name)
    WHERE c.table_schema = current_schema() AND x.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')`.execute(db);
  const found: string[] = [];
  for (const c of cols.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table_name)} WHERE ${sql.ref(c.column_name)}::text LIKE ${`%${value}%`}`.execute(db);
    if (r.rows[0]!.n) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found.sort();
}
