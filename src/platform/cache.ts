import type { Ctx } from './context.ts';

/**
 * A short-lived cache of what services read on every request (program settings, API keys).
 * Changes made in this process clear it at once; other instances see them within the TTL.
 * Only committed reads are kept: what a transaction reads may yet be rolled back.
 */
export function ttlCache<K, V>(ctx: Pick<Ctx, 'db'>, opts: { ttlMs: number; max?: number }) {
  const entries = new Map<K, { at: number; value: V }>();
  return {
    get(key: K): V | undefined {
      const hit = entries.get(key);
      return hit && Date.now() - hit.at < opts.ttlMs ? hit.value : undefined;
    },
    set(key: K, value: V) {
      if (ctx.db.isTransaction) return;
      if (opts.max !== undefined && entries.size >= opts.max) entries.clear();
      entries.set(key, { at: Date.now(), value });
    },
    delete: (key: K) => entries.delete(key),
    clear: () => entries.clear(),
  };
}
