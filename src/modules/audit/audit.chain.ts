import { createHash } from 'node:crypto';

// The hash chain (pure): a record's hash covers its content and the hash before it, so
// altering, removing or inserting a record breaks every link after it. JSON is written
// canonically (keys sorted at every level), so a record read back from jsonb, whose key
// order is the database's own, hashes the same as when it was written.

/** The chain's first prev_hash. */
export const GENESIS = '0'.repeat(64);

/** What is hashed: every column but the hash itself. */
export interface ChainedContent {
  chain: string;
  seq: number;
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  ip: string | null;
  user_agent: string | null;
  action: string;
  summary: string;
  entity: string;
  entity_id: string | null;
  status: number | null;
  request: unknown;
  before: unknown;
  after: unknown;
  prev_hash: string;
}

/** JSON with object keys sorted at every level; undefined members dropped as JSON does. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x === undefined ? null : x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export const hashOf = (c: ChainedContent) => createHash('sha256').update(canonical(c)).digest('hex');

export interface Break { seq: number; id: string | null; reason: 'hash' | 'link' | 'gap' | 'head' }

/**
 * Walks a chain's records in seq order and says where it first breaks: a record whose hash
 * is not its content's (altered), one whose prev_hash is not the hash before it (one
 * removed or inserted), a seq that skips (removed), or a head that is not the last record
 * (the newest ones removed). `records` may come in pages: pass the state along.
 */
export function verifyPage(records: (ChainedContent & { hash: string })[], state: { seq: number; hash: string }): Break | null {
  for (const r of records) {
    if (r.seq !== state.seq + 1) return { seq: state.seq + 1, id: null, reason: 'gap' };
    if (r.prev_hash !== state.hash) return { seq: r.seq, id: r.id, reason: 'link' };
    const { hash, ...content } = r;
    if (hashOf(content) !== hash) return { seq: r.seq, id: r.id, reason: 'hash' };
    state.seq = r.seq;
    state.hash = hash;
  }
  return null;
}
