import { sql } from 'kysely';
import type { Ctx } from './context.ts';
import { assertNoTransaction } from './transaction.ts';

/**
 * Runs fn under a session-level advisory lock `id` held on one pinned connection (fn itself
 * queries through the pool), or answers null when another process holds it: so two runs of
 * a long job (a key rotation) do not overlap. The same scheme as the jobs module's locks
 * (7_001…); embedded PGlite is one process with one connection, nothing to exclude.
 */
export async function exclusive<T>(ctx: Ctx, id: number, fn: () => Promise<T>): Promise<T | null> {
  assertNoTransaction(ctx.db);
  if (ctx.kind === 'pglite') return fn();
  return ctx.root.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${id}) AS ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${id})`.execute(conn);
    }
  });
}
