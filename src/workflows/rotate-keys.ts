import { exclusive } from '../platform/advisory.ts';
import type { Cursor, SealedStore } from '../platform/sealed.ts';
import type { Modules } from '../services.ts';

// Key rotation (issue 10; docs/architecture.md "Keys"): every module holding sealed values
// re-seals, under the current key, the rows whose values name an older key, in batches of N
// rows per transaction, walking its table by primary key. A batch selects only rows that
// still need it, so an interrupted run is resumed by running it again.

/** The job lock of the rotation (the jobs module's are 7_001…). */
export const ROTATE_LOCK = 7_010;

/** Every module's store of sealed values: add one here when a module starts calling vault.encrypt. */
const stores = (s: Modules): SealedStore[] => [s.members.sealed, s.memberships.sealed, s.notifications.sealed];

export interface KeyStatus {
  current: string;
  configured: readonly string[];
  /** values per key id ('clear': not sealed yet), per module and in all */
  stores: { name: string; keys: Record<string, number> }[];
  total: Record<string, number>;
}

export async function keyStatus(s: Modules): Promise<KeyStatus> {
  const per = [];
  const total: Record<string, number> = {};
  for (const store of stores(s)) {
    const keys = await store.keyCounts();
    for (const [k, n] of Object.entries(keys)) total[k] = (total[k] ?? 0) + n;
    per.push({ name: store.name, keys });
  }
  return { current: s.ctx.vault.currentKeyId, configured: s.ctx.vault.keyIds, stores: per, total };
}

/**
 * What boot says and stops on when a stored value names a key the configuration lacks
 * (null when every key in use is configured): rather than a 500 at that value's first read.
 */
export async function missingKeys(s: Modules): Promise<string | null> {
  const status = await keyStatus(s);
  const lacking = Object.keys(status.total).filter((k) => k !== 'clear' && !status.configured.includes(k));
  if (!lacking.length) return null;
  const where = (k: string) => status.stores.filter((x) => x.keys[k]).map((x) => `${x.name}: ${x.keys[k]}`).join(', ');
  return lacking.map((k) => `encryption key "${k}" is still in use (${where(k)} values) but is not configured: `
    + `add it back to PATRON_KEYS (after the current key) and run \`patron keys rotate\` before removing it`).join('\n');
}

export interface RotateOptions {
  /** rows per transaction */
  batch?: number;
  /** stop after this many batches (an interrupted run, for tests and for a maintenance window) */
  maxBatches?: number;
  signal?: AbortSignal;
  onProgress?: (p: { store: string; rows: number; batches: number }) => void;
}

export interface RotateReport {
  current: string;
  /** rows re-sealed per module in this run */
  resealed: Record<string, number>;
  batches: number;
  /** whether every value is now under the current key (false when stopped early by maxBatches or the signal) */
  complete: boolean;
  /** values per key id after the run */
  remaining: Record<string, number>;
}

/** Re-seals every value under the current key; null when another rotation holds the lock. */
export async function rotateKeys(s: Modules, opts: RotateOptions = {}): Promise<RotateReport | null> {
  const batch = opts.batch ?? 500;
  return exclusive(s.ctx, ROTATE_LOCK, async () => {
    const resealed: Record<string, number> = {};
    let batches = 0;
    let stopped = false;
    for (const store of stores(s)) {
      resealed[store.name] = 0;
      let after: Cursor | null = null;
      for (;;) {
        if (opts.signal?.aborted || (opts.maxBatches !== undefined && batches >= opts.maxBatches)) {
          stopped = true;
          break;
        }
        const r = await store.reseal(after, batch);
        if (!r.rows) break;
        batches += 1;
        resealed[store.name]! += r.rows;
        after = r.last;
        opts.onProgress?.({ store: store.name, rows: resealed[store.name]!, batches });
      }
      if (stopped) break;
    }
    const { total: remaining } = await keyStatus(s);
    const complete = Object.keys(remaining).every((k) => k === s.ctx.vault.currentKeyId);
    return { current: s.ctx.vault.currentKeyId, resealed, batches, complete, remaining };
  });
}
