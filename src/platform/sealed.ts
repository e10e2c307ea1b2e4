import { sql } from 'kysely';
import type { Ctx } from './context.ts';
import { keyIdOf } from './crypto.ts';
import { inTransaction } from './transaction.ts';

// What a module holding sealed values (platform/crypto.ts) gives the key rotation
// (workflows/rotate-keys.ts): how many values each key seals, and a re-seal of the next
// rows that hold a value not under the current key. The module names its own table and
// columns in its SealedSpec; this is the SQL they share.

/** (program_id, id): where a rotation walking a table by primary key has got to. */
export type Cursor = readonly [string, string];

export interface SealedSpec {
  /** the table, owned by the module that passes it */
  table: string;
  /** its columns holding sealed values (null allowed) */
  sealed: readonly string[];
  /** a column holding a value in clear from before it was sealed: sealed into `into` (and its blind index), then cleared */
  clear?: { column: string; into: string; index: string; normalise: (v: string) => string };
}

export interface SealedStore {
  /** e.g. "members", "memberships": what a report names */
  name: string;
  /** How many stored values each key id seals ('clear': not sealed yet). */
  keyCounts(): Promise<Record<string, number>>;
  /** Re-seals under the current key up to `limit` rows after `after` that need it, in one transaction; the rows and the last row's key. */
  reseal(after: Cursor | null, limit: number): Promise<{ rows: number; last: Cursor | null }>;
}

/** The count of values per key id, one scan of the table. */
export async function countKeys(ctx: Ctx, spec: SealedSpec): Promise<Record<string, number>> {
  const values = sql.join(spec.sealed.map((c) => sql`(${sql.ref(c)})`));
  const clear = spec.clear ? sql`UNION ALL SELECT 'clear' FROM ${sql.table(spec.table)} WHERE ${sql.ref(spec.clear.column)} IS NOT NULL` : sql``;
  const r = await sql<{ k: string; n: number }>`
    SELECT k, count(*)::int AS n FROM (
      SELECT split_part(v.c, '.', 1) AS k FROM ${sql.table(spec.table)} CROSS JOIN LATERAL (VALUES ${values}) AS v(c) WHERE v.c IS NOT NULL
      ${clear}
    ) s GROUP BY k ORDER BY k`.execute(ctx.db);
  return Object.fromEntries(r.rows.map((x) => [x.k, x.n]));
}

/**
 * Re-seals the next `limit` rows (primary-key order, after `after`) holding a value not
 * under the current key or a clear one, locked (FOR UPDATE) so a concurrent profile
 * change waits for the batch and is not overwritten; one UPDATE for the batch. The rows
 * it leaves are exactly the ones still to do, so an interrupted rotation resumes by
 * running again.
 */
export async function resealBatch(ctx: Ctx, spec: SealedSpec, after: Cursor | null, limit: number): Promise<{ rows: number; last: Cursor | null }> {
  const prefix = `${ctx.vault.currentKeyId}.`;
  const stale = [
    ...spec.sealed.map((c) => sql`(${sql.ref(c)} IS NOT NULL AND NOT starts_with(${sql.ref(c)}, ${prefix}))`),
    ...(spec.clear ? [sql`${sql.ref(spec.clear.column)} IS NOT NULL`] : []),
  ];
  const columns = [...spec.sealed, ...(spec.clear ? [spec.clear.column] : [])];
  return inTransaction(ctx.db, async (trx) => {
    const rows = (await sql<Record<string, string | null>>`
      SELECT program_id, id, ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(spec.table)}
      WHERE ${after ? sql`(program_id, id) > (${after[0]}, ${after[1]}) AND` : sql``} (${sql.join(stale, sql` OR `)})
      ORDER BY program_id, id LIMIT ${limit} FOR UPDATE`.execute(trx)).rows;
    if (!rows.length) return { rows: 0, last: null };
    const { vault } = ctx;
    const out = rows.map((r) => {
      const next: Record<string, string | null> = { program_id: r.program_id!, id: r.id! };
      for (const c of spec.sealed) {
        const v = r[c];
        next[c] = v && keyIdOf(v) !== vault.currentKeyId ? vault.encrypt(vault.decrypt(v)) : v ?? null;
      }
      const clear = spec.clear && r[spec.clear.column];
      if (spec.clear && clear) {
        next[spec.clear.into] = vault.encrypt(clear);
        next[spec.clear.index] = vault.blindIndex(spec.clear.normalise(clear));
      }
      return next;
    });
    const set = [...new Set([...spec.sealed, ...(spec.clear ? [spec.clear.into, spec.clear.index] : [])])];
    const defs = sql.raw(['program_id', 'id', ...set].map((c) => `"${c}" text`).join(', '));
    // a clear value is cleared only on the rows that had one: the others keep their own
    const clearing = spec.clear ? sql`, ${sql.ref(spec.clear.column)} = NULL` : sql``;
    const assign = set.map((c) => (spec.clear && (c === spec.clear.into || c === spec.clear.index)
      ? sql`${sql.ref(c)} = coalesce(v.${sql.ref(c)}, t.${sql.ref(c)})`
      : sql`${sql.ref(c)} = v.${sql.ref(c)}`));
    await sql`
      UPDATE ${sql.table(spec.table)} AS t SET ${sql.join(assign)} ${clearing}
      FROM jsonb_to_recordset(${JSON.stringify(out)}::jsonb) AS v(${defs})
      WHERE t.program_id = v.program_id AND t.id = v.id`.execute(trx);
    const lastRow = rows.at(-1)!;
    return { rows: rows.length, last: [lastRow.program_id!, lastRow.id!] as const };
  });
}
