import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import { sha256 } from './crypto.ts';
import { isFailure, M, platformFailure, type DomainError } from './errors.ts';
import { inTransaction } from './transaction.ts';

/** A stable hash of a request: JSON with sorted keys, so field order does not matter. */
export function requestHash(value: unknown): string {
  return sha256(canonical(value));
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export interface Answer<T> {
  status: number;
  body: T;
}

export const KEY_RE = /^[\x21-\x7e]{1,128}$/;

/**
 * Runs work once per (program, scope, key). The key row is inserted first in the same
 * transaction, so a concurrent retry waits on it and then reads the stored answer; the
 * same key with another body is a 409. A failure (returned by work) rolls the transaction
 * back and stores nothing, so the client may retry after fixing the cause.
 */
export async function idempotent<T>(
  db: Db | Trx,
  req: { programId: string; scope: string; key: string | undefined; hash: string },
  work: (trx: Trx) => Promise<Answer<T> | DomainError>,
): Promise<(Answer<T> & { replayed: boolean }) | DomainError> {
  const key = req.key;
  return inTransaction(db, async (trx) => {
    if (key === undefined) {
      const answer = await work(trx);
      return isFailure(answer) ? answer : { ...answer, replayed: false };
    }
    const claimed = await sql<{ key: string }>`
      INSERT INTO idempotency_keys (program_id, scope, key, request_hash, response_status, response_body)
      VALUES (${req.programId}, ${req.scope}, ${key}, ${req.hash}, 0, 'null')
      ON CONFLICT DO NOTHING RETURNING key`.execute(trx);
    if (claimed.rows.length === 0) {
      const prior = await trx.selectFrom('idempotency_keys').select(['request_hash', 'response_status', 'response_body'])
        .where('program_id', '=', req.programId).where('scope', '=', req.scope).where('key', '=', key).executeTakeFirstOrThrow();
      if (prior.request_hash !== req.hash) return idempotencyConflict();
      return { status: prior.response_status, body: prior.response_body as T, replayed: true };
    }
    const answer = await work(trx);
    if (isFailure(answer)) return answer;
    await trx.updateTable('idempotency_keys')
      .set({ response_status: answer.status, response_body: JSON.stringify(answer.body) })
      .where('program_id', '=', req.programId).where('scope', '=', req.scope).where('key', '=', key).execute();
    return { ...answer, replayed: false };
  });
}

/**
 * An erasure (PIPL 第四十七条): the stored answers that name the member (an adjustment's, with
 * its note) keep their key and status, so a retry is still answered and never applied twice,
 * but their body becomes `{ "erased": true }`. They would otherwise keep a staff note about the
 * member until their 30-day retention. How many.
 */
export async function forgetAnswersAbout(db: Db | Trx, programId: string, memberId: string): Promise<number> {
  const r = await sql`UPDATE idempotency_keys SET response_body = '{"erased":true}'::jsonb
    WHERE program_id = ${programId} AND response_body::text LIKE ${`%"${memberId}"%`}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export const idempotencyConflict = () => platformFailure('idempotency_conflict', M.idempotency_conflict(), { field: 'Idempotency-Key' });

/**
 * Retention: stored answers of keys first used before `before` are deleted (a client
 * retries within minutes, not weeks; the answer may carry personal data). How many, or how
 * many it would delete when dry.
 */
export async function purgeIdempotency(db: Db, programId: string, before: Date, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM idempotency_keys WHERE program_id = ${programId} AND created_at < ${before}`.execute(db);
    return r.rows[0]!.n;
  }
  return Number((await db.deleteFrom('idempotency_keys').where('program_id', '=', programId).where('created_at', '<', before).executeTakeFirst()).numDeletedRows);
}
